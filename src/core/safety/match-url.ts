import { fullHash, prefixOf, safeBrowsingExpressions } from '../links/safe-browsing.js'
import type { FreshnessRules } from './freshness.js'
import { staleReason } from './freshness.js'
import type { FullHashStore } from './full-hash-store.js'
import { storeHas } from './full-hash-store.js'
import type { ThreatMatch } from './threat-entry.js'
import { checkWordOf } from './threat-entry.js'
import type { ThreatSet } from './threat-set.js'

export interface MatchOptions {
  now: number
  freshness: FreshnessRules
  /** Confirms hits on the full 32-byte hash; a service fills it with the rows for `prefixesToConfirm`. */
  fullHashes: FullHashStore
}

/**
 * Every listed expression of `rawUrl`, confirmed on the full hash, with its source, age and freshness.
 * @example matchUrl(set, 'https://login.evil.example/x', { now, freshness: DEFAULT_FRESHNESS, fullHashes })
 */
export function matchUrl(set: ThreatSet, rawUrl: string, options: MatchOptions): ThreatMatch[] {
  const matches: ThreatMatch[] = []
  for (const expression of safeBrowsingExpressions(rawUrl)) {
    const hash = fullHash(expression)
    const indices = set.candidates(prefixOf(hash), checkWordOf(hash))
    if (indices.length === 0 || !storeHas(options.fullHashes, hash)) continue
    for (const index of indices) {
      const entry = set.entry(index)
      if (entry === null) continue
      const reason = staleReason(
        options.freshness,
        { ...entry, setRefreshedAt: set.refreshedAt },
        options.now,
      )
      matches.push({
        source: entry.source,
        expression,
        kind: entry.kind,
        addedAt: entry.addedAt,
        ageMs: Math.max(0, options.now - entry.addedAt),
        fresh: reason === null,
        ...(reason === null ? {} : { staleBecause: reason }),
      })
    }
  }
  return matches
}

/**
 * The 4-byte prefixes of `rawUrl` that hit the in-memory set, i.e. the only rows a full-hash store needs.
 * @example const rows = await db.threatRowsByPrefix(prefixesToConfirm(set, url))
 */
export function prefixesToConfirm(set: ThreatSet, rawUrl: string): number[] {
  const prefixes = new Set<number>()
  for (const expression of safeBrowsingExpressions(rawUrl)) {
    const hash = fullHash(expression)
    const prefix = prefixOf(hash)
    if (set.has(prefix, checkWordOf(hash))) prefixes.add(prefix)
  }
  return [...prefixes]
}
