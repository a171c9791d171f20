import { randomBytes } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import {
  checkRateLimit,
  connectRedis,
  createMemoryState,
  createRedisState,
  redisReady,
  type SharedState,
} from '../src/adapters/redis/index.js'

// The shared-state contract: every implementation runs the same cases (STYLE.md, "contract suites").
const REDIS_URL =
  process.env.HUTONG_TEST_REDIS_URL ?? (process.env.CI === 'true' ? 'redis://127.0.0.1:6379' : null)
if (!REDIS_URL) {
  console.warn(
    '\n[hutong] HUTONG_TEST_REDIS_URL is not set: SKIPPING the Redis half of the shared-state contract.\n',
  )
}

const opened: SharedState[] = []
afterAll(async () => {
  for (const state of opened) await state.close()
})

interface Implementation {
  name: string
  /** Two handles on one shared state, as two nodes would hold. */
  open(): Promise<[SharedState, SharedState]>
}

const memory: Implementation = {
  name: 'memory',
  open: () => {
    const state = createMemoryState()
    opened.push(state)
    return Promise.resolve([state, state])
  },
}

function redis(url: string): Implementation {
  return {
    name: 'redis',
    open: async () => {
      // A fresh prefix per test: runs (and parallel test files) sharing one Redis never collide.
      const prefix = `hutong:test:${randomBytes(6).toString('hex')}:`
      const pair: [SharedState, SharedState] = [
        createRedisState(connectRedis(url), { prefix }),
        createRedisState(connectRedis(url), { prefix }),
      ]
      for (const state of pair) {
        opened.push(state)
        await redisReady((state as ReturnType<typeof createRedisState>).redis)
      }
      return pair
    },
  }
}

const IMPLEMENTATIONS = REDIS_URL ? [memory, redis(REDIS_URL)] : [memory]
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe.each(IMPLEMENTATIONS)('shared state: $name', (impl) => {
  it('counts a fixed window and starts again in the next one', async () => {
    const [a, b] = await impl.open()
    const t = 1_700_000_000_000 - (1_700_000_000_000 % 60_000)
    expect(await a.hitFixedWindow('k', 60_000, t + 1)).toEqual({ count: 1, resetAt: t + 60_000 })
    expect((await b.hitFixedWindow('k', 60_000, t + 59_999)).count).toBe(2)
    expect(await a.hitFixedWindow('k', 60_000, t + 60_000)).toEqual({ count: 1, resetAt: t + 120_000 })
    expect((await a.hitFixedWindow('other', 60_000, t + 60_000)).count).toBe(1)
  })

  it('counts a sliding window: old hits fall out one by one', async () => {
    const [a, b] = await impl.open()
    const t = Date.now()
    expect((await a.hitSlidingWindow('s', 1_000, t)).count).toBe(1)
    expect((await b.hitSlidingWindow('s', 1_000, t + 500)).count).toBe(2)
    expect(await a.hitSlidingWindow('s', 1_000, t + 999)).toEqual({ count: 3, resetAt: t + 1_000 })
    // The hit at t has left the window; the ones at t+500 and t+999 remain.
    expect(await b.hitSlidingWindow('s', 1_000, t + 1_001)).toEqual({ count: 3, resetAt: t + 1_500 })
  })

  it('holds a limit across two nodes hitting at once, and says when to retry', async () => {
    const [a, b] = await impl.open()
    const now = Date.now()
    const rule = { limit: 30, windowMs: 60_000, window: 'sliding' as const }
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, (_, i) => checkRateLimit(i % 2 ? a : b, 'reporter:42', rule, now)),
    )
    expect(outcomes.filter((o) => o.allowed)).toHaveLength(30)
    expect(new Set(outcomes.map((o) => o.count)).size).toBe(40)
    const denied = outcomes.find((o) => !o.allowed)!
    expect(denied.remaining).toBe(0)
    expect(denied.retryAfterMs).toBe(60_000)
  })

  it('gives a lock to one holder at a time; a stale holder cannot release the new one', async () => {
    const [a, b] = await impl.open()
    const first = await a.acquireLock('card:x', 60)
    expect(first).not.toBeNull()
    expect(await b.acquireLock('card:x', 60)).toBeNull()
    await wait(90)
    const second = await b.acquireLock('card:x', 10_000)
    expect(second).not.toBeNull()
    expect(await first!.release()).toBe(false)
    expect(await a.acquireLock('card:x', 10_000)).toBeNull()
    expect(await second!.release()).toBe(true)
    expect(await a.acquireLock('card:x', 10_000)).not.toBeNull()
  })

  it('publishes to every subscriber until it unsubscribes', async () => {
    const [a, b] = await impl.open()
    const heardA: string[] = []
    const heardB: string[] = []
    const offA = await a.subscribe('hutong_policy', (p) => heardA.push(p))
    await b.subscribe('hutong_policy', (p) => heardB.push(p))
    await b.subscribe('hutong_other', (p) => heardB.push(`other:${p}`))
    await a.publish('hutong_policy', 'v2')
    await expect.poll(() => heardB).toEqual(['v2'])
    await expect.poll(() => heardA).toEqual(['v2'])
    await offA()
    await b.publish('hutong_policy', 'v3')
    await expect.poll(() => heardB).toEqual(['v2', 'v3'])
    expect(heardA).toEqual(['v2'])
  })
})

describe.runIf(REDIS_URL)('shared state: Redis prefixes', () => {
  it('keeps two deployments on one Redis apart', async () => {
    const one = createRedisState(connectRedis(REDIS_URL!), {
      prefix: `hutong:test:${randomBytes(6).toString('hex')}:`,
    })
    const two = createRedisState(connectRedis(REDIS_URL!), {
      prefix: `hutong:test:${randomBytes(6).toString('hex')}:`,
    })
    opened.push(one, two)
    await Promise.all([redisReady(one.redis), redisReady(two.redis)])
    const now = Date.now()
    await one.hitFixedWindow('k', 60_000, now)
    expect((await two.hitFixedWindow('k', 60_000, now)).count).toBe(1)
    expect(await one.acquireLock('l', 10_000)).not.toBeNull()
    expect(await two.acquireLock('l', 10_000)).not.toBeNull()
    const heard: string[] = []
    await two.subscribe('c', (p) => heard.push(p))
    await one.publish('c', 'not for two')
    await two.publish('c', 'for two')
    await expect.poll(() => heard).toEqual(['for two'])
  })
})
