import { categoryFor } from '../providers/lookup-host.js'
import type { Registry } from '../providers/types.js'
import { recogniseLinks, type LinkTextMemo } from './recognise-links.js'
import { borrows, recogniseShares } from './recognise-shares.js'
import type { ExtractResult, LinkSpan } from './types.js'

/**
 * Links and shares of one message. A share's provider wins over a borrowed short domain: the
 * `m.tb.cn` link inside a 【闲鱼】 share is Xianyu's, and its category follows Xianyu's rules. A memo
 * (for this registry) lets links written as before skip canonicalisation (recogniseLinks).
 * @example extract('【闲鱼】https://m.tb.cn/h.x?tk=y', registry).links[0]?.provider // 'xianyu'
 */
export function extract(text: string, registry: Registry, memo?: LinkTextMemo): ExtractResult {
  const links = recogniseLinks(text, registry, memo)
  const shares = recogniseShares(text, links, registry)
  const out: LinkSpan[] = links.slice()
  for (const share of shares) {
    if (share.linkIndex === undefined) continue
    const link = out[share.linkIndex]
    if (link === undefined || link.provider === share.provider) continue
    if (!borrows(registry, share.provider, link.host)) continue
    const provider = registry.byId.get(share.provider)
    if (provider === undefined) continue
    out[share.linkIndex] = {
      ...link,
      provider: provider.id,
      category: categoryFor(provider, link.host, pathOf(link.url)),
    }
  }
  return { links: out, shares }
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname
  } catch {
    return '/'
  }
}
