import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { promisify } from 'node:util'
import Fastify from 'fastify'
import { buildApp } from '../src/api/app.js'
import { testConfig } from '../src/config/config.js'
import { createContext } from '../src/context.js'
import { openStore } from '../src/db/client.js'
import { extract } from '../src/core/links/index.js'
import { createApiKey } from '../src/services/keys.js'
import { decideLink, inspectMessage } from '../src/services/inspect.js'
import { prepareSafety } from '../src/services/safety.js'
import { currentPolicy } from '../src/services/policy.js'
import { registryOf } from '../src/services/reference-data.js'
import type { BenchResult } from './harness.js'

const CORPUS = new URL('../test/fixtures/shared-data/chat-corpus-1mib.txt', import.meta.url)
const MESSAGE =
  '周末一起看看 https://item.jd.com/100012043978.html 还有 https://www.bilibili.com/video/BV1xx411c7mD 和 v.douyin.com/iRNBho6/'

const AUTOCANNON = createRequire(import.meta.url).resolve('autocannon/autocannon.js')

// autocannon runs in its own process, so the load generator does not share the server's event loop.
async function cannon(
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<{ rps: number; p99: number }> {
  const args = [
    AUTOCANNON,
    '--json',
    '-c',
    '16',
    '-d',
    '5',
    '-m',
    'POST',
    '-b',
    body,
    '-H',
    'content-type=application/json',
  ]
  for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}=${value}`)
  const { stdout } = await promisify(execFile)(process.execPath, [...args, url], {
    maxBuffer: 16 * 1024 * 1024,
  })
  const result = JSON.parse(stdout) as { requests: { average: number }; latency: { p99: number } }
  return { rps: result.requests.average, p99: result.latency.p99 }
}

export async function run(): Promise<BenchResult[]> {
  const store = await openStore({ kind: 'pglite', dataDir: null })
  const ctx = await createContext(testConfig(), { store })
  const results: BenchResult[] = []
  try {
    const registry = registryOf(ctx)
    await currentPolicy(ctx)
    const lines = readFileSync(CORPUS, 'utf8').split('\n')
    const bytes = Buffer.byteLength(lines.join('\n'))
    const time = async (fn: (line: string) => unknown) => {
      for (const line of lines.slice(0, 2000)) await fn(line) // warm-up
      let best = Infinity
      for (let round = 0; round < 3; round++) {
        const start = performance.now()
        for (const line of lines) await fn(line)
        best = Math.min(best, performance.now() - start)
      }
      return best
    }
    const compiled = await currentPolicy(ctx)
    const at = ctx.now()
    const recognise = await time((line) => extract(line, registry))
    const decided = await time(async (line) => {
      const links = extract(line, registry).links
      if (links.length === 0) return
      const prep = await prepareSafety(
        ctx,
        links.map((link) => link.url),
        at,
      )
      for (const link of links)
        decideLink(ctx, compiled, link, { scenario: 'group', at, prep, prefs: null, group: null })
    })
    const pipeline = await time((line) => inspectMessage(ctx, { text: line, scenario: 'group' }))
    const mbps = (ms: number) => bytes / 1e6 / (ms / 1000)
    results.push({
      name: 'recognition + decision (safety, grade, cases, policy), 1 MiB corpus',
      value: mbps(decided),
      unit: 'MB/s',
      baseline: 'recognition alone',
      baselineValue: mbps(recognise),
      ratio: decided / recognise,
      target: 'time ratio ≤ 1.25',
    })
    results.push({
      name: 'full inspect service (+ click tokens, display, counting), 1 MiB',
      value: mbps(pipeline),
      unit: 'MB/s',
      baseline: 'recognition alone',
      baselineValue: mbps(recognise),
      ratio: pipeline / recognise,
    })

    const app = await buildApp(ctx)
    const address = await app.listen({ host: '127.0.0.1', port: 0 })
    const { key } = await createApiKey(ctx.db, { role: 'platform', actor: 'bench' })
    const body = JSON.stringify({ text: MESSAGE, scenario: 'group' })
    const sample = await app.inject({
      method: 'POST',
      url: '/v1/inspect',
      headers: { authorization: `Bearer ${key}` },
      payload: JSON.parse(body) as object,
    })
    const bare = Fastify()
    const sameSize = sample.body
    bare.post('/bare', async (_request, reply) => reply.type('application/json').send(sameSize))
    const bareAddress = await bare.listen({ host: '127.0.0.1', port: 0 })
    try {
      const baseline = await cannon(`${bareAddress}/bare`, body, {})
      const inspect = await cannon(`${address}/v1/inspect`, body, { authorization: `Bearer ${key}` })
      results.push({
        name: 'HTTP POST /v1/inspect requests/s (autocannon, 16 conns, 5 s)',
        value: inspect.rps,
        unit: 'req/s',
        baseline: 'bare Fastify route, same body size',
        baselineValue: baseline.rps,
        ratio: inspect.rps / baseline.rps,
        target: '≥ 0.60',
      })
      results.push({
        name: 'HTTP POST /v1/inspect p99 latency',
        value: inspect.p99,
        unit: 'ms',
        baseline: 'bare route p99',
        baselineValue: baseline.p99,
        ratio: inspect.p99 / Math.max(baseline.p99, 1),
      })
    } finally {
      await bare.close()
      await app.close()
    }
  } finally {
    await ctx.close()
  }
  return results
}

if (import.meta.url === `file://${process.argv[1]}`) for (const r of await run()) console.log(r)
