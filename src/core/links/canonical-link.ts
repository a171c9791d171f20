import { hostFacts, type HostFacts } from './host-facts.js'
import { decodePunycodeLabel } from './punycode.js'
import { isTrackingParam } from './tracking-params.js'

/** A parsed, canonical http(s) link. */
export interface CanonicalLink {
  url: string
  host: string
  facts: HostFacts
  credentials: boolean
  pathname: string
}

/**
 * Canonicalise a link written by a person: NFKC for full-width forms, `http://` for scheme-less
 * links, then the WHATWG URL parser (lower-case host, punycode IDN, IPv4 normalisation). Null when
 * it is not an http(s) URL with a valid public host, an IP literal or localhost.
 * @example canonicaliseLink('ＪＤ．ｃｏｍ/品')?.url // 'http://jd.com/%E5%93%81'
 */
export function canonicaliseLink(input: string): CanonicalLink | null {
  let text = input.trim()
  if (text.length === 0) return null
  if (hasNonAscii(text)) text = text.normalize('NFKC')
  if (!/^https?:\/\//i.test(text)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(text) && !/^[^:/]+:\d/.test(text)) return null
    text = `http://${text.replace(/^\/\//, '')}`
  }
  return canonicaliseHref(text)
}

/**
 * Canonicalise an absolute http(s) URL string with WHATWG URL; the recogniser's fast path.
 * @example canonicaliseHref('HTTPS://Jd.COM')?.url // 'https://jd.com/'
 */
export function canonicaliseHref(href: string): CanonicalLink | null {
  let parsed: URL
  try {
    parsed = new URL(href)
  } catch {
    return null
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null
  // `jd.com.` (fully qualified) is the same host as `jd.com`; one spelling keeps lookups and keys equal.
  if (parsed.hostname.endsWith('.') && parsed.hostname.length > 1)
    parsed.hostname = parsed.hostname.slice(0, -1)
  const host = parsed.hostname
  if (host.length === 0 || host.endsWith('.')) return null
  const facts = hostFacts(host)
  if (facts.kind === 'invalid') return null
  return {
    url: parsed.href,
    host,
    facts,
    credentials: parsed.username !== '' || parsed.password !== '',
    pathname: parsed.pathname,
  }
}

/**
 * A short human-readable form for cards and safety pages: no scheme, no credentials, Chinese IDN
 * labels shown as Unicode (other scripts stay punycode, as a homograph defence), UTF-8 escapes decoded.
 * @example displayForm('https://xn--fsqu00a.xn--fiqs8s/%E8%B7%AF%E5%BE%84') // '例子.中国/路径'
 */
export function displayForm(url: string): string {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return url
  }
  const host = parsed.hostname.split('.').map(displayLabel).join('.')
  const port = parsed.port === '' ? '' : `:${parsed.port}`
  const path = parsed.pathname === '/' ? '' : parsed.pathname
  return `${host}${port}${decodeUtf8Escapes(path)}${decodeUtf8Escapes(parsed.search)}`
}

function displayLabel(label: string): string {
  if (!label.startsWith('xn--')) return label
  const decoded = decodePunycodeLabel(label.slice(4))
  if (decoded === null) return label
  // Only a label made wholly of CJK characters is shown decoded; mixed or Latin-lookalike labels are not.
  return /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}0-9-]+$/u.test(decoded)
    ? decoded
    : label
}

function decodeUtf8Escapes(text: string): string {
  if (!text.includes('%')) return text
  // Decode only runs of escapes that form non-ASCII UTF-8, so `%2F`, `%26`, `%20` keep their meaning.
  return text.replace(/(?:%[89A-Fa-f][0-9A-Fa-f])+/g, (run) => {
    try {
      return decodeURIComponent(run)
    } catch {
      return run
    }
  })
}

/**
 * The card/cache key of a link: its canonical URL without tracking parameters or fragment. The query
 * is neither reordered nor re-encoded, so two keys are equal only when the pages are.
 * @example cardKey('https://www.bilibili.com/video/BV1x?p=2&vd_source=ab&share_source=copy_web') // 'https://www.bilibili.com/video/BV1x?p=2'
 */
export function cardKey(url: string): string | null {
  const link = canonicaliseLink(url)
  if (link === null) return null
  const href = link.url
  const hash = href.indexOf('#')
  const noFragment = hash < 0 ? href : href.slice(0, hash)
  const q = noFragment.indexOf('?')
  if (q < 0) return noFragment
  const kept = noFragment
    .slice(q + 1)
    .split('&')
    .filter((pair) => {
      if (pair === '') return false
      const eq = pair.indexOf('=')
      return eq < 0 ? !isTrackingParam(pair, '') : !isTrackingParam(pair.slice(0, eq), pair.slice(eq + 1))
    })
  return kept.length === 0 ? noFragment.slice(0, q) : `${noFragment.slice(0, q)}?${kept.join('&')}`
}

function hasNonAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return true
  return false
}
