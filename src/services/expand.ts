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
  const entry = await peekCard(ctx, key).catch(() => null)
  if (entry === null || !entry.ok || cardKey(entry.card.finalUrl) === key) return null
  return { finalUrl: entry.card.finalUrl, source: 'card' }
}

async function expandShort(ctx: Context, url: string): Promise<string | null> {
  const memo = ctx.singleton(MEMO, (): ExpansionMemo => new Map())
  const now = Date.now()
  const known = memo.get(url)
  if (known !== undefined && known.until > now) return known.finalUrl
  let finalUrl: string | null = null
  try {
    const expanded = await cardFetchers(ctx).click.expand(url)
    finalUrl = expanded.finalUrl === url ? null : expanded.finalUrl
  } catch (error) {
    ctx.logger.debug({ err: error, url }, 'click-time expansion failed; deciding on the original link')
  }
  if (memo.size >= MEMO_MAX) memo.clear()
  memo.set(url, { finalUrl, until: now + (finalUrl === null ? FAILED_TTL_MS : EXPANDED_TTL_MS) })
  return finalUrl
}
