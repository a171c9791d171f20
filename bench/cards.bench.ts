import ogs from 'open-graph-scraper'
import { createSafeFetcher } from '../src/adapters/fetch/index.js'
import { decodeHtml, extractCard } from '../src/core/cards/index.js'
import { startFixtureServer } from '../test/fixtures/web/server.js'
import { opsPerSecond, type BenchResult } from './harness.js'

// The same local fixture pages for both: Open Graph, Twitter, JSON-LD, and GBK / GB18030 / Big5 / Shift_JIS.
const PAGES = [
  '/og',
  '/twitter',
  '/product',
  '/article',
  '/login-title',
  '/charset/gbk-header',
  '/charset/gb18030-meta',
  '/charset/big5',
  '/charset/shift-jis',
]
const ROUNDS = 40

/**
 * Cold card extraction (fetch + decode + extract, no cache) against open-graph-scraper on the same local
 * pages, interleaved in the same run; and pure extraction throughput against ogs given the same HTML.
 */
export async function run(): Promise<BenchResult[]> {
  const server = await startFixtureServer()
  const fetcher = createSafeFetcher({ allowPrivate: ['127.0.0.1/32'], allowedPorts: [server.port] })
  const hutongCard = async (path: string) => {
    const page = await fetcher.fetchPage(`${server.url}${path}`)
    const decoded = decodeHtml(page.body, page.headers['content-type'])
    return extractCard(decoded.text, page.finalUrl)
  }
  const ogsCard = (path: string) => ogs({ url: `${server.url}${path}` })

  try {
    for (const path of PAGES) {
      await hutongCard(path)
      await ogsCard(path)
    }
    let hutongMs = 0
    let ogsMs = 0
    for (let round = 0; round < ROUNDS; round++) {
      for (const path of PAGES) {
        // Alternate which goes first so neither always meets a warmer socket pool or JIT.
        const order = round % 2 === 0 ? [true, false] : [false, true]
        for (const mine of order) {
          const start = performance.now()
          await (mine ? hutongCard(path) : ogsCard(path))
          const elapsed = performance.now() - start
          if (mine) hutongMs += elapsed
          else ogsMs += elapsed
        }
      }
    }
    const cards = ROUNDS * PAGES.length
    const hutongPerCard = hutongMs / cards
    const ogsPerCard = ogsMs / cards

    const decoded = await Promise.all(
      PAGES.map(async (path) => {
        const page = await fetcher.fetchPage(`${server.url}${path}`, { stopAt: () => false })
        return { url: page.finalUrl, text: decodeHtml(page.body, page.headers['content-type']).text }
      }),
    )
    const extractOps = await opsPerSecond(
      () => {
        for (const page of decoded) extractCard(page.text, page.url)
      },
      3_000,
      decoded.length,
    )
    const ogsHtmlOps = await opsPerSecond(
      async () => {
        for (const page of decoded) await ogs({ html: page.text })
      },
      3_000,
      decoded.length,
    )

    return [
      {
        name: 'cold card: fetch+decode+extract, local pages (ms/card, lower is better)',
        value: hutongPerCard,
        unit: 'ms/card',
        baseline: 'open-graph-scraper',
        baselineValue: ogsPerCard,
        ratio: hutongPerCard / ogsPerCard,
        target: '≤ 1.0',
      },
      {
        name: 'extractCard on decoded HTML (pages/s, higher is better)',
        value: extractOps,
        unit: 'pages/s',
        baseline: 'open-graph-scraper({html})',
        baselineValue: ogsHtmlOps,
        ratio: extractOps / ogsHtmlOps,
        target: '≥ 1.0',
      },
    ]
  } finally {
    await fetcher.close()
    await server.close()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await run()) console.log(r)
}
