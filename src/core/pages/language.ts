/** The languages Hutong's own pages speak; zh-CN is the default (BRIEF: product text is Simplified Chinese first). */
export const PAGE_LANGUAGES = ['zh-CN', 'en'] as const
export type PageLanguage = (typeof PAGE_LANGUAGES)[number]

/**
 * Picks the page language from an `Accept-Language` header (RFC 9110 §12.5.4): the highest-weighted
 * range that is English or Chinese wins; anything else, or no header, gives zh-CN.
 * @example pickLanguage('en-GB,en;q=0.9,zh;q=0.5') // 'en'
 */
export function pickLanguage(acceptLanguage: string | undefined): PageLanguage {
  if (acceptLanguage === undefined || acceptLanguage.length > 1024) return 'zh-CN'
  let best: PageLanguage = 'zh-CN'
  let bestQ = 0
  for (const part of acceptLanguage.split(',')) {
    const [range = '', ...params] = part.trim().toLowerCase().split(';')
    let q = 1
    for (const param of params) {
      const match = /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/.exec(param)
      if (match) q = Number(match[1])
    }
    const lang =
      range === 'en' || range.startsWith('en-')
        ? 'en'
        : range === 'zh' || range.startsWith('zh-')
          ? 'zh-CN'
          : null
    // Ties keep the earlier range, as listed order is the user's own order.
    if (lang !== null && q > bestQ) {
      best = lang
      bestQ = q
    }
  }
  return best
}
