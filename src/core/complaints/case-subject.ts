import { canonicaliseLink, cardKey } from '../links/canonical-link.js'

/** What a case is about: one canonical link, and the registrable domain it rolls up to. */
export interface CaseSubject {
  /** The card key: the canonical URL without tracking parameters or fragment. One case per key. */
  key: string
  host: string
  /** Registrable domain; the host itself for IP literals and localhost. */
  domain: string
}

/**
 * The case subject of a reported URL, or null when it is not an http(s) link.
 * @example caseSubject('https://item.jd.com/1.html?utm_source=x')?.key // 'https://item.jd.com/1.html'
 */
export function caseSubject(url: string): CaseSubject | null {
  const link = canonicaliseLink(url)
  if (link === null) return null
  const key = cardKey(link.url)
  if (key === null) return null
  return { key, host: link.host, domain: link.facts.domain ?? link.host }
}

/**
 * The url-prefix a `url-prefix` decision covers by default: origin and path, with no query.
 * @example defaultPrefix('https://a.com/shop/1?x=1') // 'https://a.com/shop/1'
 */
export function defaultPrefix(subjectKey: string): string {
  const q = subjectKey.indexOf('?')
  return q < 0 ? subjectKey : subjectKey.slice(0, q)
}
