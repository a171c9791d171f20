import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  TEST_DATABASE_URL,
  createAdminKey,
  createTestDatabase,
  nodeEnv,
  startNode,
  warnSkipped,
  type RunningNode,
} from './multinode-support.js'

if (!TEST_DATABASE_URL)
  warnSkipped(
    'the multi-node fault tests (ledger race, kill -9 during report intake)',
    'HUTONG_TEST_DATABASE_URL',
  )

async function send(
  url: string,
  key: string,
  method: 'PUT' | 'POST' | 'GET',
  body?: unknown,
): Promise<{ status: number; body: ReturnType<typeof JSON.parse> }> {
  const response = await fetch(url, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const text = await response.text()
  return { status: response.status, body: text ? JSON.parse(text) : null }
}

describe.runIf(TEST_DATABASE_URL)('faults with two nodes on one PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>
  let nodes: RunningNode[] = []
  let adminKey = ''
  let platformKey = ''

  beforeAll(async () => {
    database = await createTestDatabase(TEST_DATABASE_URL!)
    const env = nodeEnv(database.url)
    adminKey = createAdminKey(env)
    platformKey = createAdminKey(env, 'platform')
    nodes = await Promise.all([startNode(env), startNode(env)])
  }, 120_000)

  afterAll(async () => {
    await Promise.all(nodes.map((node) => node.stop('SIGKILL')))
    await database?.drop()
  }, 30_000)

  it('two nodes appending to the ledger at once leave one chain that verifies', async () => {
    const before = await send(`${nodes[0]!.url}/v1/ledger/verify`, adminKey, 'GET')
    expect(before.body.ok).toBe(true)
    const perNode = 25
    const writes = nodes.flatMap((node, n) =>
      Array.from({ length: perNode }, (_, i) =>
        n === 0 || i % 2 === 0
          ? send(`${node.url}/v1/groups/g-${n}-${i}/settings`, adminKey, 'PUT', { defaults: {} })
          : send(`${node.url}/v1/reports`, platformKey, 'POST', {
              reporterId: `r-${n}-${i}`,
              url: `https://spam-${i}.example.com/a`,
              scenario: 'group',
              category: 'marketing',
            }),
      ),
    )
    const statuses = (await Promise.all(writes)).map((result) => result.status)
    expect(statuses.filter((status) => status !== 200 && status !== 202)).toEqual([])
    for (const node of nodes) {
      const verified = await send(`${node.url}/v1/ledger/verify`, adminKey, 'GET')
      expect(verified.body).toMatchObject({ ok: true })
      expect(verified.body.count).toBeGreaterThanOrEqual(before.body.count + 2 * perNode)
    }
  }, 60_000)

  it('kill -9 of a node during report intake loses no acknowledged report', async () => {
    const [survivor, victim] = [nodes[0]!, nodes[1]!]
    const acked: { id: string; node: string }[] = []
    const failedOnVictim: string[] = []
    let running = true
    let n = 0
    const worker = async (node: RunningNode) => {
      while (running) {
        const i = n++
        try {
          const result = await send(`${node.url}/v1/reports`, platformKey, 'POST', {
            reporterId: `reporter-${i}`,
            url: `https://fraud-${i % 40}.example.net/pay`,
            scenario: 'direct',
            category: 'fraud',
            idempotencyKey: `kill-${i}`,
          })
          if (result.status === 202) acked.push({ id: result.body.id, node: node.url })
        } catch (error) {
          // The victim's connection dies: those reports were never acknowledged, so the client retries them.
          failedOnVictim.push(String(error))
          if (node === victim) return
        }
      }
    }
    const workers = [survivor, victim, survivor, victim, victim, victim].map(worker)
    await new Promise((resolve) => setTimeout(resolve, 700))
    const ackedBeforeKill = acked.filter((a) => a.node === victim.url).length
    await victim.stop('SIGKILL')
    await new Promise((resolve) => setTimeout(resolve, 500))
    running = false
    await Promise.all(workers)

    expect(ackedBeforeKill).toBeGreaterThan(0)
    expect(failedOnVictim.length).toBeGreaterThan(0)
    const client = new pg.Client({ connectionString: database.url })
    await client.connect()
    try {
      const stored = new Set(
        (
          await client.query<{ id: string }>('SELECT id FROM report WHERE id = ANY($1)', [
            acked.map((a) => a.id),
          ])
        ).rows.map((row) => row.id),
      )
      expect(acked.filter((a) => !stored.has(a.id))).toEqual([])
      expect(stored.size).toBe(acked.length)
    } finally {
      await client.end()
    }
    // The survivor kept taking reports, and its ledger still verifies after the crash.
    expect(acked.filter((a) => a.node === survivor.url).length).toBeGreaterThan(0)
    const verified = await send(`${survivor.url}/v1/ledger/verify`, adminKey, 'GET')
    expect(verified.body).toMatchObject({ ok: true })
  }, 60_000)
})
