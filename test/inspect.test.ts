import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BACKENDS } from './support/backends.js'
import { bearer, startHarness, type Harness } from './support/harness.js'
import { flushCounters } from '../src/services/counters.js'
import { inspectMessage } from '../src/services/inspect.js'
import { registryOf } from '../src/services/reference-data.js'
import { SCENARIOS } from '../src/core/vocabulary.js'

const NOW = new Date('2026-11-22T12:00:00+08:00')

for (const backend of BACKENDS) {
  describe(`inspect and policy over HTTP: ${backend.name}`, () => {
    let h: Harness
    beforeAll(async () => {
      h = await startHarness(backend, { now: () => NOW })
    })
    afterAll(async () => h.close())

    const inspect = async (body: Record<string, unknown>) => {
      const response = await h.app.inject({
        method: 'POST',
        url: '/v1/inspect',
        headers: bearer(h.keys.platform),
        payload: body,
      })
      expect(response.statusCode, response.body).toBe(200)
      return response.json()
    }

    it('on the default policy today: direct open, group open only for e-commerce, feed warn, channel open', async () => {
      const text =
        '看看这个 https://item.jd.com/100012043978.html 还有 https://www.bilibili.com/video/BV1xx411c7mD 哈哈'
      const expected: Record<string, [string, string]> = {
        direct: ['open', 'open'],
        group: ['open', 'warn'],
        feed: ['warn', 'warn'],
        channel: ['open', 'open'],
      }
      for (const scenario of SCENARIOS) {
        const result = await inspect({ text, scenario })
        expect(result.links).toHaveLength(2)
        const [jd, bili] = result.links
        expect(jd.provider).toBe('jd')
        expect(jd.category).toBe('e-commerce')
        expect([jd.decision.action, bili.decision.action]).toEqual(expected[scenario])
        for (const link of result.links) {
          if (link.decision.action !== 'open') expect(link.decision.reasons.length).toBeGreaterThan(0)
          expect(link.goUrl).toMatch(/\/go\/[\w-]+\.[\w-]+$/)
        }
      }
    })

    it('every e-commerce provider gets the same decision as every other, in every scenario', async () => {
      const registry = registryOf(h.ctx)
      const shops = registry.providers.filter((p) => p.defaultCategory === 'e-commerce')
      expect(shops.length).toBeGreaterThan(5)
      for (const scenario of SCENARIOS) {
        const seen = new Set<string>()
        for (const shop of shops) {
          const domain = shop.domains[0]!
          const result = await inspect({ text: `https://www.${domain}/`, scenario })
          const link = result.links[0]
          if (!link || link.category !== 'e-commerce') continue
          seen.add(`${link.decision.action}/${link.decision.card}/${link.decision.openInApp}`)
        }
        expect([...seen], scenario).toHaveLength(1)
      }
    })

    it('"as of" 2021-10-01 (phase 1), direct links warn with a reason', async () => {
      const result = await inspect({
        text: 'https://item.jd.com/1.html',
        scenario: 'direct',
        at: '2021-10-01T12:00:00+08:00',
      })
      expect(result.links[0].decision.action).toBe('warn')
      expect(result.links[0].decision.reasons[0].code).toMatch(/^POLICY_/)
    })

    it('a user may be stricter, but may not loosen past the bounds (clear error code)', async () => {
      const put = await h.app.inject({
        method: 'PUT',
        url: '/v1/users/u-42/preferences',
        headers: bearer(h.keys.platform),
        payload: { byScenario: { direct: { '*': 'warn' } } },
      })
      expect(put.statusCode, put.body).toBe(200)
      const result = await inspect({ text: 'https://item.jd.com/1.html', scenario: 'direct', userId: 'u-42' })
      expect(result.links[0].decision.action).toBe('warn')
      expect(result.links[0].decision.reasons.map((r: { code: string }) => r.code)).toContain(
        'USER_PREFERENCE',
      )
      const other = await inspect({ text: 'https://item.jd.com/1.html', scenario: 'direct', userId: 'u-43' })
      expect(other.links[0].decision.action).toBe('open')
    })

    it('group settings change decisions and are ledgered', async () => {
      const put = await h.app.inject({
        method: 'PUT',
        url: '/v1/groups/g-1/settings',
        headers: bearer(h.keys.platform),
        payload: { defaults: { 'e-commerce': 'warn' } },
      })
      expect(put.statusCode, put.body).toBe(200)
      const result = await inspect({ text: 'https://item.jd.com/1.html', scenario: 'group', groupId: 'g-1' })
      expect(result.links[0].decision.action).toBe('warn')
      const ledger = (
        await h.app.inject({ url: '/v1/ledger?limit=1000', headers: bearer(h.keys.auditor) })
      ).json()
      expect(ledger.items.map((e: { kind: string }) => e.kind)).toContain('group.settings')
    })

    it('a policy naming a provider is refused with policy_names_provider, and nothing is published', async () => {
      const current = (await h.app.inject('/v1/policy')).json()
      const doc = structuredClone(current.current)
      doc.version = 'evil-1'
      doc.phases.at(-1).rules.unshift({
        match: { scenarios: ['direct'], provider: 'taobao' },
        action: 'warn',
        reasons: ['POLICY_GROUP_NON_ECOMMERCE'],
      })
      const response = await h.app.inject({
        method: 'POST',
        url: '/v1/policy',
        headers: bearer(h.keys.admin),
        payload: { document: doc },
      })
      expect(response.statusCode).toBe(400)
      expect(response.json().issues.map((i: { code: string }) => i.code)).toContain('policy_names_provider')
      expect((await h.app.inject('/v1/policy')).json().history).toHaveLength(current.history.length)
    })

    it('publishes a new version with a ledgered diff, simulates a draft, and serves the catalogue', async () => {
      const current = (await h.app.inject('/v1/policy')).json()
      const doc = structuredClone(current.current)
      doc.version = `${doc.version}-feed-open`
      const simulated = await h.app.inject({
        method: 'POST',
        url: '/v1/policy/simulate',
        headers: bearer(h.keys.admin),
        payload: {
          document: doc,
          samples: [
            { url: 'https://item.jd.com/1.html', scenario: 'feed' },
            { url: 'https://v.douyin.com/abc/', scenario: 'direct' },
          ],
        },
      })
      expect(simulated.statusCode, simulated.body).toBe(200)
      expect(simulated.json()).toMatchObject({ total: 2, changed: 0 })
      const published = await h.app.inject({
        method: 'POST',
        url: '/v1/policy',
        headers: bearer(h.keys.admin),
        payload: { document: doc, note: 'test' },
      })
      expect(published.statusCode, published.body).toBe(201)
      const again = await h.app.inject({
        method: 'POST',
        url: '/v1/policy',
        headers: bearer(h.keys.admin),
        payload: { document: doc },
      })
      expect(again.json().error).toBe('policy_version_exists')
      const ledger = (
        await h.app.inject({ url: '/v1/ledger?limit=1000', headers: bearer(h.keys.auditor) })
      ).json()
      const event = ledger.items.find(
        (e: { kind: string; payload: { version: string } }) =>
          e.kind === 'policy.published' && e.payload.version === doc.version,
      )
      expect(event.payload.diff).toEqual([expect.objectContaining({ path: ['version'], op: 'change' })])
      const reasons = (await h.app.inject('/v1/reasons')).json()
      expect(reasons.reasons.find((r: { code: string }) => r.code === 'GRADE_D')).toMatchObject({
        zh: expect.any(String),
        en: expect.any(String),
      })
    })

    it('counts shared links per provider and day, never per user', async () => {
      await inspect({
        text: 'https://item.jd.com/2.html https://item.jd.com/3.html',
        scenario: 'direct',
        userId: 'someone',
      })
      await flushCounters(h.ctx)
      const rows = (
        await h.ctx.store.query(
          `SELECT * FROM link_count WHERE provider = 'jd' AND scenario = 'direct' AND day = '2026-11-22'`,
        )
      ).rows
      expect(rows.reduce((sum, row) => sum + Number(row.count), 0)).toBeGreaterThanOrEqual(2)
      expect(Object.keys(rows[0]!)).not.toContain('user_id')
    })

    it('the dial test returns one row per url × scenario with reasons from the catalogue', async () => {
      const response = await h.app.inject({
        method: 'POST',
        url: '/v1/dialtest',
        headers: bearer(h.keys.auditor),
        payload: {
          urls: ['https://item.taobao.com/item.htm?id=1', 'not a link'],
          at: '2021-10-01T00:00:00+08:00',
        },
      })
      expect(response.statusCode, response.body).toBe(200)
      const rows = response.json().rows
      expect(rows).toHaveLength(8)
      expect(rows[0]).toMatchObject({
        provider: 'taobao',
        scenario: 'direct',
        action: 'warn',
        reasons: [expect.objectContaining({ zh: expect.any(String) })],
      })
      expect(rows[4]).toMatchObject({ error: 'not_a_link' })
    })

    it('answers in ASCII JSON whose value is exactly what the service decided, alone and in a batch', async () => {
      // Chinese share text, a full-width link, a 淘口令 and an IDN host: everything past ASCII is escaped.
      const texts = [
        '【淘宝】限时特惠 https://m.tb.cn/h.UlvZ4Xa?tk=7VPsbXB7RnM ￥7VPsbXB7RnM￥ 「优选好物」',
        '看 ｈｔｔｐｓ：／／ｗｗｗ．ｊｄ．ｃｏｍ／ 和 https://例子.中国/路径 和 "quoted" \\ back',
      ]
      for (const text of texts) {
        for (const scenario of SCENARIOS) {
          const response = await h.app.inject({
            method: 'POST',
            url: '/v1/inspect',
            headers: bearer(h.keys.platform),
            payload: { text, scenario },
          })
          expect(response.statusCode).toBe(200)
          expect(response.headers['content-type']).toBe('application/json; charset=utf-8')
          expect(response.body).toMatch(/^[\x20-\x7e]*$/)
          const decided = await inspectMessage(h.ctx, { text, scenario })
          expect(decided.links.length + decided.shares.length).toBeGreaterThan(0)
          expect(response.json()).toEqual(JSON.parse(JSON.stringify(decided)))
        }
      }
      const batch = await h.app.inject({
        method: 'POST',
        url: '/v1/inspect/batch',
        headers: bearer(h.keys.platform),
        payload: { messages: texts.map((text) => ({ text, scenario: 'group' })) },
      })
      expect(batch.body).toMatch(/^[\x20-\x7e]*$/)
      const decided = await Promise.all(
        texts.map((text) => inspectMessage(h.ctx, { text, scenario: 'group' })),
      )
      expect(batch.json()).toEqual({ results: JSON.parse(JSON.stringify(decided)) })
    })

    it('batch inspect takes up to 500 messages and refuses more', async () => {
      const ok = await h.app.inject({
        method: 'POST',
        url: '/v1/inspect/batch',
        headers: bearer(h.keys.platform),
        payload: { messages: Array.from({ length: 3 }, () => ({ text: 'jd.com', scenario: 'direct' })) },
      })
      expect(ok.json().results).toHaveLength(3)
      const tooMany = await h.app.inject({
        method: 'POST',
        url: '/v1/inspect/batch',
        headers: bearer(h.keys.platform),
        payload: { messages: Array.from({ length: 501 }, () => ({ text: 'x', scenario: 'direct' })) },
      })
      expect(tooMany.statusCode).toBe(400)
    })
  })
}
