import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { webhookDelivery } from '../src/db/schema/index.js'
import { setWebhookEndpoint } from '../src/services/webhooks.js'
import { dayNumber, dayText, type GradeCard } from '../src/core/grading/index.js'
import { linkCount } from '../src/db/schema/index.js'
import { flushCounters } from '../src/services/counters.js'
import { BACKENDS } from './support/backends.js'
import { auth, startDesk, type DeskHarness } from './complaints-support.js'

// One provider's grade path through the real desk: B on its first recompute, D after 28 confirmed fraud
// cases in a day, held at D while one case stays unfixed past 14 clean days, B again the day it is fixed.
const PROVIDER = 'jd'
const CASES = 28
const HOME = 'https://www.jd.com/'

interface Recompute {
  at: string
  changed: number
  thresholdsHash: string
  providers: {
    provider: string
    grade: string
    previousGrade: string | null
    changed: boolean
    pendingUpgrade: { to: string; cleanSince: string } | null
    ledgerSeq: number | null
  }[]
}

interface DialRow {
  scenario: string
  grade: string
  action: string
  reasons: { code: string; zh?: string; en?: string }[]
}

for (const backend of BACKENDS) {
  describe(`provider grades through the desk: ${backend.name}`, () => {
    let h: DeskHarness
    let clock = new Date('2022-03-01T09:00:00+08:00')
    const caseIds: string[] = []
    beforeAll(async () => {
      h = await startDesk(backend, { now: () => clock, provider: PROVIDER })
      // Nothing listens there: the test reads the outbox rather than a delivery.
      await setWebhookEndpoint(h.ctx, `provider:${PROVIDER}`, { url: 'http://127.0.0.1:9/grades' }, 'test')
    })
    afterAll(async () => {
      await h?.close()
    })

    const at = (day: string, time = '23:00:00') => `${day}T${time}+08:00`
    const setClock = (iso: string) => {
      clock = new Date(iso)
    }
    const addLinks = async (day: string, count: number) => {
      await h.ctx.db
        .insert(linkCount)
        .values({ provider: PROVIDER, day, scenario: 'group', action: 'open', category: 'e-commerce', count })
    }
    const recompute = async (day: string): Promise<Recompute['providers'][number]> => {
      const response = await h.app.inject({
        method: 'POST',
        url: '/v1/grades/recompute',
        headers: auth(h.keys.admin),
        payload: { at: at(day) },
      })
      expect(response.statusCode).toBe(200)
      const mine = response.json<Recompute>().providers.find((p) => p.provider === PROVIDER)
      expect(mine).toBeDefined()
      return mine!
    }
    const dialTest = async (): Promise<Record<string, DialRow>> => {
      const response = await h.app.inject({
        method: 'POST',
        url: '/v1/dialtest',
        headers: auth(h.keys.auditor),
        payload: { urls: [HOME] },
      })
      expect(response.statusCode).toBe(200)
      return Object.fromEntries((response.json().rows as DialRow[]).map((row) => [row.scenario, row]))
    }
    const fullCard = async (): Promise<GradeCard> => {
      const response = await h.app.inject({
        url: `/v1/providers/${PROVIDER}/grade`,
        headers: auth(h.keys.provider),
      })
      expect(response.statusCode).toBe(200)
      return response.json().card as GradeCard
    }
    const fix = async (caseId: string) => {
      const fixed = await h.app.inject({
        method: 'POST',
        url: `/v1/providers/${PROVIDER}/cases/${caseId}/fixed`,
        headers: auth(h.keys.provider),
        payload: { note: '页面已下线' },
      })
      expect(fixed.statusCode).toBe(200)
      const verified = await h.app.inject({
        method: 'POST',
        url: `/v1/cases/${caseId}/fix-verification`,
        headers: auth(h.keys.reviewer2),
        payload: { verified: true },
      })
      expect(verified.statusCode).toBe(200)
    }

    it('grades from the inspect counters: B on the first recompute, no effect on decisions', async () => {
      const first = dayNumber('2022-03-01')!
      for (let n = first - 30; n < first; n++) await addLinks(dayText(n), 400)
      // Real inspect traffic is counted too, per provider and day.
      for (let i = 0; i < 3; i++) {
        const inspected = await h.app.inject({
          method: 'POST',
          url: '/v1/inspect',
          headers: auth(h.keys.platform),
          payload: { text: `看看 ${HOME}`, scenario: 'direct' },
        })
        expect(inspected.statusCode).toBe(200)
        expect(inspected.json().links[0]).toMatchObject({
          provider: PROVIDER,
          grade: 'none',
          decision: { action: 'open' },
        })
      }
      await flushCounters(h.ctx)
      const graded = await recompute('2022-03-01')
      expect(graded).toMatchObject({ grade: 'B', previousGrade: null, changed: true })
      const card = await fullCard()
      expect(card.counts.sharedLinks).toBe(12_003)
      expect(card.decidingThreshold.metric).toBe('violationRate')
      const rows = await dialTest()
      expect(rows.direct).toMatchObject({ grade: 'B', action: 'open' })
    })

    it('falls to D at once after confirmed violations: warn in direct with GRADE_D in the dial test', async () => {
      setClock('2022-03-02T09:00:00+08:00')
      for (let i = 0; i < CASES; i++) {
        // Spread over the day, so the desk sees ordinary traffic rather than a storm of new reporters.
        setClock(new Date(clock.getTime() + 11 * 60_000).toISOString())
        const reported = await h.app.inject({
          method: 'POST',
          url: '/v1/reports',
          headers: auth(h.keys.platform),
          payload: {
            reporterId: `user-${i}`,
            url: `https://item.jd.com/${100_000 + i}.html`,
            scenario: 'group',
            category: 'fraud',
            text: '假冒客服',
          },
        })
        expect(reported.statusCode).toBe(202)
        const caseId = reported.json().caseId as string
        caseIds.push(caseId)
        const decided = await h.app.inject({
          method: 'POST',
          url: `/v1/cases/${caseId}/decision`,
          headers: auth(h.keys.reviewer),
          payload: {
            action: 'block',
            scope: 'url',
            ground: 'terms',
            reason: 'CONTENT_FRAUD',
            explanation: '冒充客服骗取验证码',
          },
        })
        expect(decided.statusCode).toBe(200)
      }
      const fell = await recompute('2022-03-02')
      expect(fell).toMatchObject({ grade: 'D', previousGrade: 'B', changed: true, pendingUpgrade: null })
      const rows = await dialTest()
      expect(rows.direct).toMatchObject({ grade: 'D', action: 'warn' })
      expect(rows.direct!.reasons.map((r) => r.code)).toContain('GRADE_D')
      expect(rows.direct!.reasons.find((r) => r.code === 'GRADE_D')?.zh).toContain('信用等级为 D')
      expect(rows.group).toMatchObject({ grade: 'D', action: 'warn' })
      // Inspect gives every recipient the same: the grade reaches decisions only through the policy's grade rule.
      const inspected = await h.app.inject({
        method: 'POST',
        url: '/v1/inspect',
        headers: auth(h.keys.platform),
        payload: { text: HOME, scenario: 'direct' },
      })
      expect(inspected.json().links[0].decision).toMatchObject({ action: 'warn' })
      const card = await fullCard()
      expect(card).toMatchObject({
        grade: 'D',
        policyGrade: 'D',
        reasons: ['GRADE_D'],
        decidingThreshold: { metric: 'violationRate', comparison: 'above', limit: 30 },
      })
      expect(card.counts.violationsByCategory).toEqual({ fraud: CASES })
      expect(card.decidingThreshold.statement.zh).toContain('超过了 30')
    })

    it('public callers see the summary; the provider and the desk see the full card', async () => {
      const anonymous = await h.app.inject({ url: `/v1/providers/${PROVIDER}/grade` })
      expect(anonymous.statusCode).toBe(200)
      expect(anonymous.json()).toMatchObject({
        provider: PROVIDER,
        detail: 'public',
        summary: { grade: 'D', policyGrade: 'D', reasons: ['GRADE_D'] },
      })
      expect(anonymous.json().card).toBeUndefined()
      expect(JSON.stringify(anonymous.json())).not.toContain('sharedLinks')
      const rival = await h.app.inject({
        url: `/v1/providers/${PROVIDER}/grade`,
        headers: auth(h.keys.otherProvider),
      })
      expect(rival.json().detail).toBe('public')
      for (const key of [h.keys.provider, h.keys.admin, h.keys.reviewer, h.keys.auditor]) {
        const full = await h.app.inject({ url: `/v1/providers/${PROVIDER}/grade`, headers: auth(key) })
        expect(full.json()).toMatchObject({
          detail: 'full',
          card: { grade: 'D', counts: { sharedLinks: 12_003 } },
        })
        expect(full.json().card.whatWouldMoveUp.length).toBeGreaterThan(0)
      }
      const history = await h.app.inject({ url: `/v1/providers/${PROVIDER}/grade/history` })
      expect(history.json().items.map((i: { from: string | null; to: string }) => [i.from, i.to])).toEqual([
        ['B', 'D'],
        [null, 'B'],
      ])
      expect(history.json().items[0].card).toBeUndefined()
      const distribution = await h.app.inject({ url: '/v1/grades' })
      expect(distribution.json().counts.D).toBe(1)
      expect(distribution.json().providers).toContainEqual(
        expect.objectContaining({ provider: PROVIDER, grade: 'D' }),
      )
      const unknown = await h.app.inject({ url: '/v1/providers/no-such-provider/grade' })
      expect(unknown.statusCode).toBe(404)
    })

    it('holds D through 14 clean days while a case stays unfixed, and rises the day it is fixed', async () => {
      // The provider fixes all but one case the next day.
      setClock('2022-03-03T10:00:00+08:00')
      for (const caseId of caseIds.slice(1)) await fix(caseId)
      const first = dayNumber('2022-03-03')!
      let card: GradeCard | null = null
      for (let n = first; n <= first + 14; n++) {
        setClock(`${dayText(n)}T12:00:00+08:00`)
        await addLinks(dayText(n), 20_000)
        const held = await recompute(dayText(n))
        expect(held).toMatchObject({ grade: 'D', changed: false })
        card = await fullCard()
      }
      // Fifteen clean days and the numbers say B, but the open case is overdue: that is what holds the grade.
      expect(card).toMatchObject({
        grade: 'D',
        computedGrade: 'B',
        pendingUpgrade: { to: 'B', cleanSince: '2022-03-03', cleanDaysLeft: 0 },
      })
      expect(card!.decidingThreshold).toMatchObject({ metric: 'overdueCases', reading: 1 })
      expect(card!.whatWouldMoveUp.map((s) => s.en).join(' ')).toMatch(/overdue|unfixed|fix/i)
      expect((await dialTest()).direct).toMatchObject({ grade: 'D', action: 'warn' })

      const day = dayText(first + 15)
      setClock(`${day}T10:00:00+08:00`)
      await addLinks(day, 20_000)
      await fix(caseIds[0]!)
      const rose = await recompute(day)
      expect(rose).toMatchObject({ grade: 'B', previousGrade: 'D', changed: true })
      const rows = await dialTest()
      expect(rows.direct).toMatchObject({ grade: 'B', action: 'open' })
      expect(rows.direct!.reasons.map((r) => r.code)).not.toContain('GRADE_D')
    })

    it('puts every grade change in the ledger with its card and the thresholds hash', async () => {
      const response = await h.app.inject({
        url: '/v1/ledger?after=0&limit=1000',
        headers: auth(h.keys.auditor),
      })
      const events = (
        response.json().items as {
          seq: number
          kind: string
          subject: string
          payload: { from: string | null; to: string; thresholdsHash: string; card: GradeCard }
        }[]
      ).filter((e) => e.kind === 'grade.changed' && e.subject === `provider:${PROVIDER}`)
      expect(events.map((e) => [e.payload.from, e.payload.to])).toEqual([
        [null, 'B'],
        ['B', 'D'],
        ['D', 'B'],
      ])
      for (const e of events) {
        expect(e.payload.card.grade).toBe(e.payload.to)
        expect(e.payload.thresholdsHash).toMatch(/^[0-9a-f]{64}$/)
      }
      const history = await h.app.inject({
        url: `/v1/providers/${PROVIDER}/grade/history`,
        headers: auth(h.keys.provider),
      })
      expect(history.json().items.map((i: { ledgerSeq: number }) => i.ledgerSeq)).toEqual(
        events.map((e) => e.seq).reverse(),
      )
      const outbox = await h.ctx.db
        .select()
        .from(webhookDelivery)
        .where(eq(webhookDelivery.event, 'grade.changed'))
      expect(outbox.map((d) => (d.body as { data: { to: string } }).data.to)).toEqual(['B', 'D', 'B'])
      const verify = await h.app.inject({ url: '/v1/ledger/verify', headers: auth(h.keys.auditor) })
      if (verify.statusCode === 200) expect(verify.json().ok).toBe(true)
    })

    it('takes grade appeals from the provider itself and queues them for reviewers', async () => {
      const rival = await h.app.inject({
        method: 'POST',
        url: `/v1/providers/${PROVIDER}/grade/appeals`,
        headers: auth(h.keys.otherProvider),
        payload: { text: '不公平' },
      })
      expect(rival.statusCode).toBe(403)
      const filed = await h.app.inject({
        method: 'POST',
        url: `/v1/providers/${PROVIDER}/grade/appeals`,
        headers: auth(h.keys.provider),
        payload: { text: '三个案件的申诉仍在处理中' },
      })
      expect(filed.statusCode).toBe(201)
      expect(filed.json()).toMatchObject({ provider: PROVIDER, grade: 'B', state: 'pending' })
      const again = await h.app.inject({
        method: 'POST',
        url: `/v1/providers/${PROVIDER}/grade/appeals`,
        headers: auth(h.keys.provider),
        payload: { text: 'again' },
      })
      expect(again.json().error).toBe('grade_appeal_pending')
      const queue = await h.app.inject({
        url: '/v1/grades/appeals?state=pending',
        headers: auth(h.keys.reviewer),
      })
      expect(queue.json().items.map((a: { id: string }) => a.id)).toEqual([filed.json().id])
      const decided = await h.app.inject({
        method: 'POST',
        url: `/v1/grades/appeals/${filed.json().id}/decision`,
        headers: auth(h.keys.reviewer),
        payload: { outcome: 'upheld', response: '违规均经复核确认' },
      })
      expect(decided.statusCode).toBe(200)
      expect(decided.json()).toMatchObject({ state: 'upheld', recompute: null })
      const ledger = await h.app.inject({
        url: '/v1/ledger?after=0&limit=1000',
        headers: auth(h.keys.auditor),
      })
      const kinds = (ledger.json().items as { kind: string }[]).map((e) => e.kind)
      expect(kinds).toContain('grade.appealed')
      expect(kinds).toContain('grade.appeal.decided')
    })
  })
}
