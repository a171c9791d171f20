import { parse } from 'tldts'
import { skeleton } from './confusables.js'
import { decodeLabel } from './punycode.js'

/** A registered provider's registrable domain, with the label and skeleton lookalikes are measured against. */
export interface KnownDomain {
  domain: string
  label: string
  skeleton: string
}

export interface KnownDomains {
  /** Registrable domains (`taobao.com`, `3.cn`), for exact membership. */
  domains: ReadonlySet<string>
  entries: readonly KnownDomain[]
}

/**
 * Prepares provider domains (any host form: `m.tb.cn`, `*.x.com`, `y.qq.com/path`) for the lookalike checks.
 * @example prepareKnownDomains(['m.taobao.com', 'jd.com']).domains.has('taobao.com') // true
 */
export function prepareKnownDomains(hosts: readonly string[]): KnownDomains {
  const domains = new Set<string>()
  const entries: KnownDomain[] = []
  for (const raw of hosts) {
    const host = raw.trim().toLowerCase().replace(/^\*\./, '').split(/[/\s]/)[0] ?? ''
    const parsed = parse(host)
    const domain = parsed.domain
    if (domain === null || domains.has(domain)) continue
    domains.add(domain)
    const label = decodeLabel(parsed.domainWithoutSuffix ?? '') ?? ''
    if (label !== '') entries.push({ domain, label, skeleton: skeleton(label) })
  }
  return { domains, entries }
}

/**
 * Whether a hostname is a known domain or a subdomain of one.
 * @example isKnownHost(known, 'item.m.jd.com') // true when jd.com is known
 */
export function isKnownHost(known: KnownDomains, hostname: string): boolean {
  const domain = parse(hostname, { extractHostname: false }).domain
  return domain !== null && known.domains.has(domain)
}
