/**
 * Client versions are dotted numbers ("8.0.16", at most 4 parts); a leading "v" and a pre-release or
 * build suffix after '-' or '+' are ignored, because platforms gate features on the release line.
 * Hand-written rather than a regex because it runs per decision.
 */
const MAX_PARTS = 4
const MAX_DIGITS = 9

/**
 * Parse a client version into its numeric parts, or null when it is not a dotted version.
 * @example parseClientVersion('8.0.16') // [8, 0, 16]
 */
export function parseClientVersion(text: string): number[] | null {
  const s = text.trim()
  let i = s.charCodeAt(0) === 118 /* v */ ? 1 : 0
  const parts: number[] = []
  let value = 0
  let digits = 0
  for (; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : -1
    if (c >= 48 && c <= 57) {
      if (++digits > MAX_DIGITS) return null
      value = value * 10 + (c - 48)
      continue
    }
    if (digits === 0) return null
    parts.push(value)
    value = 0
    digits = 0
    if (c === 46 /* . */) {
      if (parts.length === MAX_PARTS) return null
      continue
    }
    if (c === -1) return parts
    // '-' or '+' starts a suffix made of [0-9A-Za-z.-]
    if (c !== 45 && c !== 43) return null
    return /^[0-9A-Za-z.-]*$/.test(s.slice(i + 1)) ? parts : null
  }
  return parts
}

/**
 * Compare two parsed versions; missing parts count as 0, so "8.0" equals "8.0.0".
 * @example compareClientVersions([8, 0, 9], [8, 0, 16]) // -1
 */
export function compareClientVersions(a: readonly number[], b: readonly number[]): -1 | 0 | 1 {
  const n = Math.max(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const x = a[i] ?? 0
    const y = b[i] ?? 0
    if (x !== y) return x < y ? -1 : 1
  }
  return 0
}
