import type { StaleReason, ThreatKind } from './threat-entry.js'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/**
 * When threat data may still produce `malicious`. Safe Browsing refuses to warn on a local list more than
 * 30 minutes old; imported feeds refresh far less often, so each limit here is explicit and configurable.
 */
export interface FreshnessRules {
  /** Max time since an entry's `addedAt`, by kind. */
  maxEntryAgeMs: Record<ThreatKind, number>
  /** Max time since a source's last import. */
  maxSourceAgeMs: number
  /** Per-source overrides of the two limits above. */
  perSource: Record<string, { maxEntryAgeMs?: Partial<Record<ThreatKind, number>>; maxSourceAgeMs?: number }>
  /** Max time since this node last confirmed its in-memory set matches the database. */
  maxSetAgeMs: number
}

/**
 * URL entries live a week, domain entries a month; a source must be re-imported within 3 days and a
 * node must re-confirm its set within an hour.
 * @example maxEntryAge(DEFAULT_FRESHNESS, 'urlhaus', 'url') // 604800000
 */
export const DEFAULT_FRESHNESS: FreshnessRules = {
  maxEntryAgeMs: { url: 7 * DAY, domain: 30 * DAY },
  maxSourceAgeMs: 3 * DAY,
  perSource: {},
  maxSetAgeMs: HOUR,
}

/**
 * The entry age limit for one source and kind.
 * @example maxEntryAge(rules, 'openphish', 'url')
 */
export function maxEntryAge(rules: FreshnessRules, source: string, kind: ThreatKind): number {
  return rules.perSource[source]?.maxEntryAgeMs?.[kind] ?? rules.maxEntryAgeMs[kind]
}

/**
 * Why data with these timestamps may not produce `malicious` at `now`, or `null` when it may.
 * Checked from the widest scope down, so the reason names the thing to refresh.
 * @example staleReason(DEFAULT_FRESHNESS, { source: 'urlhaus', kind: 'url', addedAt, sourceImportedAt, setRefreshedAt }, now)
 */
export function staleReason(
  rules: FreshnessRules,
  at: { source: string; kind: ThreatKind; addedAt: number; sourceImportedAt: number; setRefreshedAt: number },
  now: number,
): StaleReason | null {
  if (now - at.setRefreshedAt > rules.maxSetAgeMs) return 'set-not-refreshed'
  const sourceLimit = rules.perSource[at.source]?.maxSourceAgeMs ?? rules.maxSourceAgeMs
  if (now - at.sourceImportedAt > sourceLimit) return 'source-not-refreshed'
  if (now - at.addedAt > maxEntryAge(rules, at.source, at.kind)) return 'entry-too-old'
  return null
}
