/** Feed formats Hutong imports; `phishtank` sniffs JSON (`[`) or CSV from the first characters. */
export const FEED_FORMATS = [
  'urlhaus',
  'phishtank',
  'phishtank-json',
  'phishtank-csv',
  'openphish',
  'list',
] as const
export type FeedFormat = (typeof FEED_FORMATS)[number]

/** One usable row of a feed: a URL (one page) or a domain (the host and its subdomains). */
export type FeedEntry =
  | { kind: 'url'; url: string; addedAt?: number; line: number }
  | { kind: 'domain'; domain: string; addedAt?: number; line: number }

/**
 * A row that produced no entry. `skipped` rows are well-formed but not threats now (offline,
 * unverified); `invalid` rows are malformed. Comments, blank lines and headers are neither.
 */
export interface FeedProblem {
  type: 'skipped' | 'invalid'
  line: number
  code: FeedProblemCode
  message: string
}

export type FeedProblemCode =
  | 'FEED_OFFLINE'
  | 'FEED_UNVERIFIED'
  | 'FEED_ROW_MALFORMED'
  | 'FEED_URL_INVALID'
  | 'FEED_DOMAIN_INVALID'
  | 'FEED_ROW_TOO_LONG'

export type FeedRecord = { type: 'entry'; entry: FeedEntry } | FeedProblem

/** A streaming parser: feed it text chunks in order, then call `end` once. Never throws on input. */
export interface FeedParser {
  push(chunk: string): FeedRecord[]
  end(): FeedRecord[]
}

export interface FeedParserOptions {
  /** URLhaus rows whose `url_status` is `offline` are skipped unless this is set. */
  includeOffline?: boolean
  /** For plain lists: what a bare host means. `auto` (default) makes it a domain and anything with a path a URL. */
  listKind?: 'auto' | 'url' | 'domain'
}

/** Keeps the longest single record bounded, so a missing quote cannot swallow a whole feed into memory. */
export const MAX_RECORD_CHARS = 64 * 1024
