import { parse } from 'tldts'

/** What Hutong needs to know about a canonical host name. */
export interface HostFacts {
  kind: 'domain' | 'ipv4' | 'ipv6' | 'localhost' | 'invalid'
  /** Registrable domain (ICANN section of the public suffix list), for `domain` hosts. */
  domain: string | null
  publicSuffix: string | null
  idn: boolean
}

// tldts is pure, so memoising it cannot change a result; the bound keeps memory flat.
const MEMO_LIMIT = 4096
const memo = new Map<string, HostFacts>()

/**
 * Facts about a WHATWG-canonical hostname. Following the tldts README, tldts gets the hostname the
 * URL parser produced (`extractHostname: false`), never the raw text, so both agree on the host.
 * @example hostFacts('item.jd.com') // { kind: 'domain', domain: 'jd.com', publicSuffix: 'com', idn: false }
 */
export function hostFacts(hostname: string): HostFacts {
  const known = memo.get(hostname)
  if (known !== undefined) return known
  const facts = computeHostFacts(hostname)
  if (memo.size >= MEMO_LIMIT) memo.clear()
  memo.set(hostname, facts)
  return facts
}

function computeHostFacts(hostname: string): HostFacts {
  if (hostname.startsWith('[')) return { kind: 'ipv6', domain: null, publicSuffix: null, idn: false }
  const last = hostname.charCodeAt(hostname.length - 1)
  // WHATWG URL §3.5 turns a host whose last label is numeric into IPv4, or rejects it.
  if (last >= 48 && last <= 57) return { kind: 'ipv4', domain: null, publicSuffix: null, idn: false }
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) {
    return { kind: 'localhost', domain: null, publicSuffix: null, idn: false }
  }
  const result = parse(hostname, { extractHostname: false })
  const idn = hostname.startsWith('xn--') || hostname.includes('.xn--')
  // Validity: the TLD must be in the ICANN section (a link to `example.invalid` opens nothing).
  if (result.isIcann !== true || result.domain === null) {
    return { kind: 'invalid', domain: null, publicSuffix: result.publicSuffix, idn }
  }
  // Ownership: private suffixes count (`a.github.io` and `b.github.io` are different owners), as the
  // tldts README advises for security decisions; a bare private suffix keeps its ICANN domain.
  const owned = parse(hostname, { extractHostname: false, allowPrivateDomains: true })
  const domain = owned.domain ?? result.domain
  const publicSuffix = owned.domain === null ? result.publicSuffix : owned.publicSuffix
  return { kind: 'domain', domain, publicSuffix, idn }
}

const tldMemo = new Map<string, boolean>()

/**
 * Whether a lower-case label is a TLD in the ICANN section of the public suffix list.
 * @example isIcannTld('tv') // true
 */
export function isIcannTld(label: string): boolean {
  const known = tldMemo.get(label)
  if (known !== undefined) return known
  const value = parse(`x.${label}`, { extractHostname: false }).isIcann === true
  if (tldMemo.size >= MEMO_LIMIT) tldMemo.clear()
  tldMemo.set(label, value)
  return value
}
