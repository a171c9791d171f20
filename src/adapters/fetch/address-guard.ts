import ipaddr from 'ipaddr.js'

/** What the guard decided about one resolved address, with the range that decided it. */
export interface AddressVerdict {
  allowed: boolean
  /** `public`, an ipaddr.js range name (`loopback`, `private`, …), or `allowlisted`; prefixed for embedded IPv4. */
  range: string
}

export type AddressGuard = (address: string) => AddressVerdict

type Ip = ipaddr.IPv4 | ipaddr.IPv6

// RFC 4291 §2.5.5.1: ::a.b.c.d, deprecated, and no host should ever be reached through it.
const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96')
// RFC 4291 §2.4: only 2000::/3 is global unicast; everything else is special-purpose.
const GLOBAL_UNICAST = ipaddr.parseCIDR('2000::/3')
const NAT64_WELL_KNOWN = ipaddr.parseCIDR('64:ff9b::/96')

/**
 * Builds the address check used before every connect: only globally routable unicast passes, plus the
 * exact CIDRs in `allowPrivate` (for tests and intranets; `127.0.0.1/32` does not admit `127.0.0.2`).
 * @example
 * const guard = createAddressGuard(['127.0.0.1/32'])
 * guard('127.0.0.1').allowed // true
 * guard('::ffff:7f00:2').allowed // false
 */
export function createAddressGuard(allowPrivate: readonly string[]): AddressGuard {
  const allowed = allowPrivate.map(parseAllowCidr)
  return (address) => {
    const ip = parseIp(address)
    if (ip === null) return { allowed: false, range: 'invalid' }
    const effective = unmapIpv4(ip)
    if (allowed.some(([net, bits]) => net.kind() === effective.kind() && effective.match(net, bits))) {
      return { allowed: true, range: 'allowlisted' }
    }
    const range = classifyIp(ip)
    return { allowed: range === 'public', range }
  }
}

/** `public` when the address is globally routable unicast, otherwise the special-purpose range it falls in. */
export function classifyIp(ip: Ip): string {
  if (ip.kind() === 'ipv4') {
    const range = (ip as ipaddr.IPv4).range()
    return range === 'unicast' ? 'public' : range
  }
  const v6 = ip as ipaddr.IPv6
  const range = v6.range()
  if (range === 'ipv4Mapped' || range === 'rfc6145')
    return embedded(range, v4FromSegments(v6.parts[6], v6.parts[7]))
  if (range === 'rfc6052') {
    // 64:ff9b:1::/48 is local-use NAT64 (RFC 8215): its embedding is operator-defined, so refuse it.
    if (!v6.match(NAT64_WELL_KNOWN)) return 'rfc6052-local'
    return embedded(range, v4FromSegments(v6.parts[6], v6.parts[7]))
  }
  if (range === '6to4') return embedded(range, v4FromSegments(v6.parts[1], v6.parts[2]))
  if (range === 'teredo') {
    // RFC 4380 §4: server IPv4 in bits 32–63, client IPv4 obfuscated (inverted) in the last 32 bits.
    const server = embedded(range, v4FromSegments(v6.parts[2], v6.parts[3]))
    if (server !== 'public') return server
    return embedded(range, v4FromSegments(~(v6.parts[6] ?? 0) & 0xffff, ~(v6.parts[7] ?? 0) & 0xffff))
  }
  if (range !== 'unicast') return range
  if (v6.match(IPV4_COMPATIBLE)) return 'ipv4Compatible'
  return v6.match(GLOBAL_UNICAST) ? 'public' : 'unassigned'
}

function embedded(prefix: string, v4: ipaddr.IPv4): string {
  const inner = classifyIp(v4)
  return inner === 'public' ? 'public' : `${prefix}:${inner}`
}

function v4FromSegments(high: number | undefined, low: number | undefined): ipaddr.IPv4 {
  const h = high ?? 0
  const l = low ?? 0
  return new ipaddr.IPv4([h >> 8, h & 0xff, l >> 8, l & 0xff])
}

function unmapIpv4(ip: Ip): Ip {
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress())
    return (ip as ipaddr.IPv6).toIPv4Address()
  return ip
}

/** Parses only canonical literals (what DNS and the WHATWG URL parser produce), never inet_aton shorthand. */
export function parseIp(address: string): Ip | null {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address
  if (ipaddr.IPv4.isValidFourPartDecimal(bare)) return ipaddr.IPv4.parse(bare)
  if (ipaddr.IPv6.isValid(bare)) return ipaddr.IPv6.parse(bare)
  return null
}

function parseAllowCidr(cidr: string): [Ip, number] {
  const trimmed = cidr.trim()
  // A bare address means exactly that address, never its neighbours.
  const withBits = trimmed.includes('/') ? trimmed : `${trimmed}/${trimmed.includes(':') ? 128 : 32}`
  if (!ipaddr.isValidCIDR(withBits)) throw new TypeError(`allowPrivate: not a CIDR: ${cidr}`)
  return ipaddr.parseCIDR(withBits)
}
