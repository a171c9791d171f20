import { createHash, hash as oneShotHash } from 'node:crypto'

/**
 * Safe Browsing v4 URL canonicalisation and suffix/prefix expressions
 * (https://developers.google.com/safe-browsing/v4/urls-hashing).
 *
 * The spec is byte-oriented, so the work happens on a "byte string": the input is UTF-8 encoded and
 * every char of the working string is one byte (0–255). Percent-unescaping yields raw bytes, and the
 * final escape turns every byte <= 0x20, >= 0x7f, `#` and `%` back into `%XX`, so the output is ASCII.
 *
 * One documented extension: a host whose unescaped bytes are valid UTF-8 outside ASCII is converted to
 * its IDNA (punycode) form, as Chrome's own canonicaliser does, so a feed listing `xn--…` and a message
 * holding the Unicode spelling hash the same.
 */

export interface SafeBrowsingParts {
  scheme: string
  /** Canonical host, escaped; an IPv4 address in dotted-decimal form. */
  host: string
  /** Canonical path, escaped, always starting with `/`. */
  path: string
  /** Escaped query without its `?`; `null` when the URL has no `?` at all. */
  query: string | null
}

const MAX_INPUT_LENGTH = 8192
const MAX_UNESCAPE_ROUNDS = 64
const SCHEME_WITH_SLASHES = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//
const SPECIAL_SCHEME_LOOSE = /^(https?):\/*/i
// Bytes the spec's final step escapes: <= 0x20, >= 0x7f, '#' and '%'.
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[\u0000-\u0020\u007f-\u00ff#%]/

/**
 * Canonicalises a URL per Safe Browsing v4; `null` when it has no host.
 * @example safeBrowsingCanonical('http://www.GOOgle.com.../') // 'http://www.google.com/'
 */
export function safeBrowsingCanonical(raw: string): string | null {
  const parts = safeBrowsingParts(raw)
  if (parts === null) return null
  return `${parts.scheme}://${parts.host}${parts.path}${parts.query === null ? '' : `?${parts.query}`}`
}

/**
 * The canonical URL split into scheme, host, path and query.
 * @example safeBrowsingParts('http://3279880203/blah')?.host // '195.127.0.11'
 */
export function safeBrowsingParts(raw: string): SafeBrowsingParts | null {
  if (raw.length > MAX_INPUT_LENGTH) return null
  // Spec: remove tab, CR and LF anywhere; leading and trailing spaces (and C0 controls) go too.
  const trimmed = trimControlsAndSpaces(raw.replace(/[\t\r\n]/g, ''))
  if (trimmed === '') return null
  let s = toByteString(trimmed)
  const fragment = s.indexOf('#')
  if (fragment >= 0) s = s.slice(0, fragment)

  let scheme = 'http'
  let rest = s
  const withSlashes = SCHEME_WITH_SLASHES.exec(s)
  const loose = withSlashes === null ? SPECIAL_SCHEME_LOOSE.exec(s) : null
  const schemeMatch = withSlashes ?? loose
  if (schemeMatch !== null) {
    scheme = (schemeMatch[1] ?? 'http').toLowerCase()
    rest = s.slice(schemeMatch[0].length)
  }

  const authorityEnd = firstIndexOf(rest, '/', '?')
  const authority = authorityEnd < 0 ? rest : rest.slice(0, authorityEnd)
  const pathAndQuery = authorityEnd < 0 ? '' : rest.slice(authorityEnd)

  const host = canonicalHost(stripPort(authority.slice(authority.lastIndexOf('@') + 1)))
  if (host === null) return null

  const queryStart = pathAndQuery.indexOf('?')
  const rawPath = queryStart < 0 ? pathAndQuery : pathAndQuery.slice(0, queryStart)
  const rawQuery = queryStart < 0 ? null : pathAndQuery.slice(queryStart + 1)

  return {
    scheme,
    host: escapeBytes(host),
    path: escapeBytes(canonicalPath(unescapeRepeatedly(rawPath))),
    // Spec: path canonicalisation is not applied to the query, only un- and re-escaping.
    query: rawQuery === null ? null : escapeBytes(unescapeRepeatedly(rawQuery)),
  }
}

/**
 * The up to 30 host-suffix × path-prefix expressions a client hashes for one URL, most specific first.
 * @example safeBrowsingExpressions('http://a.b.c/1/2.html?param=1')[0] // 'a.b.c/1/2.html?param=1'
 */
export function safeBrowsingExpressions(raw: string): string[] {
  const parts = safeBrowsingParts(raw)
  if (parts === null) return []
  const expressions: string[] = []
  for (const host of hostSuffixes(parts.host)) {
    for (const path of pathPrefixes(parts.path, parts.query)) expressions.push(host + path)
  }
  return expressions
}

/**
 * The expression a listed URL is stored under: its canonical host, path and query.
 * @example listingExpression('HTTP://Evil.example/a/../b?x#f') // 'evil.example/b?x'
 */
export function listingExpression(raw: string): string | null {
  const parts = safeBrowsingParts(raw)
  if (parts === null) return null
  return `${parts.host}${parts.path}${parts.query === null ? '' : `?${parts.query}`}`
}

/**
 * SHA-256 of an expression (expressions are ASCII after canonicalisation).
 * @example toHex(fullHash('abc')).slice(0, 8) // 'ba7816bf'
 */
export function fullHash(expression: string): Uint8Array {
  // The one-shot form (Node >= 20.12) is about 3x faster than a Hash object for inputs this small.
  if (typeof oneShotHash === 'function' && isAscii(expression))
    return oneShotHash('sha256', expression, 'buffer')
  return createHash('sha256').update(expression, 'latin1').digest()
}

/**
 * The first 4 bytes of an expression's SHA-256, as an unsigned big-endian integer.
 * @example hashPrefix('abc') === 0xba7816bf
 */
export function hashPrefix(expression: string): number {
  return prefixOf(fullHash(expression))
}

/**
 * Reads the first 4 bytes of a hash as an unsigned big-endian integer.
 * @example prefixOf(new Uint8Array([0, 0, 1, 0])) // 256
 */
export function prefixOf(hash: Uint8Array): number {
  return (((hash[0] ?? 0) << 24) | ((hash[1] ?? 0) << 16) | ((hash[2] ?? 0) << 8) | (hash[3] ?? 0)) >>> 0
}

/**
 * Lowercase hex of some bytes.
 * @example toHex(new Uint8Array([0xba, 0x78])) // 'ba78'
 */
export function toHex(bytes: Uint8Array): string {
  let hex = ''
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0')
  return hex
}

/**
 * Bytes from hex; `null` unless it is an even number of hex digits.
 * @example fromHex('ba78') // Uint8Array [0xba, 0x78]
 */
export function fromHex(hex: string): Uint8Array | null {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) return null
  const bytes = new Uint8Array(hex.length / 2)
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16)
  return bytes
}

function hostSuffixes(host: string): string[] {
  // Spec: no suffixes for an IP address; otherwise at most the last five components, never the TLD alone.
  if (isIpHost(host)) return [host]
  const labels = host.split('.')
  const hosts = [host]
  for (let i = Math.max(1, labels.length - 5); i <= labels.length - 2; i++)
    hosts.push(labels.slice(i).join('.'))
  return hosts
}

function pathPrefixes(path: string, query: string | null): string[] {
  const paths: string[] = []
  if (query !== null) paths.push(`${path}?${query}`)
  paths.push(path)
  const segments = path.split('/').filter((segment) => segment !== '')
  const directories = path.endsWith('/') ? segments : segments.slice(0, -1)
  paths.push('/')
  for (let i = 1; i <= Math.min(3, directories.length); i++)
    paths.push(`/${directories.slice(0, i).join('/')}/`)
  return [...new Set(paths)]
}

function isIpHost(host: string): boolean {
  return /^\d+\.\d+\.\d+\.\d+$/.test(host) || host.startsWith('[')
}

function canonicalHost(rawHost: string): string | null {
  let host = unescapeRepeatedly(rawHost)
    .replace(/^\.+|\.+$/g, '')
    .replace(/\.{2,}/g, '.')
  host = host.replace(/[A-Z]+/g, (upper) => upper.toLowerCase())
  // A host that unescapes to a URL delimiter could not be told apart from one in the next parse.
  if (host === '' || /[:/?@\\]/.test(host.startsWith('[') ? '' : host)) return null
  if (/[\u0080-\u00ff]/.test(host)) host = idnaHost(host) ?? host
  return parseIpv4(host) ?? host
}

function stripPort(hostAndPort: string): string {
  if (hostAndPort.startsWith('[')) {
    const close = hostAndPort.indexOf(']')
    return close < 0 ? hostAndPort : hostAndPort.slice(0, close + 1)
  }
  const colon = hostAndPort.lastIndexOf(':')
  return colon < 0 ? hostAndPort : hostAndPort.slice(0, colon)
}

/** Resolves `.`/`..` segments and collapses runs of slashes, keeping a trailing slash. */
function canonicalPath(path: string): string {
  const out: string[] = []
  const segments = path.split('/')
  for (const segment of segments) {
    if (segment === '' || segment === '.') continue
    if (segment === '..') out.pop()
    else out.push(segment)
  }
  const last = segments[segments.length - 1]
  const trailingSlash = segments.length > 1 && (last === '' || last === '.' || last === '..')
  if (out.length === 0) return '/'
  return `/${out.join('/')}${trailingSlash ? '/' : ''}`
}

/**
 * Parses inet_aton-style IPv4 (1–4 parts; decimal, octal `0…` and hex `0x…`) into dotted decimal.
 * @example parseIpv4('0x7f.1') // '127.0.0.1'
 */
export function parseIpv4(host: string): string | null {
  const parts = host.split('.')
  if (parts.length > 4) return null
  const values: number[] = []
  for (const part of parts) {
    let value: number
    if (/^0x[0-9a-f]*$/i.test(part)) value = part.length === 2 ? 0 : parseInt(part.slice(2), 16)
    else if (/^0[0-7]*$/.test(part)) value = parseInt(part, 8)
    else if (/^[1-9][0-9]*$/.test(part)) value = parseInt(part, 10)
    else return null
    if (!Number.isFinite(value) || part.length > 12) return null
    values.push(value)
  }
  const last = values.pop()
  if (last === undefined || values.some((value) => value > 255)) return null
  if (last >= 256 ** (4 - values.length)) return null
  let address = last
  values.forEach((value, index) => {
    address += value * 256 ** (3 - index)
  })
  return [address >>> 24, (address >>> 16) & 255, (address >>> 8) & 255, address & 255].join('.')
}

function unescapeOnce(s: string): string {
  return s.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
}

/** Spec: "repeatedly percent-unescape the URL until it has no more percent-escapes". */
function unescapeRepeatedly(s: string): string {
  if (!s.includes('%')) return s
  let current = s
  for (let round = 0; round < MAX_UNESCAPE_ROUNDS; round++) {
    const next = unescapeOnce(current)
    if (next === current) return current
    current = next
  }
  return current
}

function escapeBytes(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s
  let out = ''
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i)
    out +=
      code <= 0x20 || code >= 0x7f || code === 0x23 || code === 0x25
        ? `%${code.toString(16).toUpperCase().padStart(2, '0')}`
        : s.charAt(i)
  }
  return out
}

function trimControlsAndSpaces(s: string): string {
  let start = 0
  let end = s.length
  while (start < end && s.charCodeAt(start) <= 0x20) start++
  while (end > start && s.charCodeAt(end - 1) <= 0x20) end--
  return s.slice(start, end)
}

function firstIndexOf(s: string, ...needles: string[]): number {
  let first = -1
  for (const needle of needles) {
    const index = s.indexOf(needle)
    if (index >= 0 && (first < 0 || index < first)) first = index
  }
  return first
}

const encoder = new TextEncoder()
const strictDecoder = new TextDecoder('utf-8', { fatal: true })

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false
  return true
}

function toByteString(s: string): string {
  if (isAscii(s)) return s
  const bytes = encoder.encode(s)
  let out = ''
  for (const byte of bytes) out += String.fromCharCode(byte)
  return out
}

/** IDNA (UTS #46) form of a UTF-8 host via the WHATWG URL parser; `null` when it is not a valid domain. */
function idnaHost(byteHost: string): string | null {
  const bytes = Uint8Array.from(byteHost, (char) => char.charCodeAt(0))
  try {
    const unicode = strictDecoder.decode(bytes)
    return new URL(`http://${unicode}/`).hostname
  } catch {
    return null
  }
}
