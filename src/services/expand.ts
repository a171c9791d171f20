import type { Context, SingletonKey } from '../context.js'
import { cardKey, type LinkSpan } from '../core/links/index.js'
import { lookupHost } from '../core/providers/index.js'
import { peekCard } from './card-cache.js'
import { cardFetchers } from './cards.js'
import { registryOf } from './reference-data.js'

/** Where a link really goes, and how that was learned. */
export interface Expansion {
  finalUrl: string
  /** `expanded`: followed just now (a short link); `card`: the redirect chain seen when its card was fetched. */
  source: 'expanded' | 'card'
}

const EXPANDED_TTL_MS = 10 * 60 * 1000
const FAILED_TTL_MS = 60 * 1000
/** How long a click trusts "this link's card shows no redirect" before asking the cache again. */
const CARD_LOOKUP_TTL_MS = 60 * 1000
const MEMO_MAX = 5_000

type ExpansionMemo = Map<string, { finalUrl: string | null; until: number }>

const MEMO: SingletonKey<ExpansionMemo> = Symbol('click-expansions')

/** Whether a link is a short link: a registered short-link host, or a link-shortener category. */
export function isShortLink(ctx: Context, link: LinkSpan): boolean {
  if (link.category === 'url-shortener') return true
  const path = new URL(link.url).pathname
  return lookupHost(registryOf(ctx), link.host, path)?.short === true
}

/**
 * The final URL of a link at click time, or null when it does not redirect (or expansion failed, in which
 * case the click is decided on the original link). Short links are followed under the fetch guard within
 * a short budget; any other link is known to redirect only from its cached card, so no click waits on a fetch.
 * @example const found = await expandForClick(ctx, link) // { finalUrl: 'https://item.taobao.com/…', source: 'expanded' }
 */
export async function expandForClick(ctx: Context, link: LinkSpan): Promise<Expansion | null> {
  if (isShortLink(ctx, link)) {
    const finalUrl = await expandShort(ctx, link.url)
    return finalUrl === null ? null : { finalUrl, source: 'expanded' }
  }
  const key = cardKey(link.url)
  if (key === null) return null
  const finalUrl = await remembered(ctx, `card ${key}`, async () => {
    const entry = await peekCard(ctx, key).catch(() => null)
    const found =
      entry === null || !entry.ok || cardKey(entry.card.finalUrl) === key ? null : entry.card.finalUrl
    return { finalUrl: found, ttlMs: CARD_LOOKUP_TTL_MS }
  })
  return finalUrl === null ? null : { finalUrl, source: 'card' }
}

/** A per-process memo of what a link resolves to, so repeated clicks skip the network and the database. */
async function remembered(
  ctx: Context,
  key: string,
  find: () => Promise<{ finalUrl: string | null; ttlMs: number }>,
): Promise<string | null> {
  const memo = ctx.singleton(MEMO, (): ExpansionMemo => new Map())
  const known = memo.get(key)
  if (known !== undefined && known.until > Date.now()) return known.finalUrl
  const { finalUrl, ttlMs } = await find()
  if (memo.size >= MEMO_MAX) memo.clear()
  memo.set(key, { finalUrl, until: Date.now() + ttlMs })
  return finalUrl
}

async function expandShort(ctx: Context, url: string): Promise<string | null> {
  return remembered(ctx, `short ${url}`, async () => {
    try {
      const expanded = await cardFetchers(ctx).click.expand(url)
      return { finalUrl: expanded.finalUrl === url ? null : expanded.finalUrl, ttlMs: EXPANDED_TTL_MS }
    } catch (error) {
      ctx.logger.debug({ err: error, url }, 'click-time expansion failed; deciding on the original link')
      // A failed expansion is retried sooner than a successful one is refreshed.
      return { finalUrl: null, ttlMs: FAILED_TTL_MS }
    }
  })
}
