import { afterAll, describe, expect, it } from 'vitest'
import { testConfig } from '../src/config/config.js'
import { createContext, type Context } from '../src/context.js'
import { openStore } from '../src/db/client.js'
import { onChange, publishChange } from '../src/services/bus.js'
import {
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
  createTestDatabase,
  freePort,
  warnSkipped,
} from './multinode-support.js'

if (!TEST_DATABASE_URL) warnSkipped('the change-bus tests across two nodes', 'HUTONG_TEST_DATABASE_URL')

const cleanups: (() => Promise<void>)[] = []
afterAll(async () => {
  for (const fn of cleanups.reverse()) await fn()
})

/** Two contexts on one fresh database, as two nodes; `redisUrl` null means no Redis configured. */
async function twoNodes(redisUrl: string | null): Promise<[Context, Context]> {
  const database = await createTestDatabase(TEST_DATABASE_URL!)
  cleanups.push(() => database.drop())
  const nodes: Context[] = []
  for (let i = 0; i < 2; i++) {
    const config = testConfig({ redis: redisUrl ? { url: redisUrl } : null })
    const ctx = await createContext(config, {
      store: await openStore({ kind: 'postgres', url: database.url }),
    })
    cleanups.push(async () => {
      await ctx.close()
      await ctx.store.close()
    })
    nodes.push(ctx)
  }
  return [nodes[0]!, nodes[1]!]
}

async function heard(ctx: Context, channel: string): Promise<string[]> {
  const messages: string[] = []
  await onChange(ctx, channel, (payload) => messages.push(payload))
  return messages
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('change bus on one embedded store', () => {
  it('delivers to this node once', async () => {
    const ctx = await createContext(testConfig(), {
      store: await openStore({ kind: 'pglite', dataDir: null }),
    })
    cleanups.push(async () => {
      await ctx.close()
      await ctx.store.close()
    })
    const messages = await heard(ctx, 'hutong_threats')
    await publishChange(ctx, 'hutong_threats', 'snapshot-1')
    await expect.poll(() => messages).toEqual(['snapshot-1'])
  })
})

describe.runIf(TEST_DATABASE_URL)('change bus across two nodes', () => {
  it.runIf(TEST_REDIS_URL)(
    'over PostgreSQL and Redis together: each node acts on a change once',
    async () => {
      const [a, b] = await twoNodes(TEST_REDIS_URL)
      const onA = await heard(a, 'hutong_grades')
      const onB = await heard(b, 'hutong_grades')
      await publishChange(a, 'hutong_grades', 'jd')
      await publishChange(b, 'hutong_grades', 'taobao')
      await expect.poll(() => onB.length).toBe(2)
      await wait(200)
      expect(onA.sort()).toEqual(['jd', 'taobao'])
      expect(onB.sort()).toEqual(['jd', 'taobao'])
    },
  )

  it('with Redis configured but unreachable: PostgreSQL alone carries the change', async () => {
    const [a, b] = await twoNodes(`redis://127.0.0.1:${await freePort()}`)
    const onB = await heard(b, 'hutong_cases')
    await publishChange(a, 'hutong_cases', 'case-1')
    await expect.poll(() => onB).toEqual(['case-1'])
  })

  it('passes plain NOTIFY payloads (services not yet on the bus) through unchanged', async () => {
    const [a, b] = await twoNodes(null)
    const onB = await heard(b, 'hutong_policy')
    await a.store.notify('hutong_policy', '2021.11-default.2')
    await expect.poll(() => onB).toEqual(['2021.11-default.2'])
  })
})
