import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Redis } from 'ioredis'
import {
  connectRedis,
  createMemoryState,
  createRedisState,
  createResilientState,
  redisReady,
  type ResilientState,
} from '../src/adapters/redis/index.js'
import { privateRedisMissing, startPrivateRedis, type PrivateRedis } from './faults-servers.js'

const missing = privateRedisMissing()
if (missing) console.warn(`\n[hutong] ${missing}: SKIPPING the Redis outage fault test.\n`)

function recordingLogger() {
  const lines: { level: 'warn' | 'info'; message: string }[] = []
  return {
    lines,
    logger: {
      warn: (_obj: unknown, message?: string) => void lines.push({ level: 'warn', message: message ?? '' }),
      info: (_obj: unknown, message?: string) =>
        void lines.push({ level: 'info', message: message ?? String(_obj) }),
    } as never,
  }
}

describe.skipIf(missing !== null)('fault: Redis goes away and comes back', () => {
  let redis: PrivateRedis
  const nodes: { state: ResilientState; log: ReturnType<typeof recordingLogger>; redis: Redis }[] = []

  beforeAll(async () => {
    redis = await startPrivateRedis()
    for (let i = 0; i < 2; i++) {
      const log = recordingLogger()
      const shared = createRedisState(connectRedis(redis.url, { maxRetryDelayMs: 200 }), {
        prefix: 'hutong:faults:',
      })
      nodes.push({
        state: createResilientState(shared, createMemoryState(), log.logger),
        log,
        redis: shared.redis,
      })
    }
    await Promise.all(nodes.map((n) => redisReady(n.redis)))
  }, 20_000)

  afterAll(async () => {
    for (const { state } of nodes) await state.close()
    await redis?.stop()
  })

  it('falls back to local limits and locks, logs the switch once, and shares them again when Redis returns', async () => {
    const [a, b] = [nodes[0]!, nodes[1]!]
    const now = Date.now()
    const heardOnB: string[] = []
    await b.state.subscribe('hutong_policy', (p) => heardOnB.push(p))
    await a.state.hitFixedWindow('reporter:1', 60_000, now)
    expect((await b.state.hitFixedWindow('reporter:1', 60_000, now)).count).toBe(2)
    await a.state.publish('hutong_policy', 'v1')
    await expect.poll(() => heardOnB).toEqual(['v1'])

    await redis.stop()
    // Down: calls still answer, at once, from this node's memory.
    const started = performance.now()
    const local = await a.state.hitFixedWindow('reporter:1', 60_000, now)
    expect(performance.now() - started).toBeLessThan(500)
    expect(local.count).toBe(1)
    expect(a.state.usingRedis()).toBe(false)
    expect(a.state.kind).toBe('memory')
    expect(await a.state.acquireLock('card:k', 10_000)).not.toBeNull()
    for (let i = 0; i < 20; i++) await a.state.hitSlidingWindow('burst', 1_000, now)
    const warnings = a.log.lines.filter((line) => line.level === 'warn')
    expect(warnings).toHaveLength(1)
    expect(warnings[0]!.message).toMatch(/Redis unavailable; falling back to local/)

    await redis.start()
    await expect
      .poll(() => nodes.every((n) => n.state.usingRedis()), { timeout: 10_000, interval: 100 })
      .toBe(true)
    expect(a.log.lines.at(-1)).toEqual({ level: 'info', message: expect.stringMatching(/Redis is back/) })
    // Shared again: both nodes count into one window, and B (subscribed before the outage) hears A.
    await a.state.hitFixedWindow('reporter:2', 60_000, now)
    expect((await b.state.hitFixedWindow('reporter:2', 60_000, now)).count).toBe(2)
    expect(await b.state.acquireLock('card:shared', 10_000)).not.toBeNull()
    expect(await a.state.acquireLock('card:shared', 10_000)).toBeNull()
    await expect
      .poll(
        async () => {
          await a.state.publish('hutong_policy', 'v2')
          return heardOnB.includes('v2')
        },
        { timeout: 5_000, interval: 200 },
      )
      .toBe(true)
  }, 30_000)
})
