import { lookupHost } from '../providers/lookup-host.js'
import type { Registry } from '../providers/types.js'
import { BARE_TLDS } from './bare-tlds.js'
import { canonicaliseHref } from './canonical-link.js'
import { isIcannTld } from './host-facts.js'
import { scanLinks, type Candidate, type CandidateKind } from './scanner.js'
import type { LinkFlag, LinkSpan } from './types.js'

/** What a link's written text alone decides: everything in its span but where it stands. */
type WrittenLinkFacts = Omit<LinkSpan, 'raw' | 'start' | 'end'>

/** A link's written text as recognition judged it, with the scanner's view that the judgement rests on. */
export interface RememberedLink {
  kind: CandidateKind
  fullWidth: boolean
  bare: boolean
  tld: string
  /** null: this text is not a link. */
  facts: WrittenLinkFacts | null
}

/**
 * What recognition may remember between messages, keyed by a link's written text (a HotCache fits),
 * for one registry. In chat the same links recur in new messages; each is canonicalised once.
 */
export interface LinkTextMemo {
  get(raw: string): RememberedLink | undefined
  set(raw: string, link: RememberedLink): void
}

/**
 * Find the links in a chat message, with exact UTF-16 spans, canonical URLs, registrable domains and,
 * given a registry, provider and per-link category. Never throws; time is linear in the text. With a
 * memo (for this registry), a link written as before is not canonicalised again.
 * @example recogniseLinks('看看 https://b23.tv/abc哈哈')[0]?.raw // 'https://b23.tv/abc'
 */
export function recogniseLinks(text: string, registry?: Registry, memo?: LinkTextMemo): LinkSpan[] {
  const links: LinkSpan[] = []
  scanLinks(
    text,
    (candidate) => {
      const raw = text.slice(candidate.start, candidate.end)
      const facts =
        memo === undefined ? linkFacts(raw, candidate, registry) : remembered(raw, candidate, registry, memo)
      if (facts === null) return false
      // Fields in LinkSpan's order: one object shape for every link.
      links.push({
        raw,
        start: candidate.start,
        end: candidate.end,
        url: facts.url,
        host: facts.host,
        domain: facts.domain,
        provider: facts.provider,
        category: facts.category,
        flags: facts.flags.slice(),
      })
      return true
    },
    isIcannTld,
  )
  return links
}

function remembered(
  raw: string,
  candidate: Candidate,
  registry: Registry | undefined,
  memo: LinkTextMemo,
): WrittenLinkFacts | null {
  const bare = candidate.end === candidate.authorityEnd
  // The scanner's view follows from the text today; it is checked so that a scanner change cannot make
  // the memo answer for another reading of the same text.
  const known = memo.get(raw)
  if (
    known !== undefined &&
    known.kind === candidate.kind &&
    known.fullWidth === candidate.fullWidth &&
    known.bare === bare &&
    known.tld === candidate.tld
  )
    return known.facts
  const facts = linkFacts(raw, candidate, registry)
  memo.set(raw, { kind: candidate.kind, fullWidth: candidate.fullWidth, bare, tld: candidate.tld, facts })
  return facts
}

function linkFacts(
  raw: string,
  candidate: Candidate,
  registry: Registry | undefined,
): WrittenLinkFacts | null {
  const schemeless = candidate.kind !== 'scheme'
  // A bare host with no path links only on a curated TLD, so `README.md` and `main.py` stay text.
  if (
    candidate.kind === 'schemeless' &&
    candidate.end === candidate.authorityEnd &&
    !BARE_TLDS.has(candidate.tld)
  )
    return null
  if (schemeless && !isIcannTld(candidate.tld)) return null
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
    url: link.url,
    host: link.host,
    domain: facts.domain,
    provider: match === null ? null : match.provider.id,
    category: match === null ? 'other' : match.category,
    flags,
  }
}
