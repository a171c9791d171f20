/** One difference between two JSON values, at a path of keys and indices. */
export interface JsonChange {
  path: (string | number)[]
  op: 'add' | 'remove' | 'change'
  before?: unknown
  after?: unknown
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * A structural diff of two JSON values, for policy history and ledger payloads.
 * Arrays are compared index by index: a rule inserted mid-list shows as changes from there on.
 * @example diffJson({ a: 1 }, { a: 2, b: 3 }) // [{path:['a'],op:'change',before:1,after:2},{path:['b'],op:'add',after:3}]
 */
export function diffJson(
  before: unknown,
  after: unknown,
  path: (string | number)[] = [],
  out: JsonChange[] = [],
): JsonChange[] {
  if (Array.isArray(before) && Array.isArray(after)) {
    const length = Math.max(before.length, after.length)
    for (let i = 0; i < length; i++) {
      if (i >= before.length) out.push({ path: [...path, i], op: 'add', after: after[i] })
      else if (i >= after.length) out.push({ path: [...path, i], op: 'remove', before: before[i] })
      else diffJson(before[i], after[i], [...path, i], out)
    }
    return out
  }
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()
    for (const key of keys) {
      if (!(key in before)) out.push({ path: [...path, key], op: 'add', after: after[key] })
      else if (!(key in after)) out.push({ path: [...path, key], op: 'remove', before: before[key] })
      else diffJson(before[key], after[key], [...path, key], out)
    }
    return out
  }
  if (JSON.stringify(before) !== JSON.stringify(after)) out.push({ path, op: 'change', before, after })
  return out
}
