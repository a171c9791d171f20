import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import Fastify, { type FastifyInstance } from 'fastify'
import { buildApp } from '../src/api/app.js'
import { testConfig } from '../src/config/config.js'
import { createContext } from '../src/context.js'
import { openStore } from '../src/db/client.js'
import { extract } from '../src/core/links/index.js'
import { createApiKey } from '../src/services/keys.js'
import { decideLink, forgetInspectMemo, inspectMessage } from '../src/services/inspect.js'
import { prepareSafety } from '../src/services/safety.js'
import { currentPolicy } from '../src/services/policy.js'
import { registryOf } from '../src/services/reference-data.js'
import type { CannonResult, CannonSpec } from './cannon.js'
import type { BenchResult } from './harness.js'

const CORPUS = new URL('../test/fixtures/shared-data/chat-corpus-1mib.txt', import.meta.url)
const MESSAGE =
  '周末一起看看 https://item.jd.com/100012043978.html 还有 https://www.bilibili.com/video/BV1xx411c7mD 和 v.douyin.com/iRNBho6/'
const CANNON = new URL('./cannon.ts', import.meta.url).pathname
const ROUNDS = 5
const SECONDS = 3

// autocannon runs in its own process, so the load generator does not share the server's event loop.
async function cannon(spec: CannonSpec): Promise<CannonResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'hutong-cannon-'))
  try {
    const file = path.join(dir, 'spec.json')
    writeFileSync(file, JSON.stringify(spec))
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', CANNON, file], {
      maxBuffer: 16 * 1024 * 1024,
    })
    return JSON.parse(stdout) as CannonResult
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

type Load = Omit<CannonSpec, 'connections' | 'seconds'>

interface Compared {
  inspect: CannonResult
  bare: CannonResult
  ratio: number
}

/**
 * Inspect and each bare route, in rotating order for ROUNDS rounds: on a shared machine the load of the
 * moment moves them all, so each figure is the round with the median ratio.
 */
async function compare(
  inspect: Load,
  bare: Record<'text' | 'json', Load>,
): Promise<Record<'text' | 'json', Compared>> {
  const runs: { text: Compared[]; json: Compared[] } = { text: [], json: [] }
  const order = ['inspect', 'text', 'json'] as const
  for (let round = 0; round < ROUNDS; round++) {
    const measured: Partial<Record<(typeof order)[number], CannonResult>> = {}
    for (let step = 0; step < order.length; step++) {
      const which = order[(round + step) % order.length]!
      const spec = which === 'inspect' ? inspect : bare[which]
      measured[which] = await cannon({ ...spec, connections: 16, seconds: SECONDS })
    }
    const i = measured.inspect!
    if (i.non2xx > 0 || i.errors > 0)
      throw new Error(`inspect answered ${i.non2xx} non-2xx, ${i.errors} errors`)
    for (const kind of ['text', 'json'] as const)
      runs[kind].push({ inspect: i, bare: measured[kind]!, ratio: i.rps / measured[kind]!.rps })
  }
  const median = (list: Compared[]) => list.sort((x, y) => x.ratio - y.ratio)[Math.floor(list.length / 2)]!
  return { text: median(runs.text), json: median(runs.json) }
}

/**
 * The baselines: Fastify with no plugins, parsing the same request bodies and answering inspect's own
 * answers in turn, either as ready-made text (`/text`) or as the answer objects, which Fastify
 * serialises as it does for any JSON route (`/json`).
 */
async function bareServer(answers: readonly object[]): Promise<{ app: FastifyInstance; url: string }> {
  const texts = answers.map((answer) => JSON.stringify(answer))
  let next = 0
  const app = Fastify()
  app.post('/text', async (_request, reply) =>
    reply.type('application/json').send(texts[next++ % texts.length]),
  )
  app.post('/json', async () => answers[next++ % answers.length])
  return { app, url: await app.listen({ host: '127.0.0.1', port: 0 }) }
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
    // Cold: nothing remembered before each line, as a node's first sight of every message and link.
    // Warm: the corpus again, its messages and links remembered from the rounds before.
    const forgetting = (fn: (line: string) => unknown) => (line: string) => {
      forgetInspectMemo(ctx)
      return fn(line)
    }
    const decide = async (line: string) => {
      const links = extract(line, registry).links
      if (links.length === 0) return
      const prep = await prepareSafety(
        ctx,
        links.map((link) => link.url),
        at,
      )
      for (const link of links)
        decideLink(ctx, compiled, link, { scenario: 'group', at, prep, prefs: null, group: null })
    }
    const inspect = (line: string) => inspectMessage(ctx, { text: line, scenario: 'group' })
    const forget = await time(forgetting(() => undefined))
    const recognise = await time((line) => extract(line, registry))
    const decidedCold = (await time(forgetting(decide))) - forget
    const decided = await time(decide)
    const pipelineCold = (await time(forgetting(inspect))) - forget
    const pipeline = await time(inspect)
    const mbps = (ms: number) => bytes / 1e6 / (ms / 1000)
    const versusRecognition = (name: string, ms: number, target?: string): BenchResult => ({
      name,
      value: mbps(ms),
      unit: 'MB/s',
      baseline: 'recognition alone',
      baselineValue: mbps(recognise),
      ratio: ms / recognise,
      ...(target ? { target } : {}),
    })
    results.push(
      versusRecognition(
        'recognition + decision, cold (nothing remembered), 1 MiB',
        decidedCold,
        'time ratio ≤ 1.25',
      ),
      versusRecognition('recognition + decision, warm (links seen before), 1 MiB', decided),
      versusRecognition('full inspect service, cold, 1 MiB', pipelineCold),
      versusRecognition('full inspect service, warm (messages seen before), 1 MiB', pipeline),
    )

    const app = await buildApp(ctx)
    const address = await app.listen({ host: '127.0.0.1', port: 0 })
    const { key } = await createApiKey(ctx.db, { role: 'platform', actor: 'bench' })
    const headers = { authorization: `Bearer ${key}` }
    const answer = async (body: string) =>
      (
        await app.inject({ method: 'POST', url: '/v1/inspect', headers, payload: JSON.parse(body) as object })
      ).json<object>()
    // One message asked for again and again: a group message decided for each member who sees it.
    const repeated = [JSON.stringify({ text: MESSAGE, scenario: 'group' })]
    // Corpus messages with links, each made new by a counter: nothing recognised from memory.
    const distinct = lines
      .filter((line) => line.length > 0 && extract(line, registry).links.length > 0)
      .slice(0, 2000)
      .map((text) => JSON.stringify({ text, scenario: 'group' }))
    const bareRepeated = await bareServer([await answer(repeated[0]!)])
    const distinctAnswers: object[] = []
    for (const body of distinct.slice(0, 500)) distinctAnswers.push(await answer(body))
    const bareDistinct = await bareServer(distinctAnswers)
    try {
      const inspectUrl = `${address}/v1/inspect`
      const baselines = (url: string, bodies: string[], unique: boolean) => ({
        text: { url: `${url}/text`, headers: {}, bodies, unique },
        json: { url: `${url}/json`, headers: {}, bodies, unique },
      })
      const same = await compare(
        { url: inspectUrl, headers, bodies: repeated, unique: false },
        baselines(bareRepeated.url, repeated, false),
      )
      const fresh = await compare(
        { url: inspectUrl, headers, bodies: distinct, unique: true },
        baselines(bareDistinct.url, distinct, true),
      )
      const httpResult = (
        name: string,
        measured: Compared,
        baseline: string,
        target?: string,
      ): BenchResult => ({
        name: `HTTP POST /v1/inspect req/s, ${name}`,
        value: measured.inspect.rps,
        unit: 'req/s',
        baseline,
        baselineValue: measured.bare.rps,
        ratio: measured.ratio,
        ...(target ? { target } : {}),
      })
      const latency = (name: string, measured: Compared): BenchResult => ({
        name: `HTTP POST /v1/inspect p99 latency, ${name}`,
        value: measured.inspect.p99,
        unit: 'ms',
        baseline: 'bare route (JSON) p99',
        baselineValue: measured.bare.p99,
        ratio: measured.inspect.p99 / Math.max(measured.bare.p99, 1),
      })
      const JSON_BASELINE = 'bare Fastify route answering the same objects'
      const TEXT_BASELINE = 'bare Fastify route answering the same bytes, pre-serialised'
      results.push(
        httpResult('one 3-link message repeated', same.json, JSON_BASELINE, '≥ 0.60'),
        httpResult('one 3-link message repeated', same.text, TEXT_BASELINE),
        latency('one 3-link message repeated', same.json),
        httpResult('every message new (corpus)', fresh.json, JSON_BASELINE, '≥ 0.60'),
        httpResult('every message new (corpus)', fresh.text, TEXT_BASELINE),
        latency('every message new (corpus)', fresh.json),
      )
    } finally {
      await bareRepeated.app.close()
      await bareDistinct.app.close()
      await app.close()
    }
  } finally {
    await ctx.close()
  }
  return results
}

if (import.meta.url === `file://${process.argv[1]}`) for (const r of await run()) console.log(r)
