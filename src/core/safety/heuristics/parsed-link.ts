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
  const direct = tryUrl(text)
  // A bare host (`evil.example/x`, `evil.example:8080/x`) gets `http://`; `mailto:` and the like do not.
  const bareHost = !/^[^/]*:/.test(text) || /^[^/:@]+:\d+(\/|$)/.test(text)
  const url = direct !== null && direct.hostname !== '' ? direct : bareHost ? tryUrl(`http://${text}`) : null
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
