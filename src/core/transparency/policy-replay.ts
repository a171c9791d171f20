import type { JsonChange } from '../json-diff.js'

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isChange(value: unknown): value is JsonChange {
  return (
    isRecord(value) &&
    Array.isArray(value.path) &&
    (value.op === 'add' || value.op === 'remove' || value.op === 'change')
  )
}

function setAt(root: unknown, path: readonly (string | number)[], value: unknown, remove: boolean): unknown {
  if (path.length === 0) return remove ? null : structuredClone(value)
  let node: unknown = root
  for (const key of path.slice(0, -1)) {
    node = Array.isArray(node) ? node[Number(key)] : isRecord(node) ? node[String(key)] : undefined
    if (node === undefined) return root
  }
  const last = path[path.length - 1]!
  if (Array.isArray(node)) {
    const index = Number(last)
    if (remove) node.splice(index, 1)
    else node[index] = structuredClone(value)
  } else if (isRecord(node)) {
    if (remove) delete node[String(last)]
    else node[String(last)] = structuredClone(value)
  }
  return root
}

/**
 * Applies a `diffJson` change list (src/core/json-diff.ts) to a document, so that every published policy
 * can be rebuilt from the ledger alone: the first `policy.published` diff replaces the root, each later
 * one is applied to the previous document. Array removals only ever drop the tail, so they run last
 * and from the highest index down. Returns null when the changes are not a change list.
 * @example applyJsonDiff({ a: 1 }, [{ path: ['a'], op: 'change', before: 1, after: 2 }]) // { a: 2 }
 */
export function applyJsonDiff(before: unknown, changes: unknown): unknown {
  if (!Array.isArray(changes) || !changes.every(isChange)) return null
  let doc: unknown = structuredClone(before)
  const removals = changes.filter((c) => c.op === 'remove')
  for (const change of changes) if (change.op !== 'remove') doc = setAt(doc, change.path, change.after, false)
  const byDepthThenIndex = [...removals].sort((a, b) => {
    if (a.path.length !== b.path.length) return b.path.length - a.path.length
    const la = a.path[a.path.length - 1]
    const lb = b.path[b.path.length - 1]
    return typeof la === 'number' && typeof lb === 'number' ? lb - la : 0
  })
  for (const change of byDepthThenIndex) doc = setAt(doc, change.path, undefined, true)
  return doc
}
