import { createHmac } from 'node:crypto'
import { signedByAny } from '../core/mac.js'
import type { Context, SingletonKey } from '../context.js'
import {
  createSafeFetcher,
  isFetchError,
  type FetchedImage,
  type SafeFetcher,
} from '../adapters/fetch/index.js'
import { decodeHtml, extractCard, type CardPrice } from '../core/cards/index.js'
import { cardKey } from '../core/links/index.js'
import { lookupHost, openInApp } from '../core/providers/index.js'
import { HutongError } from '../errors.js'
import { cachedCard, type FetchOutcome, type StoredCard } from './card-cache.js'
import { registryOf } from './reference-data.js'

/** A preview card as the API and CLI print it; `image` is the proxied URL, never the page's own. */
export interface Card {
  title: string | null
  description: string | null
  siteName: string | null
  image: string | null
  price?: CardPrice
  finalUrl: string
  charset: string
  loginRequired: boolean
  provider: string | null
  openInApp: string | null
  fetchedAt: string
}

/** A card or an image could not be fetched; `code` is the fetcher's (`fetch_blocked`, `fetch_timeout`, `too_large`, …). */
export class CardFetchError extends HutongError {}

/** The image proxy was asked for a URL whose signature does not match. */
export class ImageSignatureError extends HutongError {
  constructor() {
    super('image_signature_invalid', 'the image link signature does not match')
  }
}

/** The two guarded fetchers of a context: pages and images (10 s budget), and click-time expansion (short budget). */
export interface CardFetchers {
  page: SafeFetcher
  click: SafeFetcher
}

/** Click-time expansion must not keep a person waiting: after this, the click is decided on the original link. */
export const CLICK_EXPAND_BUDGET_MS = 2_500

const FETCHERS: SingletonKey<{ fetchers: CardFetchers | null }> = Symbol('card-fetchers')

/**
 * The context's fetchers, built once from `config.fetch` and closed with the context.
 * @example const page = await cardFetchers(ctx).page.fetchPage(url)
 */
export function cardFetchers(ctx: Context): CardFetchers {
  const slot = ctx.singleton(FETCHERS, () => ({ fetchers: null as CardFetchers | null }))
  if (slot.fetchers === null) {
    const base = { allowPrivate: ctx.config.fetch.allowPrivate, ...fetchPorts(ctx) }
    slot.fetchers = installCardFetchers(ctx, {
      page: createSafeFetcher(base),
      click: createSafeFetcher({ ...base, totalTimeoutMs: CLICK_EXPAND_BUDGET_MS }),
    })
  }
  return slot.fetchers
}

/** Ports the fetcher may connect to: 80 and 443 unless HUTONG_FETCH_PORTS says otherwise. */
function fetchPorts(ctx: Context): { allowedPorts: readonly number[] } {
  return { allowedPorts: ctx.config.fetch.allowedPorts }
}

/**
 * Replaces the context's fetchers (tests and embedders: other ports, a resolver hook); they close with the context.
 * @example installCardFetchers(ctx, { page: createSafeFetcher(opts), click: createSafeFetcher(opts) })
 */
export function installCardFetchers(ctx: Context, fetchers: CardFetchers): CardFetchers {
  ctx.singleton(FETCHERS, () => ({ fetchers: null as CardFetchers | null })).fetchers = fetchers
  ctx.onClose(async () => {
    await fetchers.page.close()
    await fetchers.click.close()
  })
  return fetchers
}

/**
 * The preview card of a link: fetched on the server through the guard, decoded, extracted and cached
 * per card key (a day; failures ten minutes). Throws `CardFetchError` with the fetch's code on failure.
 * @example const card = await getCard(ctx, 'https://item.jd.com/100012043978.html')
 */
export async function getCard(ctx: Context, url: string): Promise<Card> {
  const key = cardKey(url)
  if (key === null) throw new CardFetchError('bad_url', 'not an http(s) link')
  const entry = await cachedCard(ctx, key, () => fetchCard(ctx, key))
  if (!entry.ok) throw new CardFetchError(entry.code, entry.message)
  const { image, ...rest } = entry.card
  return { ...rest, image: image === null ? null : proxiedImageUrl(ctx, image), fetchedAt: entry.fetchedAt }
}

async function fetchCard(ctx: Context, url: string): Promise<FetchOutcome> {
  try {
    const page = await cardFetchers(ctx).page.fetchPage(url)
    const decoded = decodeHtml(page.body, page.headers['content-type'])
    const meta = extractCard(decoded.text, page.finalUrl)
    if (page.status >= 400 && !meta.loginRequired)
      return { ok: false, code: 'fetch_failed', message: `the page answered ${page.status}` }
    const provider = providerOf(ctx, url, page.finalUrl)
    const card: StoredCard = {
      title: meta.title,
      description: meta.description,
      siteName: meta.siteName,
      image: meta.image,
      ...(meta.price ? { price: meta.price } : {}),
      finalUrl: page.finalUrl,
      charset: decoded.charset,
      loginRequired: meta.loginRequired,
      provider,
      openInApp: provider === null ? null : openInApp(registryOf(ctx), provider, page.finalUrl),
    }
    return { ok: true, card }
  } catch (error) {
    if (isFetchError(error)) return { ok: false, code: error.code, message: error.message }
    throw error
  }
}

/** The provider of the page the link lands on; a short link's owner does not own where it points. */
function providerOf(ctx: Context, url: string, finalUrl: string): string | null {
  const registry = registryOf(ctx)
  const match = (href: string) => {
    const parsed = new URL(href)
    return lookupHost(registry, parsed.hostname, parsed.pathname)
  }
  const landed = match(finalUrl)
  if (landed !== null) return landed.provider.id
  const linked = match(url)
  return linked !== null && !linked.short && linked.category !== 'url-shortener' ? linked.provider.id : null
}

// 128 bits of HMAC-SHA256, as go-camo truncates its digest; the prefix separates it from click tokens.
function imageMac(key: string, url: string): Buffer {
  return createHmac('sha256', key).update(`img\n${url}`).digest().subarray(0, 16)
}

/**
 * The proxy URL for an image, `/img/<hmac>/<base64url url>`, so recipients' addresses never reach its host.
 * @example proxiedImageUrl(ctx, 'https://img.example.com/a.png') // 'http://127.0.0.1:8080/img/3q2-…/aHR0cHM6…'
 */
export function proxiedImageUrl(ctx: Context, url: string): string {
  return `${ctx.config.http.publicUrl}/img/${imageMac(ctx.signingKey, url).toString('base64url')}/${Buffer.from(url).toString('base64url')}`
}

/**
 * Checks an `/img/<hmac>/<encoded>` pair and fetches the image through the guard: png, jpeg, gif or webp
 * by magic bytes, at most 5 MiB. Throws `ImageSignatureError` or `CardFetchError`.
 * @example const { contentType, body } = await fetchProxiedImage(ctx, mac, encoded)
 */
export async function fetchProxiedImage(ctx: Context, mac: string, encoded: string): Promise<FetchedImage> {
  const url = Buffer.from(encoded, 'base64url').toString('utf8')
  const given = Buffer.from(mac, 'base64url')
  if (!signedByAny(ctx.verificationKeys, given, (key) => imageMac(key, url))) throw new ImageSignatureError()
  try {
    return await cardFetchers(ctx).page.fetchImage(url)
  } catch (error) {
    if (isFetchError(error)) throw new CardFetchError(error.code, error.message, { cause: error })
    throw error
  }
}
