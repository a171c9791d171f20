import { lookupHost } from '../providers/lookup-host.js'
import type { Registry } from '../providers/types.js'
import { BARE_TLDS } from './bare-tlds.js'
import { canonicaliseHref } from './canonical-link.js'
import { isIcannTld } from './host-facts.js'
import { scanLinks, type Candidate } from './scanner.js'
import type { LinkFlag, LinkSpan } from './types.js'

/**
 * Find the links in a chat message, with exact UTF-16 spans, canonical URLs, registrable domains and,
 * given a registry, provider and per-link category. Never throws; time is linear in the text.
 * @example recogniseLinks('看看 https://b23.tv/abc哈哈')[0]?.raw // 'https://b23.tv/abc'
 */
export function recogniseLinks(text: string, registry?: Registry): LinkSpan[] {
  const links: LinkSpan[] = []
  scanLinks(
    text,
    (candidate) => {
      const span = toLinkSpan(text, candidate, registry)
      if (span === null) return false
      links.push(span)
      return true
    },
    isIcannTld,
  )
  return links
}

function toLinkSpan(text: string, candidate: Candidate, registry: Registry | undefined): LinkSpan | null {
  const schemeless = candidate.kind !== 'scheme'
  // A bare host with no path links only on a curated TLD, so `README.md` and `main.py` stay text.
  if (
    candidate.kind === 'schemeless' &&
    candidate.end === candidate.authorityEnd &&
    !BARE_TLDS.has(candidate.tld)
  )
    return null
  if (schemeless && !isIcannTld(candidate.tld)) return null
  const raw = text.slice(candidate.start, candidate.end)
  const written = candidate.fullWidth ? raw.normalize('NFKC') : raw
  const link = canonicaliseHref(schemeless ? `http://${written}` : written)
  if (link === null) return null
  const { facts } = link
  const flags: LinkFlag[] = []
  if (facts.kind === 'ipv4' || facts.kind === 'ipv6') flags.push('ip-host')
  if (facts.kind === 'localhost') flags.push('localhost')
  // IP literals and localhost are links only with an explicit scheme.
  if (schemeless && flags.length > 0) return null
  if (facts.idn) flags.push('idn')
  if (candidate.fullWidth) flags.push('obfuscated')
  if (link.credentials) flags.push('credentials')
  if (schemeless) flags.push('schemeless')
  const match = registry === undefined ? null : lookupHost(registry, link.host, link.pathname)
  return {
    raw,
    start: candidate.start,
    end: candidate.end,
    url: link.url,
    host: link.host,
    domain: facts.domain,
    provider: match === null ? null : match.provider.id,
    category: match === null ? 'other' : match.category,
    flags,
  }
}
