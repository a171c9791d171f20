import type { AddressGuard } from './address-guard.js'
import { parseIp } from './address-guard.js'
import { FetchError } from './fetch-error.js'

export interface UrlGuardOptions {
  guard: AddressGuard
  allowedPorts: readonly number[]
}

/**
 * Parses and vets a URL before any socket exists: scheme, port, IP-literal host, `localhost` names.
 * Hostnames are vetted again, per resolved address, in the connector.
 * WHATWG URL §4.4 (host parsing) already turns decimal, octal, hex and short IPv4 into dotted decimal,
 * and IPv6 into its compressed form, so every literal spelling reaches the guard canonicalised.
 * @example
 * checkUrl('http://0x7f.1/', { guard, allowedPorts: [80, 443] }) // throws FetchError fetch_blocked
 */
export function checkUrl(raw: string | URL, options: UrlGuardOptions): URL {
  let url: URL
  try {
    url = new URL(raw)
  } catch (cause) {
    throw new FetchError('bad_url', `not a URL: ${truncateForMessage(String(raw))}`, { cause })
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchError('fetch_blocked', `scheme ${url.protocol} is not allowed`)
  }
  const host = url.hostname
  if (host === '') throw new FetchError('bad_url', 'URL has no host')
  const literal = parseIp(host)
  if (literal !== null) {
    const verdict = options.guard(host)
    if (!verdict.allowed) throw new FetchError('fetch_blocked', `address ${host} is ${verdict.range}`)
  } else if (isLocalhostName(host) && !options.guard('127.0.0.1').allowed && !options.guard('::1').allowed) {
    // RFC 6761 §6.3: these names are loopback by definition, whatever a resolver says.
    throw new FetchError('fetch_blocked', `host ${host} is loopback`)
  }
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port)
  if (!options.allowedPorts.includes(port))
    throw new FetchError('fetch_blocked', `port ${port} is not allowed`)
  // Credentials in a link are never forwarded to its host.
  url.username = ''
  url.password = ''
  url.hash = ''
  return url
}

function isLocalhostName(host: string): boolean {
  const name = host.endsWith('.') ? host.slice(0, -1) : host
  return name === 'localhost' || name.endsWith('.localhost')
}

function truncateForMessage(value: string): string {
  return value.length > 200 ? `${value.slice(0, 200)}…` : value
}
