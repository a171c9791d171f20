import { fullHash, listingExpression, safeBrowsingParts } from '../../links/safe-browsing.js'
import type { ThreatEntry } from '../threat-entry.js'
import type { FeedEntry } from './feed-entry.js'

/**
 * How an entry is dated. `import`: when this import ran, right for snapshot feeds (URLhaus online,
 * OpenPhish, PhishTank online-valid), whose re-listing is itself the evidence the threat is current.
 * `feed`: the feed's own date, for append-only history; never later than the import.
 */
export type FeedDating = 'import' | 'feed'

export interface ToThreatEntryOptions {
  source: string
  importedAt: number
  dating?: FeedDating
}

/** A threat-set entry plus the expression it hashes, which the database keeps for audit and display. */
export interface HashedFeedEntry extends ThreatEntry {
  expression: string
}

/**
 * The Safe Browsing expression a feed entry lists: `host/path?query` for a URL, `host/` for a domain.
 * @example feedExpression({ kind: 'domain', domain: 'evil.example', line: 1 }) // 'evil.example/'
 */
export function feedExpression(entry: FeedEntry): string | null {
  if (entry.kind === 'url') return listingExpression(entry.url)
  const host = safeBrowsingParts(`http://${entry.domain}/`)?.host
  return host === undefined ? null : `${host}/`
}

/**
 * Hashes a feed entry for the threat set; `null` when it has no canonical expression.
 * @example toThreatEntry(entry, { source: 'urlhaus', importedAt: now })
 */
export function toThreatEntry(entry: FeedEntry, options: ToThreatEntryOptions): HashedFeedEntry | null {
  const expression = feedExpression(entry)
  if (expression === null) return null
  const fromFeed = options.dating === 'feed' ? entry.addedAt : undefined
  return {
    expression,
    fullHash: fullHash(expression),
    source: options.source,
    kind: entry.kind,
    addedAt: Math.min(fromFeed ?? options.importedAt, options.importedAt),
  }
}
