// Keys that identify a reporter, in any payload shape the complaint desk writes or may write.
const REPORTER_KEY = /^reporter(Id|Hash|s|Ids|Hashes)?$|^(senderId|submittedBy|evidence)$/i

/**
 * A copy of a ledger payload with reporter identities removed at any depth, for auditors: the
 * decision, its grounds and its statement of reasons stay; who reported does not.
 * @example redactStatement({ reporter: 'h1', statement: { reason: 'CONTENT_FRAUD' } }) // { statement: { reason: 'CONTENT_FRAUD' } }
 */
export function redactStatement(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactStatement)
  if (typeof value !== 'object' || value === null) return value
  const out: Record<string, unknown> = {}
  for (const [key, inner] of Object.entries(value))
    if (!REPORTER_KEY.test(key)) out[key] = redactStatement(inner)
  return out
}
