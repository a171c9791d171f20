import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSafeFetcher, type FetchPageOptions } from '../src/adapters/fetch/index.js'
import { buildApp } from '../src/api/app.js'
import { testConfig, type Config } from '../src/config/config.js'
import { createContext, type Context } from '../src/context.js'
import { CARD_TTL_MS, FAILURE_TTL_MS } from '../src/services/card-cache.js'
import { getCard, installCardFetchers } from '../src/services/cards.js'
import { createApiKey } from '../src/services/keys.js'
import { BACKENDS, type Backend } from './support/backends.js'
import { startFixtureServer, type FixtureServer } from './fixtures/web/server.js'

// Redis runs when HUTONG_TEST_REDIS_URL is set (always under CI), like PostgreSQL in ./support/backends.ts.
const REDIS_URL =
  process.env.HUTONG_TEST_REDIS_URL ?? (process.env.CI === 'true' ? 'redis://127.0.0.1:6379' : null)
const CACHES: { name: string; redis: Config['redis'] }[] = [
  { name: 'database cache', redis: null },
  ...(REDIS_URL ? [{ name: 'Redis cache', redis: { url: REDIS_URL } }] : []),
]

const ALLOW = ['127.0.0.1/32']

interface Node {
  ctx: Context
  app: FastifyInstance
  key: string
}

/** One Hutong node over a shared store: its own process-local cache, fetchers that may reach the fixture port. */
async function startNode(
  backendStore: Awaited<ReturnType<Backend['open']>>['store'],
  server: FixtureServer,
  clock: { now: Date },
  redis: Config['redis'],
  fetched: string[] = [],
): Promise<Node> {
  const ctx = await createContext(
    testConfig({ fetch: { allowPrivate: ALLOW, allowedPorts: [80, 443] }, redis }),
    { store: backendStore, now: () => clock.now },
  )
  const options = { allowPrivate: ctx.config.fetch.allowPrivate, allowedPorts: [80, 443, server.port] }
  const page = createSafeFetcher(options)
  // Page fetches the service starts, counted at the fetcher's door (the server's log also counts transport retries).
  const counting = {
    ...page,
    fetchPage: (url: string, o?: FetchPageOptions) => (fetched.push(url), page.fetchPage(url, o)),
  }
  installCardFetchers(ctx, {
    page: counting,
    click: createSafeFetcher({ ...options, totalTimeoutMs: 2_500 }),
  })
  const app = await buildApp(ctx)
  await app.ready()
  return { ctx, app, key: (await createApiKey(ctx.db, { role: 'platform', actor: 'test' })).key }
}

for (const backend of BACKENDS) {
  for (const cache of CACHES) {
    describe(`GET /v1/cards: ${backend.name}, ${cache.name}`, () => {
      let server: FixtureServer
      let opened: Awaited<ReturnType<Backend['open']>>
      let node: Node
      let other: Node
      const clock = { now: new Date('2026-11-22T12:00:00+08:00') }
      const fetched: string[] = []

      beforeAll(async () => {
        server = await startFixtureServer()
        opened = await backend.open()
        node = await startNode(opened.store, server, clock, cache.redis, fetched)
        other = await startNode(opened.store, server, clock, cache.redis, fetched)
      })
      afterAll(async () => {
        for (const n of [node, other]) {
          await n.app.close()
          await n.ctx.close()
        }
        await opened.drop()
        await server.close()
      })

      const card = (n: Node, path: string) =>
        n.app.inject({
          method: 'GET',
          url: '/v1/cards',
          query: { url: `${server.url}${path}` },
          headers: { authorization: `Bearer ${n.key}` },
        })
      const hits = (path: string) => server.requests.filter((r) => r === `GET ${path}`).length

      it('reads GBK from the header, GB18030 from a meta tag and Big5: title, description, price', async () => {
        const gbk = await card(node, '/charset/gbk-header')
        expect(gbk.statusCode, gbk.body).toBe(200)
        expect(gbk.json()).toMatchObject({
          title: '秋季新款双面羊毛大衣',
          description: '双面羊毛，手工缝制，立体剪裁。限时优惠，全国包邮。',
          siteName: '示例商城',
          price: { amount: '899.00', currency: 'CNY' },
          charset: 'gb18030',
          finalUrl: `${server.url}/charset/gbk-header`,
          loginRequired: false,
          provider: null,
          openInApp: null,
        })
        const gb18030 = (await card(node, '/charset/gb18030-meta')).json()
        expect(gb18030).toMatchObject({
          title: '𠮷野家 招牌牛肉饭套餐',
          price: { amount: '32.50', currency: 'CNY' },
          charset: 'gb18030',
        })
        expect(gb18030.description).toContain('𠮷字都需要四字节编码')
        const big5 = (await card(node, '/charset/big5')).json()
        expect(big5).toMatchObject({
          title: '手工鳳梨酥禮盒（十二入）',
          description: '嚴選台灣土鳳梨，奶油香氣濃郁，適合送禮。',
          price: { amount: '450', currency: 'TWD' },
          charset: 'big5',
        })
      })

      it('gives the image as a signed proxy URL, never the page host', async () => {
        const body = (await card(node, '/charset/gbk-header')).json()
        expect(body.image.startsWith(`${node.ctx.config.http.publicUrl}/img/`)).toBe(true)
        expect(body.image).toMatch(/\/img\/[\w-]{22}\/[\w-]+$/)
        expect(body.image).not.toContain(String(server.port))
        expect(Buffer.from(body.image.split('/').at(-1), 'base64url').toString()).toBe(
          `${server.url}/img/png`,
        )
      })

      it('flags a login wall without its misleading title', async () => {
        const body = (await card(node, '/item.htm')).json()
        expect(body.loginRequired).toBe(true)
        expect(body.title ?? '').not.toContain('淘！我喜欢')
        expect(body.description).toBeNull()
        expect(body.finalUrl).toContain('/member/login.jhtml')
      })

      it('follows a redirect chain to its final URL', async () => {
        const body = (await card(node, '/chain/1')).json()
        expect(body.finalUrl).toBe(`${server.url}/og`)
        expect(body.title).toBe('互通：外链治理的开放服务')
      })

      it('refuses a redirect to 127.0.0.2 with fetch_blocked', async () => {
        const response = await card(node, '/to-127-0-0-2')
        expect(response.statusCode).toBe(422)
        expect(response.json()).toMatchObject({ error: 'fetch_blocked' })
      })

      it('fails loops, huge pages and bombs with their codes', async () => {
        const cases: [string, string, number][] = [
          ['/loop/a', 'too_many_redirects', 422],
          ['/huge', 'too_large', 422],
          ['/bomb', 'too_large', 422],
          ['/pdf', 'unsupported_type', 422],
        ]
        for (const [path, code, status] of cases) {
          const response = await card(node, path)
          expect([path, response.statusCode, response.json().error]).toEqual([path, status, code])
        }
      })

      it('serves a second request from the cache, on this node and on another, without a second fetch', async () => {
        const path = '/article'
        expect((await card(node, path)).statusCode).toBe(200)
        expect(hits(path)).toBe(1)
        const again = await card(node, path)
        const elsewhere = await card(other, path)
        expect(again.json()).toEqual(elsewhere.json())
        expect(again.json().title).toBe('微信外链新规第二阶段上线')
        expect(hits(path)).toBe(1)
      })

      it('fetches once for many concurrent requests of the same key, across two nodes', async () => {
        const path = '/video'
        const responses = await Promise.all(
          Array.from({ length: 12 }, (_, i) => card(i % 2 === 0 ? node : other, path)),
        )
        for (const response of responses) expect(response.json().title).toBe('胡同里的秋天')
        expect(fetched.filter((url) => url === `${server.url}${path}`)).toHaveLength(1)
        expect(hits(path)).toBeGreaterThanOrEqual(1)
      })

      it('caches a failure for ten minutes, then fetches again', async () => {
        const path = '/loop/b'
        expect((await card(node, path)).json().error).toBe('too_many_redirects')
        const first = hits(path)
        expect((await card(other, path)).json().error).toBe('too_many_redirects')
        expect(hits(path)).toBe(first)
        clock.now = new Date(clock.now.getTime() + FAILURE_TTL_MS + 1_000)
        expect((await card(other, path)).json().error).toBe('too_many_redirects')
        expect(hits(path)).toBeGreaterThan(first)
      })

      it('keeps a card for a day, and tracking parameters do not make a new key', async () => {
        const path = '/twitter'
        expect((await card(node, `${path}?utm_source=wechat`)).json().title).toBe('A Twitter card title')
        expect((await card(other, path)).statusCode).toBe(200)
        expect(server.requests.filter((r) => r.startsWith(`GET ${path}`))).toHaveLength(1)
        clock.now = new Date(clock.now.getTime() + CARD_TTL_MS + 1_000)
        await card(other, path)
        expect(server.requests.filter((r) => r.startsWith(`GET ${path}`))).toHaveLength(2)
      })

      it('needs a platform or admin key', async () => {
        const response = await node.app.inject({
          method: 'GET',
          url: '/v1/cards',
          query: { url: `${server.url}/og` },
        })
        expect(response.statusCode).toBe(401)
      })
    })
  }
}

describe('card fetching without an allowlist', () => {
  let server: FixtureServer
  let ctx: Context
  beforeAll(async () => {
    server = await startFixtureServer()
    ctx = await createContext(testConfig(), { store: await BACKENDS[0]!.open().then((o) => o.store) })
    const options = { allowPrivate: ctx.config.fetch.allowPrivate, allowedPorts: [80, 443, server.port] }
    installCardFetchers(ctx, { page: createSafeFetcher(options), click: createSafeFetcher(options) })
  })
  afterAll(async () => {
    await ctx.close()
    await ctx.store.close()
    await server.close()
  })

  it('refuses every loopback form with fetch_blocked, and nothing reaches the server', async () => {
    const port = server.port
    const forms = [
      `http://127.0.0.1:${port}/og`,
      `http://2130706433:${port}/og`,
      `http://0177.0.0.1:${port}/og`,
      `http://0x7f.0.0.1:${port}/og`,
      `http://127.1:${port}/og`,
      `http://[::1]:${port}/og`,
      `http://[::ffff:127.0.0.1]:${port}/og`,
      `http://[::ffff:7f00:1]:${port}/og`,
      `http://localhost:${port}/og`,
      `http://0.0.0.0:${port}/og`,
    ]
    for (const url of forms) {
      const outcome = await getCard(ctx, url).then(
        () => 'fetched',
        (error: { code?: string }) => error.code,
      )
      expect([url, outcome]).toEqual([url, 'fetch_blocked'])
    }
    expect(server.requests).toEqual([])
  })
})

describe('card cache with Redis down', () => {
  it('falls back to the database and still fetches once', async () => {
    const server = await startFixtureServer()
    const opened = await BACKENDS[0]!.open()
    const clock = { now: new Date('2026-11-22T12:00:00+08:00') }
    // Nothing listens on port 1: every Redis command fails and the database takes over.
    const node = await startNode(opened.store, server, clock, { url: 'redis://127.0.0.1:1' })
    try {
      const first = await node.app.inject({
        method: 'GET',
        url: '/v1/cards',
        query: { url: `${server.url}/og` },
        headers: { authorization: `Bearer ${node.key}` },
      })
      expect(first.statusCode, first.body).toBe(200)
      await getCard(node.ctx, `${server.url}/og`)
      expect(server.requests.filter((r) => r === 'GET /og')).toHaveLength(1)
    } finally {
      await node.app.close()
      await node.ctx.close()
      await opened.drop()
      await server.close()
    }
  })
})
