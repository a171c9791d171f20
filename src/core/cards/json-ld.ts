import type { CardPrice } from './card-metadata.js'

/** The card-relevant facts of the schema.org nodes found in a page's JSON-LD. */
export interface JsonLdFacts {
  title: string | null
  description: string | null
  image: string | null
  siteName: string | null
  price: CardPrice | null
}

type Node = Record<string, unknown>

const ARTICLE_TYPES = new Set([
  'Article',
  'NewsArticle',
  'BlogPosting',
  'Report',
  'ScholarlyArticle',
  'TechArticle',
])
const MAX_NODES = 500

/**
 * Reads Product (with offer price and currency), Article and VideoObject nodes, in that order of preference,
 * from JSON-LD blocks (JSON-LD 1.1 §4: top-level arrays and `@graph`); malformed blocks are skipped.
 * @example
 * readJsonLd(['{"@type":"Product","name":"x","offers":{"price":"9.90","priceCurrency":"CNY"}}']).price
 * // { amount: '9.90', currency: 'CNY' }
 */
export function readJsonLd(blocks: readonly string[]): JsonLdFacts {
  const nodes: Node[] = []
  for (const block of blocks) {
    let parsed: unknown
    try {
      parsed = JSON.parse(block)
    } catch {
      continue
    }
    collectNodes(parsed, nodes)
  }
  const product = nodes.find((n) => hasType(n, (t) => t === 'Product' || t === 'ProductGroup'))
  const article = nodes.find((n) => hasType(n, (t) => ARTICLE_TYPES.has(t)))
  const video = nodes.find((n) => hasType(n, (t) => t === 'VideoObject'))
  const main = product ?? article ?? video
  if (main === undefined) return { title: null, description: null, image: null, siteName: null, price: null }
  return {
    title: text(main.name) ?? text(main.headline),
    description: text(main.description),
    image: imageUrl(main.image) ?? imageUrl(main.thumbnailUrl),
    siteName: text(asNode(main.publisher)?.name) ?? text(asNode(main.brand)?.name),
    price: product === undefined ? null : offerPrice(product.offers),
  }
}

function collectNodes(value: unknown, into: Node[]): void {
  if (into.length >= MAX_NODES) return
  if (Array.isArray(value)) {
    for (const item of value) collectNodes(item, into)
    return
  }
  const node = asNode(value)
  if (node === null) return
  into.push(node)
  if (node['@graph'] !== undefined) collectNodes(node['@graph'], into)
}

function hasType(node: Node, test: (type: string) => boolean): boolean {
  const type = node['@type']
  const types = Array.isArray(type) ? type : [type]
  // Types may be written as full IRIs ("https://schema.org/Product").
  return types.some((t) => typeof t === 'string' && test(t.replace(/^https?:\/\/schema\.org\//, '')))
}

function offerPrice(offers: unknown): CardPrice | null {
  const list = Array.isArray(offers) ? offers : [offers]
  for (const item of list) {
    const offer = asNode(item)
    if (offer === null) continue
    const spec = asNode(
      Array.isArray(offer.priceSpecification) ? offer.priceSpecification[0] : offer.priceSpecification,
    )
    const amount = normaliseAmount(offer.price ?? offer.lowPrice ?? spec?.price)
    const currency = normaliseCurrency(offer.priceCurrency ?? spec?.priceCurrency)
    if (amount !== null && currency !== null) return { amount, currency }
  }
  return null
}

/** A price as a plain decimal string: thousands separators and currency signs dropped, `"1,299.00"` → `"1299.00"`. */
export function normaliseAmount(value: unknown): string | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? String(value) : null
  if (typeof value !== 'string') return null
  const match = /^[^\d-]{0,4}(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*$/.exec(value.trim())
  if (match === null) return null
  return `${match[1]!.replace(/,/g, '')}${match[2] ?? ''}`
}

export function normaliseCurrency(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const code = value.trim().toUpperCase()
  return /^[A-Z]{3}$/.test(code) ? code : null
}

function imageUrl(value: unknown): string | null {
  if (typeof value === 'string') return value
  if (Array.isArray(value)) return imageUrl(value[0])
  const node = asNode(value)
  return node === null ? null : (text(node.url) ?? text(node.contentUrl))
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null
}

function asNode(value: unknown): Node | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Node) : null
}
