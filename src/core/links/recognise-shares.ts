import { hostMatches } from '../providers/lookup-host.js'
import type { Registry } from '../providers/types.js'
import { SHARE_MARKERS, type ShareMarker } from './share-markers.js'
import { findTokens } from './share-tokens.js'
import type { LinkSpan, Share } from './types.js'

// A share text's link sits within a few hundred characters of its caption.
const LINK_REACH = 300
const TITLE = /「([^」\n]{1,200})」/g
const CODE = /(?<![A-Za-z0-9])([A-Z]{2}\d{3,4})(?![A-Za-z0-9])/g

// Needles by their first UTF-16 unit: one pass over the text, by table, finds which needles can occur,
// so a message is searched only for those. Each distinct first unit is one bit of a 32-bit mask.
const FIRST_BIT = new Uint32Array(0x10000)
let bitsUsed = 0
const MARKER_BITS = SHARE_MARKERS.map((marker) => {
  const first = marker.needle.charCodeAt(0)
  if (FIRST_BIT[first] === 0) {
    if (bitsUsed === 32) throw new Error('share markers: more than 32 distinct first characters')
    FIRST_BIT[first] = 2 ** bitsUsed++
  }
  return FIRST_BIT[first]!
})

/** The markers whose needle occurs in `text`, in SHARE_MARKERS order. */
function markersIn(text: string): ShareMarker[] {
  let seen = 0
  for (let i = 0; i < text.length; i++) seen |= FIRST_BIT[text.charCodeAt(i)]!
  if (seen === 0) return []
  const out: ShareMarker[] = []
  for (let i = 0; i < SHARE_MARKERS.length; i++) {
    const marker = SHARE_MARKERS[i]!
    if ((seen & MARKER_BITS[i]!) !== 0 && text.includes(marker.needle)) out.push(marker)
  }
  return out
}

interface Found {
  share: Share
  at: number
}

/**
 * Recognise platform share texts and share tokens in a message whose links are already known.
 * A share text is tied to the nearest link its provider can carry (its own host, a short domain it
 * borrows, or an unregistered host); a provider's share-link shape on its own is a share too.
 * @example recogniseShares('€7VPsbXB7RnM€', [], registry) // [{ provider: 'taobao', kind: 'token', token: '7VPsbXB7RnM' }]
 */
export function recogniseShares(text: string, links: readonly LinkSpan[], registry: Registry): Share[] {
  const found: Found[] = []
  const byKey = new Map<string, Found>()
  const brandAt = new Map<string, number>()
  for (const marker of markersIn(text)) {
    for (const m of text.matchAll(marker.pattern)) {
      const start = m.index
      const end = start + m[0].length
      if (marker.brand === true && !brandAt.has(marker.provider)) brandAt.set(marker.provider, start)
      const linkIndex = nearestLink(links, start, end, marker.provider, registry)
      const key = `${marker.provider}|${linkIndex}`
      let entry = byKey.get(key)
      if (entry === undefined) {
        const share: Share = { provider: marker.provider, kind: 'share-text' }
        if (linkIndex >= 0) share.linkIndex = linkIndex
        entry = { share, at: start }
        byKey.set(key, entry)
        found.push(entry)
      }
      entry.at = Math.min(entry.at, start)
      const title = marker.titleGroup === undefined ? undefined : m[marker.titleGroup]
      if (title !== undefined && entry.share.title === undefined) entry.share.title = title.trim()
      if (marker.brand === true) addBrandDetails(text, entry.share, end, links)
    }
  }
  // 淘口令 belong to the Alibaba app named in the text's 【】 prefix, Taobao otherwise.
  const alibabaBrand = ['xianyu', 'tmall', 'taobao'].find((id) => brandAt.has(id))
  for (const token of findTokens(text)) {
    const provider = token.provider === 'taobao' && alibabaBrand !== undefined ? alibabaBrand : token.provider
    found.push({ share: { provider, kind: 'token', token: token.token }, at: token.start })
  }
  const carried = new Set(found.map((f) => f.share.linkIndex).filter((i) => i !== undefined))
  links.forEach((link, index) => {
    if (carried.has(index) || link.provider === null) return
    if (!isShareLink(registry, link)) return
    found.push({ share: { provider: link.provider, kind: 'share-text', linkIndex: index }, at: link.start })
  })
  return found.sort((a, b) => a.at - b.at).map((f) => f.share)
}

/** After a 【平台】 prefix: the link's `CZ0001`-style code and the 「title」. */
function addBrandDetails(text: string, share: Share, from: number, links: readonly LinkSpan[]): void {
  const link = share.linkIndex === undefined ? undefined : links[share.linkIndex]
  const searchFrom = link !== undefined && link.start >= from ? link.end : from
  const window = text.slice(searchFrom, searchFrom + LINK_REACH)
  TITLE.lastIndex = 0
  const title = TITLE.exec(window)
  if (title !== null && share.title === undefined) share.title = title[1]!.trim()
  const codeWindow = title === null ? window.slice(0, 40) : window.slice(0, title.index)
  CODE.lastIndex = 0
  const code = CODE.exec(codeWindow)
  if (code !== null && share.token === undefined) share.token = code[1]!
}

/** The closest link a share of `provider` can carry, or -1. Links are sorted, so this is a local search. */
function nearestLink(
  links: readonly LinkSpan[],
  start: number,
  end: number,
  provider: string,
  registry: Registry,
): number {
  // First link starting at or after the marker's end.
  let lo = 0
  let hi = links.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (links[mid]!.start < end) lo = mid + 1
    else hi = mid
  }
  let best = -1
  let bestDistance = LINK_REACH + 1
  for (let i = lo; i < links.length; i++) {
    const link = links[i]!
    const distance = link.start - end
    if (distance >= bestDistance) break
    if (canCarry(registry, provider, link)) {
      best = i
      bestDistance = distance
      break
    }
  }
  for (let i = lo - 1; i >= 0; i--) {
    const link = links[i]!
    const distance = Math.max(0, start - link.end)
    if (distance >= bestDistance) break
    if (canCarry(registry, provider, link)) return i
  }
  return best
}

/**
 * Whether a share of `provider` can be tied to `link`: the provider's own link, one on a short domain
 * it borrows, or an unregistered link (kept as evidence, e.g. brand impersonation, never re-attributed).
 */
export function canCarry(registry: Registry, provider: string, link: LinkSpan): boolean {
  if (link.provider === null || link.provider === provider) return true
  return borrows(registry, provider, link.host)
}

/** Whether `provider` borrows the short domain serving `host` (m.tb.cn for xianyu). */
export function borrows(registry: Registry, provider: string, host: string): boolean {
  const p = registry.byId.get(provider)
  return p !== undefined && p.borrowedShortDomains.some((d) => hostMatches(host, d))
}

function isShareLink(registry: Registry, link: LinkSpan): boolean {
  const provider = registry.byId.get(link.provider ?? '')
  if (provider === undefined || provider.defaultCategory === 'url-shortener') return false
  if (provider.shortDomains.some((d) => hostMatches(link.host, d))) return true
  if (provider.shareLinks.length === 0) return false
  const path = pathOf(link.url)
  return provider.shareLinks.some(
    (rule) =>
      hostMatches(link.host, rule.host) &&
      (rule.pathPrefix === undefined || path.startsWith(rule.pathPrefix)),
  )
}

function pathOf(url: string): string {
  const afterScheme = url.indexOf('//') + 2
  const slash = url.indexOf('/', afterScheme)
  if (slash < 0) return '/'
  const q = url.search(/[?#]/)
  return q > slash ? url.slice(slash, q) : url.slice(slash)
}
