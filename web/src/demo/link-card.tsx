import { api } from '../api.js'
import { useLoad } from '../common.js'
import { useI18n } from '../i18n.js'
import { useDemo } from './demo-context.js'
import type { InspectedLink } from './types.js'

interface Card {
  title?: string | null
  description?: string | null
  siteName?: string | null
  image?: string | null
  price?: { amount: string | number; currency: string } | null
  loginRequired?: boolean
}

const cache = new Map<string, Promise<Card | null>>()

/** The preview card from GET /v1/cards; null when this server has no card service or the fetch failed. */
function cardFor(key: string, url: string): Promise<Card | null> {
  let hit = cache.get(url)
  if (!hit) {
    // No card service on this server (404) or a failed fetch: the card falls back to the link's display form.
    hit = api<Card>('/v1/cards', { key, query: { url } }).catch(() => null)
    cache.set(url, hit)
  }
  return hit
}

/** The link card as the decision asks: full, compact or none; every provider gets the same layout. */
export function LinkCard({ link }: { link: InspectedLink }) {
  const { t } = useI18n()
  const demo = useDemo()
  const style = link.decision.card
  const card = useLoad(
    () => (style === 'none' ? Promise.resolve(null) : cardFor(demo.key, link.url)),
    [link.url, style],
  )
  if (style === 'none') return null
  const data = card.data
  const title = data?.loginRequired ? null : data?.title
  return (
    <div className={`link-card ${style}`} data-card={style}>
      {style === 'full' && data?.image ? (
        <img src={data.image} alt="" loading="lazy" width={64} height={64} />
      ) : null}
      <div>
        <div className="card-title">{title ?? link.display}</div>
        {style === 'full' && data?.description ? <div className="card-desc">{data.description}</div> : null}
        {data?.price ? (
          <div className="card-price">
            {data.price.currency} {String(data.price.amount)}
          </div>
        ) : null}
        <div className="card-site">
          {data?.siteName ?? demo.providerName(link.provider)} ·{' '}
          {t(`category.${link.category}` as 'category.other')}
          {data?.loginRequired ? ` · ${t('demo.loginWall')}` : ''}
        </div>
      </div>
    </div>
  )
}
