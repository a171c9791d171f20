import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testConfig } from '../src/config/config.js'
import { createContext } from '../src/context.js'
import { openStore } from '../src/db/client.js'
import { onChange, publishChange } from '../src/services/bus.js'
import { createAdminKey, nodeEnv, postJson, startNode, type RunningNode } from './multinode-support.js'
import { privatePostgresMissing, startPrivatePostgres, type PrivatePostgres } from './faults-servers.js'

const missing = privatePostgresMissing()
if (missing) console.warn(`\n[hutong] ${missing}: SKIPPING the PostgreSQL restart fault test.\n`)

interface Outcome {
  at: number
  status: number
  retryAfter: string | null
}

describe.skipIf(missing !== null)('fault: PostgreSQL restarts under load', () => {
  let postgres: PrivatePostgres
  let node: RunningNode
  let adminKey = ''

  beforeAll(async () => {
    postgres = await startPrivatePostgres()
    const env = nodeEnv(postgres.url)
    adminKey = createAdminKey(env)
    node = await startNode(env)
  }, 90_000)

  afterAll(async () => {
    await node?.stop('SIGKILL')
    postgres?.destroy()
  }, 30_000)

  it('answers 503 with Retry-After while the database is down, and recovers without a restart', async () => {
    const outcomes: Outcome[] = []
    let running = true
    let n = 0
    // Requests that need the database: a ledger page, and inspect for users whose preferences are not cached.
    const worker = async () => {
      while (running) {
        const i = n++
        const started = performance.now()
        const response =
          i % 2 === 0
            ? await fetch(`${node.url}/v1/ledger?limit=5`, {
                headers: { authorization: `Bearer ${adminKey}` },
              })
            : await fetch(`${node.url}/v1/inspect`, {
                method: 'POST',
                headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
                body: JSON.stringify({
                  text: 'https://item.jd.com/1.html',
                  scenario: 'direct',
                  userId: `u${i}`,
                }),
              })
        await response.arrayBuffer()
        outcomes.push({
          at: started,
          status: response.status,
          retryAfter: response.headers.get('retry-after'),
        })
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
    }
    const workers = Array.from({ length: 4 }, worker)
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    const crashedAt = performance.now()
    postgres.crash()
    await new Promise((resolve) => setTimeout(resolve, 2_000))
    const restartedAt = performance.now()
    postgres.start()
    // Run on until a full second of answers after the restart are all 200.
    const deadline = performance.now() + 20_000
    while (performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250))
      const recent = outcomes.filter((o) => o.at > performance.now() - 1_000)
      if (
        performance.now() - restartedAt > 1_000 &&
        recent.length > 0 &&
        recent.every((o) => o.status === 200)
      )
        break
    }
    running = false
    await Promise.all(workers)

    const before = outcomes.filter((o) => o.at < crashedAt)
    const during = outcomes.filter((o) => o.at > crashedAt + 100 && o.at < restartedAt)
    const recovered = outcomes.filter((o) => o.at > performance.now() - 1_000)
    expect(before.length).toBeGreaterThan(0)
    expect(before.every((o) => o.status === 200)).toBe(true)
    // Down: every failure is a retryable 503 with Retry-After, never a 500.
    expect(during.filter((o) => o.status === 503).length).toBeGreaterThan(0)
    expect(outcomes.filter((o) => o.status !== 200 && o.status !== 503)).toEqual([])
    expect(
      outcomes
        .filter((o) => o.status === 503)
        .every((o) => o.retryAfter !== null && Number(o.retryAfter) > 0),
    ).toBe(true)
    // Back: the same process answers again.
    expect(recovered.length).toBeGreaterThan(0)
    expect(recovered.every((o) => o.status === 200)).toBe(true)
    expect(node.process.exitCode).toBeNull()
    const health = await fetch(`${node.url}/healthz`)
    expect(health.status).toBe(200)
    const write = await postJson(`${node.url}/v1/policy/validate`, adminKey, { yaml: 'version: x' })
    expect(write.status).toBe(200)
  }, 60_000)

  it('the change bus listens again after the restart, says so, and carries changes between nodes', async () => {
    const open = async () =>
      createContext(testConfig(), { store: await openStore({ kind: 'postgres', url: postgres.url }) })
    const [a, b] = [await open(), await open()]
    try {
      const heard: string[] = []
      let resyncs = 0
      await onChange(b, 'hutong_threats', (payload) => heard.push(payload), { onResync: () => resyncs++ })
      await publishChange(a, 'hutong_threats', 'before')
      await expect.poll(() => heard).toEqual(['before'])
      postgres.crash()
      await new Promise((resolve) => setTimeout(resolve, 1_000))
      postgres.start()
      // The watchdog notices its own ping went unheard, listens again and asks the owner to reload.
      await expect.poll(() => resyncs, { timeout: 15_000, interval: 100 }).toBeGreaterThan(0)
      await expect
        .poll(
          async () => {
            await publishChange(a, 'hutong_threats', 'after').catch(() => undefined)
            return heard.includes('after')
          },
          { timeout: 5_000, interval: 250 },
        )
        .toBe(true)
    } finally {
      for (const ctx of [a, b]) {
        await ctx.close()
        await ctx.store.close()
      }
    }
  }, 40_000)
})
