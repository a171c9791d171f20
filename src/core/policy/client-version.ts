/**
 * Client versions are dotted numbers ("8.0.16"); a pre-release or build suffix after '-' or '+' is
 * ignored, because platforms gate features on the release line, not on a build.
 */
const VERSION = /^v?(\d{1,9}(?:\.\d{1,9}){0,3})(?:[-+][0-9A-Za-z.-]*)?$/

/**
 * Parse a client version into its numeric parts, or null when it is not a dotted version.
 * @example parseClientVersion('8.0.16') // [8, 0, 16]
 */
export function parseClientVersion(text: string): number[] | null {
  const m = VERSION.exec(text.trim())
  if (!m?.[1]) return null
  return m[1].split('.').map(Number)
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
