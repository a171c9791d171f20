import { parse } from 'tldts'

/** A link parsed once for all heuristics: the WHATWG URL and tldts's split of its hostname. */
export interface ParsedLink {
  url: URL
  /** WHATWG hostname: lowercase, punycode, IPv4 normalised, IPv6 in brackets. */
  hostname: string
  host: ReturnType<typeof parse>
}

/**
 * Parses with the WHATWG URL parser (adding `http://` to a bare host), then splits the host with tldts.
 * @example parseLink('www.jd.com@evil.example')?.hostname // 'evil.example'
 */
export function parseLink(raw: string): ParsedLink | null {
  const text = raw.trim()
  const url = tryUrl(text) ?? (/^[a-z][a-z0-9+.-]*:/i.test(text) ? null : tryUrl(`http://${text}`))
  if (url === null || url.hostname === '') return null
  return { url, hostname: url.hostname, host: parse(url.hostname, { extractHostname: false }) }
}

function tryUrl(text: string): URL | null {
  try {
    return new URL(text)
  } catch {
    return null
  }
}
