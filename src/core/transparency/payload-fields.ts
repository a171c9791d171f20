// Ledger payloads are read defensively: a field that is missing or of the wrong type reads as null, so
// an older or newer payload shape lowers a count instead of breaking the report.

/** The payload as a record; `{}` for anything else. */
export function payloadOf(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {}
}

/** A non-empty string field, or null. */
export function stringField(record: Record<string, unknown>, key: string): string | null {
  const value = record[key]
  return typeof value === 'string' && value !== '' ? value : null
}

/** A finite number field, or null. */
export function numberField(record: Record<string, unknown>, key: string): number | null {
  const value = record[key]
  return typeof value === 'number' && Number.isFinite(value) ? value : null
}

/** A boolean field, or null. */
export function booleanField(record: Record<string, unknown>, key: string): boolean | null {
  const value = record[key]
  return typeof value === 'boolean' ? value : null
}

/** A time field as epoch milliseconds, or null when absent or unparseable. */
export function timeField(record: Record<string, unknown>, key: string): number | null {
  const value = stringField(record, key)
  if (value === null) return null
  const ms = Date.parse(value)
  return Number.isNaN(ms) ? null : ms
}

/** The first string among several candidate fields. */
export function firstString(record: Record<string, unknown>, keys: readonly string[]): string | null {
  for (const key of keys) {
    const value = stringField(record, key)
    if (value !== null) return value
  }
  return null
}
