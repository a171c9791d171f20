/** What a threat-set entry lists: one page (`url`) or a whole host and its subdomains (`domain`). */
export const THREAT_KINDS = ['url', 'domain'] as const
export type ThreatKind = (typeof THREAT_KINDS)[number]

/** One listed expression, ready for the threat set: its SHA-256, where it came from and when. */
export interface ThreatEntry {
  /** SHA-256 of the Safe Browsing expression (`host/path?query`, or `host/` for a domain). */
  fullHash: Uint8Array
  source: string
  /** When the source last asserted the entry, in ms since the epoch. */
  addedAt: number
  kind: ThreatKind
}

/** One hit in the threat set, confirmed against the full hash. */
export interface ThreatMatch {
  source: string
  /** The expression of the looked-up URL that matched, e.g. `evil.example/`. */
  expression: string
  kind: ThreatKind
  addedAt: number
  ageMs: number
  /** Only fresh matches may produce `malicious` (see freshness.ts). */
  fresh: boolean
  /** Why a match is not fresh; absent when it is. */
  staleBecause?: StaleReason
}

export type StaleReason = 'entry-too-old' | 'source-not-refreshed' | 'set-not-refreshed'

/** The byte pair after the 4-byte prefix, kept in memory to confirm a hit to 48 bits before any I/O. */
export function checkWordOf(hash: Uint8Array): number {
  return ((hash[4] ?? 0) << 8) | (hash[5] ?? 0)
}
