import { readFileSync } from 'node:fs'
import { testConfig } from '../src/config/config.js'
import { createContext } from '../src/context.js'
import { InspectJsonWriter } from '../src/core/inspect-json.js'
import type { InspectResult } from '../src/core/inspected-link.js'
import { extract } from '../src/core/links/index.js'
import { openStore } from '../src/db/client.js'
import { inspectMessage } from '../src/services/inspect.js'
import { registryOf } from '../src/services/reference-data.js'
import { opsPerSecond, type BenchResult } from './harness.js'

const CORPUS = new URL('../test/fixtures/shared-data/chat-corpus-1mib.txt', import.meta.url)
const MESSAGE =
  '周末一起看看 https://item.jd.com/100012043978.html 还有 https://www.bilibili.com/video/BV1xx411c7mD 和 v.douyin.com/iRNBho6/'

/**
 * The inspect answer's JSON writer (core/inspect-json.ts) against JSON.stringify, which Fastify uses
 * for a route without a response schema, on real answers in this run. Each side also measures and
 * encodes its text as UTF-8, as the socket does: the writer's one-byte text is part of what it saves.
 */
export async function run(): Promise<BenchResult[]> {
  const store = await openStore({ kind: 'pglite', dataDir: null })
  const ctx = await createContext(testConfig(), { store })
  try {
    const registry = registryOf(ctx)
    // Fresh answer objects, as each request makes them: the same message many times, and corpus messages.
    const repeated: InspectResult[] = []
    for (let i = 0; i < 500; i++)
      repeated.push(await inspectMessage(ctx, { text: MESSAGE, scenario: 'group' }))
    const corpus: InspectResult[] = []
    for (const text of readFileSync(CORPUS, 'utf8').split('\n')) {
      if (corpus.length === 2000) break
      if (extract(text, registry).links.length > 0)
        corpus.push(await inspectMessage(ctx, { text, scenario: 'group' }))
    }
    // The same answers with every URL made new (20,000 answers, 10 variants of each): a node's first sight
    // of each link, with nothing about it remembered.
    const firstSight: InspectResult[] = []
    for (let variant = 0; variant < 10; variant++)
      for (const answer of corpus)
        firstSight.push({
          ...answer,
          links: answer.links.map((link) => ({ ...link, url: `${link.url}#${variant}` })),
        })
    const bytes = Buffer.allocUnsafe(1 << 20)
    const send = (json: string) => bytes.write(json, 0, Buffer.byteLength(json))
    let writer = new InspectJsonWriter()
    const rate = (answers: InspectResult[], write: (answer: InspectResult) => string, fresh = false) =>
      opsPerSecond(
        () => {
          if (fresh) writer = new InspectJsonWriter()
          for (const answer of answers) send(write(answer))
        },
        1_500,
        answers.length,
      )
    const stringify = (answer: InspectResult) => JSON.stringify(answer)
    const line = (name: string, value: number, baselineValue: number, target?: string): BenchResult => ({
      name: `inspect answer JSON, written and encoded, ${name}`,
      value,
      unit: 'answers/s',
      baseline: 'JSON.stringify',
      baselineValue,
      ratio: value / baselineValue,
      ...(target ? { target } : {}),
    })
    return [
      line(
        'one 3-link message',
        await rate(repeated, (answer) => writer.result(answer)),
        await rate(repeated, stringify),
        '≥ 1 (the hand-written writer must beat the library)',
      ),
      line(
        '2,000 corpus messages',
        await rate(corpus, (answer) => writer.result(answer)),
        await rate(corpus, stringify),
      ),
      line(
        'every link new (a new writer per 20,000 answers)',
        await rate(firstSight, (answer) => writer.result(answer), true),
        await rate(firstSight, stringify),
        '≥ 1',
      ),
    ]
  } finally {
    await ctx.close()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) for (const r of await run()) console.log(r)
