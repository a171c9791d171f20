import type { FastifyInstance, InjectOptions } from 'fastify'
import { createSafeFetcher } from '../src/adapters/fetch/index.js'
import { buildApp, type RouteModule } from '../src/api/app.js'
import { testConfig } from '../src/config/config.js'
import { createContext } from '../src/context.js'
import { signClickToken } from '../src/core/click-token.js'
import { openStore } from '../src/db/client.js'
import { installCardFetchers } from '../src/services/cards.js'
import { createApiKey } from '../src/services/keys.js'
import { currentPolicy } from '../src/services/policy.js'
import { startFixtureServer } from '../test/fixtures/web/server.js'
import type { BenchResult } from './harness.js'

const ROUNDS = 3_000

// Bare routes in the same app: the same Fastify, auth hook and inject path, with none of the work.
const bareRoutes: RouteModule = (app) => {
  app.get('/bench/bare-redirect', { config: { roles: ['public'] } }, async (_request, reply) =>
    reply
      .status(302)
      .headers({ location: 'https://item.jd.com/1.html', 'referrer-policy': 'no-referrer' })
      .send(),
  )
  app.get('/bench/bare-json', { config: { roles: ['platform', 'admin'] } }, async () => ({ title: 'bare' }))
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

/** Interleaves the measured requests with their baseline so both meet the same machine state. */
async function latencies(
  app: FastifyInstance,
  measured: () => InjectOptions,
  baseline: () => InjectOptions,
): Promise<{ mine: number[]; base: number[] }> {
  const mine: number[] = []
  const base: number[] = []
  for (let i = 0; i < 300; i++) {
    await app.inject(measured())
    await app.inject(baseline())
  }
  for (let i = 0; i < ROUNDS; i++) {
    for (const own of i % 2 === 0 ? [true, false] : [false, true]) {
      const start = performance.now()
      await app.inject(own ? measured() : baseline())
      ;(own ? mine : base).push(performance.now() - start)
    }
  }
  return { mine: mine.sort((a, b) => a - b), base: base.sort((a, b) => a - b) }
}

function results(
  name: string,
  baseline: string,
  figures: { mine: number[]; base: number[] },
  targetP99?: string,
): BenchResult[] {
  return [50, 99].map((p) => {
    const value = percentile(figures.mine, p)
    const baselineValue = percentile(figures.base, p)
    return {
      name: `${name} p${p}`,
      value,
      unit: 'ms',
      baseline: `${baseline} p${p}`,
      baselineValue,
      ratio: value / baselineValue,
      ...(p === 99 && targetP99 ? { target: targetP99 } : {}),
    }
  })
}

/**
 * `/go` click re-check latency without a fetch (token verify, policy, verdict, cached-expansion lookup, page
 * or redirect) and `GET /v1/cards` cache-hit latency, each against a bare route in the same app and run.
 */
export async function run(): Promise<BenchResult[]> {
  const server = await startFixtureServer()
  const store = await openStore({ kind: 'pglite', dataDir: null })
  const ctx = await createContext(testConfig(), { store })
  const options = { allowPrivate: ['127.0.0.1/32'], allowedPorts: [server.port] }
  installCardFetchers(ctx, { page: createSafeFetcher(options), click: createSafeFetcher(options) })
  const app = await buildApp(ctx, [bareRoutes])
  await app.ready()
  try {
    const policy = await currentPolicy(ctx)
    const exp = Math.floor(Date.now() / 1000) + 3600
    // open (direct e-commerce), warn (group video), warn (unregistered in a feed): no short links, so no fetch.
    const tokens = (
      [
        ['https://item.jd.com/100012043978.html', 'direct'],
        ['https://www.bilibili.com/video/BV1xx411c7mD', 'group'],
        ['https://blog.example.org/posts/1', 'feed'],
      ] as const
    ).map(([url, scenario]) =>
      signClickToken(ctx.signingKey, { url, scenario, action: 'open', policyVersion: policy.version, exp }),
    )
    let n = 0
    const go = await latencies(
      app,
      () => ({ method: 'GET', url: `/go/${tokens[n++ % tokens.length]!}` }),
      () => ({ method: 'GET', url: '/bench/bare-redirect' }),
    )

    const key = (await createApiKey(ctx.db, { role: 'platform', actor: 'bench' })).key
    const headers = { authorization: `Bearer ${key}` }
    const cardUrl = `${server.url}/product`
    const primed = await app.inject({ method: 'GET', url: '/v1/cards', query: { url: cardUrl }, headers })
    if (primed.statusCode !== 200) throw new Error(`card priming failed: ${primed.body}`)
    const cards = await latencies(
      app,
      () => ({ method: 'GET', url: '/v1/cards', query: { url: cardUrl }, headers }),
      () => ({ method: 'GET', url: '/bench/bare-json', headers }),
    )
    return [
      ...results('/go re-check, no fetch (open/warn mix)', 'bare 302 route', go, '< 5 ms'),
      ...results('GET /v1/cards cache hit', 'bare authenticated JSON route', cards),
    ]
  } finally {
    await app.close()
    await ctx.close()
    await store.close()
    await server.close()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const result of await run()) console.log(result)
}
