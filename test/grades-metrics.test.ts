import { inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { aggregateWindow } from '../src/core/grading/index.js'
import { caseDecision, report } from '../src/db/schema/index.js'
import { dailyStatsByProvider } from '../src/services/grading-metrics.js'
import { BACKENDS } from './support/backends.js'
import { auth, startDesk, type DeskHarness } from './complaints-support.js'

// The counting rules of docs/grading.md §1, read from the desk's own tables for one provider with many domains.
const PROVIDER = 'kuaishou'

for (const backend of BACKENDS) {
  describe(`grading metrics from the desk: ${backend.name}`, () => {
    let h: DeskHarness
    let clock = new Date('2022-05-01T10:00:00+08:00')
    const cases: Record<string, string> = {}
    let reporter = 0
    beforeAll(async () => {
      h = await startDesk(backend, { now: () => clock, provider: PROVIDER })
    })
    afterAll(async () => {
      await h?.close()
    })

    const tick = (iso?: string) => {
      clock = iso ? new Date(iso) : new Date(clock.getTime() + 5 * 60_000)
    }
    const fileReport = async (url: string, category = 'fraud'): Promise<string> => {
      tick()
      const response = await h.app.inject({
        method: 'POST',
        url: '/v1/reports',
        headers: auth(h.keys.platform),
        payload: { reporterId: `r-${reporter++}`, url, scenario: 'group', category },
      })
      expect(response.statusCode).toBe(202)
      return response.json().caseId as string
    }
    const decide = async (
      caseId: string,
      action: 'block' | 'dismiss',
      reason = 'CONTENT_FRAUD',
      scope: 'url' | 'domain' = 'url',
    ) => {
      tick()
      const response = await h.app.inject({
        method: 'POST',
        url: `/v1/cases/${caseId}/decision`,
        headers: auth(h.keys.reviewer),
        payload: { action, scope, ground: 'terms', reason, explanation: 'checked' },
      })
      expect(response.statusCode).toBe(200)
    }
    const appealAndDecide = async (caseId: string, outcome: 'reversed' | 'modified') => {
      tick()
      const filed = await h.app.inject({
        method: 'POST',
        url: `/v1/cases/${caseId}/appeals`,
        headers: auth(h.keys.provider),
        payload: { by: 'provider', text: '误判' },
      })
      expect(filed.statusCode).toBe(201)
      tick()
      const newDecision = {
        action: 'warn',
        scope: 'url',
        ground: 'terms',
        reason: 'CONTENT_MARKETING',
        explanation: 'marketing, not fraud',
      }
      const decided = await h.app.inject({
        method: 'POST',
        url: `/v1/appeals/${filed.json().id}/decision`,
        headers: auth(h.keys.reviewer2),
        payload: { outcome, response: 'reviewed', ...(outcome === 'modified' ? { newDecision } : {}) },
      })
      expect(decided.statusCode).toBe(200)
    }
    const fix = async (caseId: string) => {
      expect(
        (
          await h.app.inject({
            method: 'POST',
            url: `/v1/providers/${PROVIDER}/cases/${caseId}/fixed`,
            headers: auth(h.keys.provider),
            payload: {},
          })
        ).statusCode,
      ).toBe(200)
      expect(
        (
          await h.app.inject({
            method: 'POST',
            url: `/v1/cases/${caseId}/fix-verification`,
            headers: auth(h.keys.reviewer2),
            payload: { verified: true },
          })
        ).statusCode,
      ).toBe(200)
    }
    const windowAt = async (iso: string) => {
      const at = new Date(iso)
      const days = (await dailyStatsByProvider(h.ctx.db, at, PROVIDER)).get(PROVIDER) ?? []
      return aggregateWindow(days, at, 90)
    }
    const weightOf = async (caseIds: string[]) =>
      (
        await h.ctx.db.select({ weight: report.weight }).from(report).where(inArray(report.caseId, caseIds))
      ).reduce((sum, r) => sum + r.weight, 0)

    it('drives a month of desk activity across three of the provider’s domains', async () => {
      cases.a = await fileReport('https://www.kuaishou.com/short-video/a1')
      cases.b = await fileReport('https://www.gifshow.com/s/b2', 'inducement')
      cases.c = await fileReport('https://www.kwai.com/c3')
      cases.reversed = await fileReport('https://www.kuaishou.com/short-video/d4')
      cases.dismissed = await fileReport('https://www.kuaishou.com/short-video/e5')
      cases.pending = await fileReport('https://www.kuaishou.com/short-video/f6')
      await decide(cases.a, 'block')
      await decide(cases.b, 'block', 'CONTENT_INDUCEMENT')
      await decide(cases.c, 'block')
      await decide(cases.reversed, 'block')
      await decide(cases.dismissed, 'dismiss')
      // An interim automated action is not a finding.
      await h.ctx.db.insert(caseDecision).values({
        id: 'auto-1',
        caseId: cases.pending,
        action: 'warn',
        scope: 'url',
        target: 'https://www.kuaishou.com/short-video/f6',
        domain: 'kuaishou.com',
        ground: 'terms',
        reason: 'CASE_PENDING_REVIEW',
        category: 'fraud',
        explanation: 'interim',
        automated: true,
        autoRule: 'r1',
        decidedBy: 'automation',
        decidedAt: clock,
        startsAt: clock,
        statement: {},
      })
      tick('2022-05-01T14:00:00+08:00')
      await appealAndDecide(cases.reversed, 'reversed')
      await appealAndDecide(cases.c, 'modified')
      tick('2022-05-02T10:10:00+08:00')
      await fix(cases.a)
      await fix(cases.b)
      // The same link comes back and is confirmed again: a repeat.
      tick('2022-05-05T10:00:00+08:00')
      expect(await fileReport('https://www.kuaishou.com/short-video/a1')).toBe(cases.a)
      await decide(cases.a, 'block')
    })

    it('counts standing violations at provider level, with reversals, repeats, fixes and report outcomes', async () => {
      const w = await windowAt('2022-05-06T23:00:00+08:00')
      // a (twice), b, c (once, though modified on appeal) and the reversed one; never the dismissal or the interim action.
      expect(w.confirmedViolations).toBe(5)
      expect(w.reversedDecisions).toBe(1)
      expect(w.netViolations).toBe(4)
      expect(w.violationsByCategory).toEqual({ fraud: 3, inducement: 1 })
      expect(w.repeatViolations).toBe(1)
      // b was noticed at its decision (10:40) and fixed at 10:10 the next day; a's new notice and c's are open.
      expect(w.fixHours).toEqual([23.5])
      expect(w.unfixedCases).toBe(2)
      expect(w.weightedReports).toBeCloseTo(await weightOf([cases.a!, cases.b!, cases.c!]), 6)
      expect(w.rejectedReports).toBeCloseTo(await weightOf([cases.reversed!, cases.dismissed!]), 6)
      expect(w.weightedReports).toBeGreaterThan(0)
    })

    it('reads the desk as it stood at an earlier instant', async () => {
      const before = await windowAt('2022-05-01T12:00:00+08:00')
      expect(before.confirmedViolations).toBe(4)
      expect(before.reversedDecisions).toBe(0)
      expect(before.fixHours).toEqual([])
      expect(before.repeatViolations).toBe(0)
    })

    it('gives the grading core nothing for other providers', async () => {
      const stats = await dailyStatsByProvider(h.ctx.db, new Date('2022-05-06T23:00:00+08:00'))
      expect([...stats.keys()]).toEqual([PROVIDER])
    })
  })
}
