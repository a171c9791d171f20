import type { Category } from '../vocabulary.js'

/** Facts about a link worth a second look; safety heuristics read these. */
export const LINK_FLAGS = ['ip-host', 'localhost', 'idn', 'obfuscated', 'credentials', 'schemeless'] as const
export type LinkFlag = (typeof LINK_FLAGS)[number]

/** One recognised link: where it is in the text (UTF-16 indices) and what it is. */
export interface LinkSpan {
  /** Exactly `text.slice(start, end)`. */
  raw: string
  start: number
  end: number
  /** Absolute canonical URL (WHATWG serialisation; IDN hosts in punycode; full-width folded by NFKC). */
  url: string
  /** Canonical host name (punycode; IPv6 in brackets). */
  host: string
  /** Registrable domain (tldts, ICANN section), or null for IP literals and localhost. */
  domain: string | null
  /** Registry provider id, or null when no provider owns the host. */
  provider: string | null
  category: Category
  flags: LinkFlag[]
}

/** A platform share: a share token (淘口令, 京口令) or a recognised share text. */
export interface Share {
  provider: string
  kind: 'token' | 'share-text'
  token?: string
  title?: string
  /** Index into the links array of the link this share carries. */
  linkIndex?: number
}

/** Links and shares of one message; `extract` has already applied share attribution to the links. */
export interface ExtractResult {
  links: LinkSpan[]
  shares: Share[]
}
