/** Why a page was judged to be a wall rather than the content the link promises. */
export type WallKind = 'login' | 'consent' | 'challenge'

export interface CardPrice {
  /** A plain decimal string (`"899.00"`), kept as text so no precision is lost. */
  amount: string
  /** ISO 4217, upper case. */
  currency: string
}

/** What a page says about itself, as plain text and absolute http(s) URLs; never markup. */
export interface CardMetadata {
  title: string | null
  description: string | null
  siteName: string | null
  image: string | null
  price?: CardPrice
  favicon: string | null
  canonicalUrl: string | null
  loginRequired: boolean
  wall: WallKind | null
  /** An oEmbed endpoint, present only when its host is on the caller's allow-list. */
  oembedUrl?: string
}

export interface CardLimits {
  title: number
  description: number
  siteName: number
}

export const DEFAULT_CARD_LIMITS: CardLimits = { title: 120, description: 300, siteName: 60 }
