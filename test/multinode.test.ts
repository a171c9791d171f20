import { readFileSync } from 'node:fs'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import {
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
  createAdminKey,
  createTestDatabase,
  nodeEnv,
  postJson,
  startNode,
  warnSkipped,
  type RunningNode,
} from './multinode-support.js'

if (!TEST_DATABASE_URL)
  warnSkipped('the multi-node tests (3 hutong serve processes on one PostgreSQL)', 'HUTONG_TEST_DATABASE_URL')

const MESSAGE = {
  text: '看看这个 https://item.jd.com/100012043978.html',
  scenario: 'group',
  clientVersion: '8.0.20',
}

describe.runIf(TEST_DATABASE_URL)(
  'three nodes on one PostgreSQL' + (TEST_REDIS_URL ? ' and Redis' : ''),
  () => {
    let database: Awaited<ReturnType<typeof createTestDatabase>>
    let nodes: RunningNode[] = []
    let adminKey = ''
    let reviewerKey = ''
    let platformKey = ''

    beforeAll(async () => {
      database = await createTestDatabase(TEST_DATABASE_URL!)
      const env = nodeEnv(database.url, TEST_REDIS_URL ? { HUTONG_REDIS_URL: TEST_REDIS_URL } : {})
      // Migrations and the key come first, as an operator would do before starting the fleet.
      adminKey = createAdminKey(env)
      reviewerKey = createAdminKey(env, 'reviewer')
      platformKey = createAdminKey(env, 'platform')
      // As a fleet comes up on a fresh database: the first node seeds the default policy, then the rest join.
      const seeder = await startNode(env)
      nodes = [seeder, ...(await Promise.all([startNode(env), startNode(env)]))]
    }, 120_000)

    afterAll(async () => {
      await Promise.all(nodes.map((node) => node.stop()))
      await database?.drop()
    }, 30_000)

    it('a policy published on one node takes effect on the two others within 1 s, the seeding node included', async () => {
      for (const node of nodes) {
        const before = await postJson(`${node.url}/v1/inspect`, adminKey, MESSAGE)
        expect(before.status).toBe(200)
        expect(before.body.links[0].decision.action).toBe('open')
      }
      // Pause the group e-commerce trial: rollout 0 % sends those links back to the safety page.
      const document = parseYaml(readFileSync('data/default-policy.yaml', 'utf8'))
      document.version = '2021.11-multinode.2'
      const phase2 = document.phases.find((phase: { id: string }) => phase.id === 'phase-2')
      phase2.rules.find(
        (rule: { id: string }) => rule.id === 'p2-group-ecommerce-trial',
      ).match.rollout.percent = 0
      const [publisher, ...others] = [nodes[1]!, nodes[0]!, nodes[2]!]
      const published = await postJson(`${publisher.url}/v1/policy`, adminKey, {
        document,
        note: 'pause the group trial',
      })
      expect(published.status).toBe(201)
      const publishedAt = performance.now()

      const seen = await Promise.all(
        others.map(async (node) => {
          for (;;) {
            const after = await postJson(`${node.url}/v1/inspect`, adminKey, MESSAGE)
            const decision = after.body.links[0].decision
            if (after.body.policyVersion === document.version)
              return { ms: performance.now() - publishedAt, decision }
            if (performance.now() - publishedAt > 5_000) return { ms: Infinity, decision }
            await new Promise((resolve) => setTimeout(resolve, 20))
          }
        }),
      )
      for (const [i, { ms, decision }] of seen.entries()) {
        expect(
          ms,
          `${i === 0 ? 'the seeding node' : 'a joining node'} still decides with the old policy`,
        ).toBeLessThan(1_000)
        expect(decision.action).toBe('warn')
        expect(decision.reasons.map((r: { code: string }) => r.code)).toContain('POLICY_GROUP_TRIAL_PENDING')
      }
    }, 30_000)

    /** Milliseconds until every node in `others` decides `url` with `action`, or Infinity after 5 s. */
    async function propagation(
      others: RunningNode[],
      url: string,
      action: string,
      since: number,
    ): Promise<number[]> {
      return Promise.all(
        others.map(async (node) => {
          for (;;) {
            const result = await postJson(`${node.url}/v1/inspect`, adminKey, {
              text: url,
              scenario: 'direct',
              clientVersion: '8.0.20',
            })
            if (result.body.links[0]?.decision.action === action) return performance.now() - since
            if (performance.now() - since > 5_000) return Infinity
            await new Promise((resolve) => setTimeout(resolve, 20))
          }
        }),
      )
    }

    it('a case decision on one node blocks the link on the others within 1 s', async () => {
      const url = 'https://item.jd.com/99887766.html'
      const report = await postJson(`${nodes[2]!.url}/v1/reports`, platformKey, {
        reporterId: 'mn-reporter',
        url,
        scenario: 'direct',
        category: 'fraud',
      })
      expect(report.status).toBe(202)
      expect((await propagation(nodes, url, 'open', performance.now())).every((ms) => ms < 5_000)).toBe(true)
      const decided = await postJson(
        `${nodes[2]!.url}/v1/cases/${report.body.caseId}/decision`,
        reviewerKey,
        {
          action: 'block',
          scope: 'url',
          ground: 'terms',
          reason: 'CONTENT_FRAUD',
          explanation: '页面冒充京东客服索取验证码',
        },
      )
      expect(decided.status).toBe(200)
      const times = await propagation([nodes[0]!, nodes[1]!], url, 'block', performance.now())
      for (const ms of times) expect(ms).toBeLessThan(1_000)
    }, 30_000)

    it('a threat feed imported on one node blocks its links on the others within 1 s', async () => {
      const url = 'http://login-verify.multinode-phish.com/account'
      for (const node of nodes) {
        const before = await postJson(`${node.url}/v1/inspect`, adminKey, {
          text: url,
          scenario: 'direct',
          clientVersion: '8.0.20',
        })
        expect(before.body.links[0].decision.action).not.toBe('block')
      }
      const imported = await fetch(`${nodes[0]!.url}/v1/threats/import?format=list&source=multinode-test`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'text/plain' },
        body: `${url}\n`,
      })
      expect(imported.status).toBe(200)
      const times = await propagation([nodes[1]!, nodes[2]!], url, 'block', performance.now())
      for (const ms of times) expect(ms).toBeLessThan(1_000)
    }, 30_000)

    it('link counters from every node add up in the database', async () => {
      const counts = [7, 5, 3]
      const text = 'https://item.jd.com/1.html 和 https://www.bilibili.com/video/BV1xx411c7mD'
      await Promise.all(
        nodes.map(async (node, i) => {
          for (let n = 0; n < counts[i]!; n++) {
            const result = await postJson(`${node.url}/v1/inspect`, adminKey, {
              text,
              scenario: 'channel',
              clientVersion: '8.0.20',
            })
            expect(result.body.links).toHaveLength(2)
          }
        }),
      )
      const client = new pg.Client({ connectionString: database.url })
      await client.connect()
      try {
        const sum = async () =>
          Number(
            (
              await client.query<{ n: string }>(
                "SELECT coalesce(sum(count), 0) AS n FROM link_count WHERE scenario = 'channel'",
              )
            ).rows[0]!.n,
          )
        // Each node flushes its sums every second; all three add to the same rows.
        await expect.poll(sum, { timeout: 5_000, interval: 200 }).toBe(2 * (7 + 5 + 3))
        const providers = (
          await client.query<{ provider: string; n: string }>(
            "SELECT provider, sum(count) AS n FROM link_count WHERE scenario = 'channel' GROUP BY provider ORDER BY provider",
          )
        ).rows
        expect(providers.map((row) => Number(row.n))).toEqual([15, 15])
      } finally {
        await client.end()
      }
    }, 30_000)
  },
)
