import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testConfig } from '../src/config/config.js'
import { createContext } from '../src/context.js'
import { openStore } from '../src/db/client.js'
import { caseActionIndex } from '../src/services/case-actions.js'
import { drainEvidence } from '../src/services/evidence.js'
import { configureComplaints } from '../src/services/reports-config.js'
import { drainWebhooks } from '../src/services/webhooks.js'
import { DEFAULT_COMPLAINTS_CONFIG } from '../src/core/complaints/config.js'
import { BACKENDS } from './support/backends.js'
import { auth, startDesk, startReceiver, type DeskHarness } from './complaints-support.js'

for (const backend of BACKENDS) {
  describe(`complaint desk: ${backend.name}`, () => {
    let h: DeskHarness
    let clock = new Date('2026-05-01T02:00:00Z')
    const tick = (ms: number) => (clock = new Date(clock.getTime() + ms))
    beforeAll(async () => {
      h = await startDesk(backend, { now: () => clock })
    })
    afterAll(async () => h.close())

    const report = (payload: Record<string, unknown>, key = h.keys.platform) =>
      h.app.inject({
        method: 'POST',
        url: '/v1/reports',
        headers: auth(key),
        payload: { scenario: 'group', category: 'fraud', ...payload },
      })
    const caseOf = async (id: string) =>
      (await h.app.inject({ url: `/v1/cases/${id}`, headers: auth(h.keys.reviewer) })).json()
    const decide = (id: string, key: string, body: Record<string, unknown> = {}) =>
      h.app.inject({
        method: 'POST',
        url: `/v1/cases/${id}/decision`,
        headers: auth(key),
        payload: {
          action: 'block',
          scope: 'url',
          ground: 'terms',
          reason: 'CONTENT_FRAUD',
          explanation: 'fraud',
          ...body,
        },
      })

    it('counts a duplicate once, replays an idempotency key, refuses a reused one', async () => {
      const url = 'https://mobile.yangkeduo.com/goods.html?goods_id=1'
      const first = await report({ reporterId: 'dup-1', url, idempotencyKey: 'k-1' })
      expect(first.statusCode).toBe(202)
      const again = await report({ reporterId: 'dup-1', url: url + '&utm_source=x' })
      expect(again.json()).toMatchObject({ duplicate: true, caseId: first.json().caseId })
      const other = await report({ reporterId: 'dup-1', url, category: 'privacy' })
      expect(other.json().duplicate).toBe(false)
      const replay = await report({ reporterId: 'dup-1', url, idempotencyKey: 'k-1' })
      expect(replay.json()).toMatchObject({ id: first.json().id, replayed: true })
      const reused = await report({ reporterId: 'dup-1', url: url + '2', idempotencyKey: 'k-1' })
      expect(reused.statusCode).toBe(409)
      expect(reused.json().error).toBe('idempotency_conflict')
      const kase = await caseOf(first.json().caseId)
      expect(kase).toMatchObject({
        reportCount: 2,
        distinctReporters: 1,
        categories: { fraud: 1, privacy: 1 },
      })
      expect(kase.reports).toHaveLength(3)
      expect(JSON.stringify(kase.reports)).not.toContain('dup-1')
      const bad = await report({ reporterId: 'dup-1', url: 'javascript:alert(1)' })
      expect(bad.statusCode).toBe(400)
      expect((await report({ reporterId: 'dup-1', url, text: '长'.repeat(2001) })).json().error).toBe(
        'text_too_long',
      )
    })

    it('warns a reporter near the daily limit, then limits, then lets them in after 24 h', async () => {
      configureComplaints(h.ctx, { dailyLimit: 5 })
      try {
        const statuses = []
        for (let i = 0; i < 6; i++) {
          const r = await report({
            reporterId: 'busy',
            url: `https://weibo.com/p/${i}`,
            category: 'marketing',
          })
          statuses.push([r.statusCode, r.json().warning?.code ?? r.json().error ?? null])
        }
        expect(statuses).toEqual([
          [202, null],
          [202, null],
          [202, null],
          [202, 'rate_limit_near'],
          [202, 'rate_limit_near'],
          [429, 'rate_limited'],
        ])
        tick(25 * 3_600_000)
        expect(
          (await report({ reporterId: 'busy', url: 'https://weibo.com/p/9', category: 'marketing' }))
            .statusCode,
        ).toBe(202)
      } finally {
        configureComplaints(h.ctx, { dailyLimit: DEFAULT_COMPLAINTS_CONFIG.dailyLimit })
      }
    })

    it('holds a storm of new reporters against one provider for a person, and never auto-acts on it', async () => {
      configureComplaints(h.ctx, {
        storm: { windowMinutes: 10, minNewReporterReports: 5, minNewShare: 0.8 },
        autoRules: [{ id: 'three', categories: ['fraud'], minWeightedReports: 3, durationHours: 1 }],
      })
      try {
        const receipts = []
        for (let i = 0; i < 7; i++)
          receipts.push(
            (await report({ reporterId: `storm-${i}`, url: `https://www.douyin.com/video/${i % 2}` })).json(),
          )
        expect(receipts.slice(0, 4).every((r) => r.status === 'received')).toBe(true)
        expect(receipts.slice(4).every((r) => r.status === 'held_for_review')).toBe(true)
        const escalated = (
          await h.app.inject({
            url: '/v1/cases?state=escalated&provider=douyin',
            headers: auth(h.keys.reviewer),
          })
        ).json().items
        expect(escalated.length).toBeGreaterThan(0)
        expect(escalated[0].heldReason).toBe('storm')
        const status = await h.app.inject({
          url: `/v1/reports/${receipts[6].id}`,
          headers: auth(h.keys.platform),
        })
        expect(status.json().status).toBe('held_for_review')
        // Each link reached the auto-rule's three weighted reports only with held reports: no automatic step.
        for (const item of escalated)
          expect(caseActionIndex(h.ctx).forLink({ url: item.url, domain: 'douyin.com' }, clock)).toEqual([])
      } finally {
        configureComplaints(h.ctx, {
          storm: DEFAULT_COMPLAINTS_CONFIG.storm,
          autoRules: DEFAULT_COMPLAINTS_CONFIG.autoRules,
        })
      }
    })

    it('applies an auto-rule as an automated temporary warn that expires', async () => {
      configureComplaints(h.ctx, {
        autoRules: [{ id: 'two-fraud', categories: ['fraud'], minWeightedReports: 2, durationHours: 1 }],
      })
      try {
        const url = 'https://www.kuaishou.com/short-video/abc'
        await report({ reporterId: 'auto-1', url })
        expect(caseActionIndex(h.ctx).forLink({ url, domain: 'kuaishou.com' }, clock)).toEqual([])
        const second = await report({ reporterId: 'auto-2', url })
        const actions = caseActionIndex(h.ctx).forLink({ url, domain: 'kuaishou.com' }, clock)
        expect(actions).toEqual([
          {
            action: 'warn',
            reason: 'CASE_PENDING_REVIEW',
            scope: 'link',
            caseId: second.json().caseId,
            automated: true,
          },
        ])
        const kase = await caseOf(second.json().caseId)
        expect(kase.decisions[0].statement).toMatchObject({
          automatedDecision: 'fully',
          automatedDetection: true,
          end: expect.any(String),
        })
        expect(
          caseActionIndex(h.ctx).forLink(
            { url, domain: 'kuaishou.com' },
            new Date(clock.getTime() + 2 * 3_600_000),
          ),
        ).toEqual([])
        const status = await h.app.inject({
          url: `/v1/reports/${second.json().id}`,
          headers: auth(h.keys.platform),
        })
        expect(status.json().status).toBe('interim_action')
      } finally {
        configureComplaints(h.ctx, { autoRules: DEFAULT_COMPLAINTS_CONFIG.autoRules })
      }
    })

    it('weighs a trusted flagger higher in its categories only', async () => {
      expect(
        (
          await h.app.inject({
            method: 'PUT',
            url: `/v1/flaggers/${h.keyIds.flagger}`,
            headers: auth(h.keys.admin),
            payload: { categories: ['fraud'], weight: 3 },
          })
        ).statusCode,
      ).toBe(200)
      const fraud = await report(
        { reporterId: 'centre', url: 'https://www.bilibili.com/video/BV1' },
        h.keys.flagger,
      )
      const spam = await report(
        { reporterId: 'centre', url: 'https://www.bilibili.com/video/BV2', category: 'marketing' },
        h.keys.flagger,
      )
      expect((await caseOf(fraud.json().caseId)).weightedReporters).toBe(3)
      expect((await caseOf(spam.json().caseId)).weightedReporters).toBe(1)
      expect((await caseOf(fraud.json().caseId)).trustedFlagged).toBe(true)
    })

    it('leases claims: another reviewer gets 409 case_claimed until the lease ends', async () => {
      const r = await report({ reporterId: 'claim-1', url: 'https://www.xiaohongshu.com/explore/1' })
      const id = r.json().caseId as string
      expect(
        (await h.app.inject({ method: 'POST', url: `/v1/cases/${id}/claim`, headers: auth(h.keys.reviewer) }))
          .statusCode,
      ).toBe(200)
      const taken = await h.app.inject({
        method: 'POST',
        url: `/v1/cases/${id}/claim`,
        headers: auth(h.keys.reviewer2),
      })
      expect(taken.statusCode).toBe(409)
      expect(taken.json().error).toBe('case_claimed')
      expect((await decide(id, h.keys.reviewer2)).json().error).toBe('case_claimed')
      tick(6 * 60_000)
      expect(
        (
          await h.app.inject({
            method: 'POST',
            url: `/v1/cases/${id}/claim`,
            headers: auth(h.keys.reviewer2),
          })
        ).statusCode,
      ).toBe(200)
      expect((await decide(id, h.keys.reviewer2, { action: 'dismiss' })).statusCode).toBe(200)
      expect((await decide(id, h.keys.reviewer, { reason: 'NOT_A_CODE' })).json().error).toBe(
        'unknown_reason',
      )
    })

    it('lowers the weight of a reporter whose reports are rejected', async () => {
      for (let i = 0; i < 6; i++) {
        const r = await report({
          reporterId: 'crier',
          url: `https://www.zhihu.com/question/${i}`,
          category: 'rumor',
        })
        await decide(r.json().caseId, h.keys.reviewer, { action: 'dismiss' })
      }
      const next = await report({
        reporterId: 'crier',
        url: 'https://www.zhihu.com/question/99',
        category: 'rumor',
      })
      expect(next.json().warning?.code).toBe('standing_low')
      expect((await caseOf(next.json().caseId)).weightedReporters).toBeLessThan(0.5)
    })

    it('runs notice → acknowledged → fixed → verified for the provider, and lifts the action', async () => {
      const url = 'https://item.jd.com/777.html'
      const r = await report({ reporterId: 'fix-1', url })
      const id = r.json().caseId as string
      await decide(id, h.keys.reviewer, { action: 'warn' })
      expect(caseActionIndex(h.ctx).forLink({ url, domain: 'jd.com' }, clock)).toHaveLength(1)
      const mine = (
        await h.app.inject({ url: '/v1/providers/jd/cases', headers: auth(h.keys.provider) })
      ).json().items
      expect(mine.find((c: { id: string }) => c.id === id).notice.state).toBe('notified')
      expect(
        (await h.app.inject({ url: '/v1/providers/jd/cases', headers: auth(h.keys.otherProvider) }))
          .statusCode,
      ).toBe(403)
      expect(
        (
          await h.app.inject({
            method: 'POST',
            url: `/v1/providers/taobao/cases/${id}/acknowledge`,
            headers: auth(h.keys.otherProvider),
          })
        ).statusCode,
      ).toBe(404)
      tick(3_600_000)
      expect(
        (
          await h.app.inject({
            method: 'POST',
            url: `/v1/providers/jd/cases/${id}/acknowledge`,
            headers: auth(h.keys.provider),
          })
        ).json().notice.state,
      ).toBe('acknowledged')
      tick(3_600_000)
      expect(
        (
          await h.app.inject({
            method: 'POST',
            url: `/v1/providers/jd/cases/${id}/fixed`,
            headers: auth(h.keys.provider),
            payload: { note: '已下架' },
          })
        ).json().notice.state,
      ).toBe('fixed')
      const verified = await h.app.inject({
        method: 'POST',
        url: `/v1/cases/${id}/fix-verification`,
        headers: auth(h.keys.reviewer2),
        payload: { verified: true },
      })
      expect(verified.json().notice).toMatchObject({ state: 'verified', fixVerifiedAt: expect.any(String) })
      expect(caseActionIndex(h.ctx).forLink({ url, domain: 'jd.com' }, clock)).toEqual([])
      const ledger = (
        await h.app.inject({ url: '/v1/ledger?limit=1000', headers: auth(h.keys.auditor) })
      ).json().items
      const event = ledger.find(
        (e: { kind: string; subject: string }) =>
          e.kind === 'case.fix.verified' && e.subject === `case:${id}`,
      )
      expect(event.payload.noticeToFixHours).toBe(2)
    })

    it('retries a failing webhook with backoff, then dead-letters it', async () => {
      configureComplaints(h.ctx, {
        webhooks: { ...DEFAULT_COMPLAINTS_CONFIG.webhooks, maxAttempts: 2, baseDelayMs: 1000 },
      })
      const failing = await startReceiver(() => 500)
      try {
        await drainWebhooks(h.ctx, 1000)
        await h.app.inject({
          method: 'PUT',
          url: '/v1/webhooks',
          headers: auth(h.keys.admin),
          payload: { url: failing.url, events: ['report.received'] },
        })
        await report({ reporterId: 'hook-1', url: 'https://www.toutiao.com/article/1' })
        expect(await drainWebhooks(h.ctx)).toEqual({ delivered: 0, retrying: 1, dead: 0 })
        expect(await drainWebhooks(h.ctx)).toEqual({ delivered: 0, retrying: 0, dead: 0 })
        tick(5_000)
        expect(await drainWebhooks(h.ctx)).toEqual({ delivered: 0, retrying: 0, dead: 1 })
        expect(failing.received).toHaveLength(2)
        expect(failing.received[0]!.headers['hutong-delivery']).toBe(
          failing.received[1]!.headers['hutong-delivery'],
        )
        const dead = (
          await h.app.inject({ url: '/v1/webhooks/deliveries?state=dead', headers: auth(h.keys.admin) })
        ).json().items
        expect(dead).toHaveLength(1)
        expect(dead[0]).toMatchObject({ event: 'report.received', attempts: 2, lastStatus: 500 })
      } finally {
        configureComplaints(h.ctx, { webhooks: DEFAULT_COMPLAINTS_CONFIG.webhooks })
        await failing.close()
      }
    })

    it('captures evidence through the safe fetcher: final URL, chain, status, sha256, title', async () => {
      const server = createServer((request, response) => {
        if (request.url === '/r') {
          response.writeHead(302, { location: '/page' })
          response.end()
          return
        }
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        response.end('<html><head><title>领取红包</title></head><body>输入验证码</body></html>')
      })
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      // The fetcher is made once per context with the ports configured then; this context has not made it yet.
      configureComplaints(h.ctx, { evidencePorts: [(server.address() as AddressInfo).port] })
      try {
        // Earlier cases point at real sites; this test must not reach the internet.
        await h.ctx.store.query(
          `UPDATE evidence SET state = 'failed', error = 'skipped in test' WHERE state = 'pending'`,
        )
        const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
        const r = await report({ reporterId: 'ev-1', url: `${base}/r` })
        while ((await drainEvidence(h.ctx)) > 0);
        const [captured] = (await caseOf(r.json().caseId)).evidence
        expect(captured).toMatchObject({
          state: 'captured',
          finalUrl: `${base}/page`,
          httpStatus: 200,
          title: '领取红包',
          contentSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        })
        expect(captured.chain.length).toBeGreaterThan(0)
      } finally {
        await new Promise((resolve) => server.close(resolve))
      }
    })

    it('sorts the queue by priority: severe, many-reporter cases first', async () => {
      const items = (
        await h.app.inject({ url: '/v1/cases?sort=priority&limit=500', headers: auth(h.keys.reviewer) })
      ).json().items as { priority: number }[]
      expect(items.length).toBeGreaterThan(3)
      for (let i = 1; i < items.length; i++)
        expect(items[i - 1]!.priority).toBeGreaterThanOrEqual(items[i]!.priority)
      expect((await h.app.inject({ url: '/v1/cases', headers: auth(h.keys.platform) })).statusCode).toBe(403)
    })

    if (backend.name === 'postgres') {
      it('a decision takes effect on another node at once (LISTEN/NOTIFY)', async () => {
        const store = await openStore({ kind: 'postgres', url: h.url! })
        const other = await createContext(testConfig(), { store, now: () => clock })
        try {
          const index = caseActionIndex(other)
          await index.ready()
          const url = 'https://www.meituan.com/deal/42'
          const r = await report({ reporterId: 'node-1', url })
          expect(index.forLink({ url, domain: 'meituan.com' }, clock)).toEqual([])
          await decide(r.json().caseId, h.keys.reviewer)
          const started = Date.now()
          while (
            index.forLink({ url, domain: 'meituan.com' }, clock).length === 0 &&
            Date.now() - started < 3000
          )
            await new Promise((resolve) => setTimeout(resolve, 20))
          expect(index.forLink({ url, domain: 'meituan.com' }, clock)).toMatchObject([
            { action: 'block', reason: 'CONTENT_FRAUD' },
          ])
        } finally {
          await other.close()
          await store.close()
        }
      })
    }
  })
}
