import type { CardLimits, CardMetadata, CardPrice } from './card-metadata.js'
import { DEFAULT_CARD_LIMITS } from './card-metadata.js'
import { detectWall } from './detect-wall.js'
import { scanPage } from './html-scan.js'
import type { PageScan } from './html-scan.js'
import { normaliseAmount, normaliseCurrency, readJsonLd } from './json-ld.js'
import { toPlainText, truncateGraphemes } from './plain-text.js'
import type { WallPattern } from './wall-patterns.js'
import { DEFAULT_WALL_PATTERNS } from './wall-patterns.js'

export interface ExtractCardOptions {
  /** Hosts whose oEmbed endpoints may be used (exact, lower-case); a page-supplied endpoint elsewhere is dropped. */
  oembedHosts?: readonly string[]
  wallPatterns?: readonly WallPattern[]
  limits?: Partial<CardLimits>
}

/**
 * Builds a card from a decoded page: Open Graph, then Twitter cards, then JSON-LD, then `<title>` and meta
 * description; a login, consent or challenge wall yields `loginRequired: true` and no title of its own.
 * @example
 * extractCard('<meta property="og:title" content="互通">', 'https://example.com/').title // '互通'
 */
export function extractCard(html: string, baseUrl: string, options: ExtractCardOptions = {}): CardMetadata {
  const limits = { ...DEFAULT_CARD_LIMITS, ...options.limits }
  const scan = scanPage(html)
  const page = parseHttpUrl(baseUrl)
  const base = parseHttpUrl(resolveHttpUrl(scan.baseHref ?? undefined, page) ?? '') ?? page
  const meta = (key: string): string | null => toPlainText(scan.meta.get(key))
  const ld = readJsonLd(scan.jsonLd)

  const richTitle = meta('og:title') ?? meta('twitter:title') ?? toPlainText(ld.title)
  const title = richTitle ?? toPlainText(scan.title)
  const siteName = meta('og:site_name') ?? meta('application-name') ?? toPlainText(ld.siteName)
  const favicon = pickFavicon(scan, base)
  const canonicalUrl =
    resolveHttpUrl(scan.links.find((l) => hasRel(l.rel, 'canonical'))?.href, base) ??
    resolveHttpUrl(scan.meta.get('og:url'), base) ??
    page?.href ??
    null

  const wall = detectWall(
    {
      title: toPlainText(scan.title) ?? title,
      url: page?.href ?? '',
      redirectTargets: resolveAll(scan.redirectTargets, base),
      formActions: resolveAll(scan.formActions, base),
      markupTokens: scan.markupTokens,
      passwordInputs: scan.passwordInputs,
      hasRichMetadata: richTitle !== null,
    },
    options.wallPatterns ?? DEFAULT_WALL_PATTERNS,
  )
  const clippedSite = siteName === null ? null : truncateGraphemes(siteName, limits.siteName)
  if (wall !== null) {
    // A wall's own title ("登录", "Before you continue") would misdescribe the link: show only whose site it is.
    return {
      title: clippedSite,
      description: null,
      siteName: clippedSite,
      image: null,
      favicon,
      canonicalUrl,
      loginRequired: true,
      wall: wall.kind,
    }
  }

  const description =
    meta('og:description') ??
    meta('twitter:description') ??
    toPlainText(ld.description) ??
    meta('description')
  const image = firstHttpUrl(
    [
      scan.meta.get('og:image'),
      scan.meta.get('og:image:url'),
      scan.meta.get('og:image:secure_url'),
      scan.meta.get('twitter:image'),
      scan.meta.get('twitter:image:src'),
      ld.image ?? undefined,
      scan.links.find((l) => hasRel(l.rel, 'image_src'))?.href,
    ],
    base,
  )
  const card: CardMetadata = {
    title: title === null ? null : truncateGraphemes(title, limits.title),
    description: description === null ? null : truncateGraphemes(description, limits.description),
    siteName: clippedSite,
    image,
    favicon,
    canonicalUrl,
    loginRequired: false,
    wall: null,
  }
  const price = ld.price ?? metaPrice(scan)
  if (price !== null) card.price = price
  const oembedUrl = pickOembed(scan, base, options.oembedHosts ?? [])
  if (oembedUrl !== null) card.oembedUrl = oembedUrl
  return card
}

function metaPrice(scan: PageScan): CardPrice | null {
  // Open Graph product namespace, and the older og:price:* spelling some shops still emit.
  for (const prefix of ['product:price', 'og:price']) {
    const amount = normaliseAmount(scan.meta.get(`${prefix}:amount`))
    const currency = normaliseCurrency(scan.meta.get(`${prefix}:currency`))
    if (amount !== null && currency !== null) return { amount, currency }
  }
  return null
}

function pickFavicon(scan: PageScan, base: URL | null): string | null {
  const icon =
    scan.links.find((l) => hasRel(l.rel, 'icon') && !hasRel(l.rel, 'mask-icon')) ??
    scan.links.find((l) => hasRel(l.rel, 'apple-touch-icon'))
  const resolved = resolveHttpUrl(icon?.href, base)
  if (resolved !== null) return resolved
  // The historical default location (HTML §4.6.7.8, "icon" link type, fallback).
  return base === null ? null : new URL('/favicon.ico', base).href
}

function pickOembed(scan: PageScan, base: URL | null, allowedHosts: readonly string[]): string | null {
  // oEmbed §4 discovery, JSON only; the endpoint's host must be on the caller's list, whatever the page says.
  for (const link of scan.links) {
    if (!hasRel(link.rel, 'alternate') || link.type !== 'application/json+oembed') continue
    const url = resolveHttpUrl(link.href, base)
    if (url !== null && allowedHosts.includes(new URL(url).hostname)) return url
  }
  return null
}

function hasRel(rel: string, value: string): boolean {
  return rel.split(/\s+/).includes(value)
}

function firstHttpUrl(candidates: readonly (string | undefined)[], base: URL | null): string | null {
  for (const candidate of candidates) {
    const url = resolveHttpUrl(candidate, base)
    if (url !== null) return url
  }
  return null
}

function resolveAll(values: readonly string[], base: URL | null): string[] {
  return values.map((v) => resolveHttpUrl(v, base)).filter((v): v is string => v !== null)
}

function parseHttpUrl(value: string): URL | null {
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null
  } catch {
    return null
  }
}

/** An absolute http(s) URL, or null: `javascript:`, `data:` and anything unparseable never reach a card. */
function resolveHttpUrl(value: string | undefined, base: URL | null): string | null {
  if (value === undefined) return null
  const trimmed = value.trim()
  if (trimmed === '' || trimmed.length > 4096) return null
  try {
    const url = base === null ? new URL(trimmed) : new URL(trimmed, base)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null
  } catch {
    return null
  }
}
