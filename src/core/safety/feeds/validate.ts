import { parseIpv4, safeBrowsingParts } from '../../links/safe-browsing.js'

const DOMAIN =
  /^(?=.{1,253}$)(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/

/**
 * The URL as given (trimmed) when it is an http(s) URL, or scheme-less, with a plausible host; else `null`.
 * @example feedUrl('hxxp://evil.example/') // null (defanged, not a URL)
 */
export function feedUrl(raw: string): string | null {
  const url = raw.trim()
  if (url === '' || /\s/.test(url)) return null
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(url)?.[1]?.toLowerCase()
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https' && !/^[^/]*:\d+(\/|$)/.test(url))
    return null
  const parts = safeBrowsingParts(url)
  if (parts === null) return null
  return plausibleHost(parts.host) ? url : null
}

/**
 * A feed's domain in lowercase ASCII (punycode), without a leading `*.` or trailing dot; else `null`.
 * @example feedDomain('*.Evil.Example.') // 'evil.example'
 */
export function feedDomain(raw: string): string | null {
  let domain = raw.trim().toLowerCase().replace(/^\*\./, '').replace(/\.$/, '')
  if (domain === '' || /[\s/:@?#]/.test(domain)) return null
  if (/[^\x21-\x7e]/.test(domain)) {
    try {
      domain = new URL(`http://${domain}/`).hostname
    } catch {
      return null
    }
  }
  if (parseIpv4(domain) !== null && /^\d+\.\d+\.\d+\.\d+$/.test(domain)) return domain
  return DOMAIN.test(domain) ? domain : null
}

function plausibleHost(host: string): boolean {
  if (host.startsWith('[')) return /^\[[0-9a-f:.]+\]$/.test(host)
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return true
  return feedDomain(host) !== null
}

/**
 * Milliseconds since the epoch for the date formats feeds use (`2024-05-01 10:11:12` is UTC), or `undefined`.
 * @example feedDate('2024-05-01 10:11:12') // 1714558272000
 */
export function feedDate(raw: string | undefined): number | undefined {
  const text = raw?.trim()
  if (text === undefined || text === '') return undefined
  const iso = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/.test(text) ? `${text.replace(' ', 'T')}Z` : text
  const ms = Date.parse(iso)
  return Number.isFinite(ms) ? ms : undefined
}
