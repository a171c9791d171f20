import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testConfig } from '../src/config/config.js'
import { createContext, type Context } from '../src/context.js'
import { DEFAULT_GRADING_THRESHOLDS, dayNumber, dayText } from '../src/core/grading/index.js'
import { openStore, type Store } from '../src/db/client.js'
import { gradeState, linkCount } from '../src/db/schema/index.js'
import { runDialTest } from '../src/services/dialtest.js'
import {
  configureGrading,
  endOfPreviousDay,
  recomputeGrades,
  thresholdsHash,
} from '../src/services/grade-recompute.js'
import { decideGradeAppeal, fileGradeAppeal } from '../src/services/grade-appeals.js'
import { gradeHistory, gradesReady, providerGrade, reloadGrades } from '../src/services/grades.js'
import { BACKENDS } from './support/backends.js'
import { startHarness, type Harness } from './support/harness.js'

async function until(check: () => boolean, ms = 3_000): Promise<void> {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting for the grade table to reload')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

for (const backend of BACKENDS) {
  describe(`grade table on every node: ${backend.name}`, () => {
    let h: Harness
    let other: Context
    let otherStore: Store | null = null
    beforeAll(async () => {
      h = await startHarness(backend, { now: () => new Date('2022-07-01T10:00:00+08:00') })
      // Another node: its own context (and on PostgreSQL its own pool) over the same database.
      otherStore = h.url ? await openStore({ kind: 'postgres', url: h.url }) : null
      other = await createContext(testConfig(), {
        store: otherStore ?? h.ctx.store,
        now: () => new Date('2022-07-01T10:00:00+08:00'),
      })
    })
    afterAll(async () => {
      await other?.close()
      await otherStore?.close()
      await h?.close()
    })

    it('reloads on hutong_grades when another node changes a grade, and dial tests show it', async () => {
      await gradesReady(other)
      expect(providerGrade(other, 'bilibili')).toBe('none')
      const last = dayNumber('2022-06-30')!
      await h.ctx.db.insert(linkCount).values(
        Array.from({ length: 30 }, (_, i) => ({
          provider: 'bilibili',
          day: dayText(last - i),
          scenario: 'direct',
          action: 'open',
          category: 'video',
          count: 1_500,
        })),
      )
      const summary = await recomputeGrades(h.ctx, {
        at: new Date('2022-06-30T23:00:00+08:00'),
        actor: 'test',
      })
      expect(summary.providers.find((p) => p.provider === 'bilibili')).toMatchObject({
        grade: 'A',
        changed: true,
      })
      expect(providerGrade(h.ctx, 'bilibili')).toBe('A')
      // The same instant again (a second node's daily job, a repeated command) logs nothing new.
      const again = await recomputeGrades(other, { at: new Date('2022-06-30T23:00:00+08:00'), actor: 'test' })
      expect(again.changed).toBe(0)
      expect(again.providers.find((p) => p.provider === 'bilibili')).toMatchObject({
        grade: 'A',
        previousGrade: 'A',
        changed: false,
        ledgerSeq: null,
      })
      await until(() => providerGrade(other, 'bilibili') === 'A')
      const [row] = await runDialTest(other, [
        { url: 'https://www.bilibili.com/video/BV1xx411c7mD', scenario: 'direct' },
      ])
      expect(row).toMatchObject({ provider: 'bilibili', grade: 'A', action: 'open' })
      // Unregistered links and ungraded providers carry no grade.
      expect(providerGrade(other, null)).toBe('none')
      expect(providerGrade(other, 'jd')).toBe('none')
    })

    it('a grade appeal decided as corrected regrades at once, without waiting out the clean days', async () => {
      // The provider holds D (say, from decisions since reversed on appeal) while its numbers now say A.
      const held = { grade: 'D', since: '2022-06-20T15:00:00.000Z' }
      await h.ctx.db
        .update(gradeState)
        .set({ grade: 'D', state: held })
        .where(eq(gradeState.provider, 'bilibili'))
      await reloadGrades(other)
      expect(providerGrade(other, 'bilibili')).toBe('D')
      const kept = await recomputeGrades(h.ctx, {
        at: new Date('2022-06-30T23:30:00+08:00'),
        actor: 'test',
        provider: 'bilibili',
      })
      expect(kept.providers[0]).toMatchObject({
        grade: 'D',
        computedGrade: 'A',
        changed: false,
        pendingUpgrade: { to: 'A' },
      })
      const appeal = await fileGradeAppeal(
        h.ctx,
        'bilibili',
        'provider:test',
        '降级所依据的三个案件已在申诉中撤销',
      )
      expect(appeal).toMatchObject({ grade: 'D', state: 'pending' })
      const decided = await decideGradeAppeal(h.ctx, appeal.id, 'reviewer:test', {
        outcome: 'corrected',
        response: '依据已撤销，重新评级',
      })
      expect(decided.recompute).toMatchObject({
        grade: 'A',
        previousGrade: 'D',
        changed: true,
        ledgerSeq: expect.any(Number),
      })
      const [change] = await gradeHistory(h.ctx, 'bilibili', 1)
      expect(change).toMatchObject({
        from: 'D',
        to: 'A',
        appealId: appeal.id,
        ledgerSeq: decided.recompute!.ledgerSeq,
      })
      await until(() => providerGrade(other, 'bilibili') === 'A')
    })
  })
}

describe('grading configuration and the daily schedule', () => {
  it('takes thresholds from config, rejects bad ones, and hashes what it used', async () => {
    const ctx = await createContext(testConfig(), {
      store: await openStore({ kind: 'pglite', dataDir: null }),
    })
    try {
      const bad = configureGrading(ctx, { violationRate: { A: 10, B: 5, C: 30 } })
      expect(bad.ok).toBe(false)
      const good = configureGrading(ctx, { minLinks: 20_000 })
      expect(good.ok && good.value.minLinks).toBe(20_000)
      expect(thresholdsHash(good.ok ? good.value : DEFAULT_GRADING_THRESHOLDS)).not.toBe(
        thresholdsHash(DEFAULT_GRADING_THRESHOLDS),
      )
      const summary = await recomputeGrades(ctx, { at: new Date('2022-06-30T23:00:00+08:00'), actor: 'test' })
      expect(summary.thresholdsHash).toBe(thresholdsHash({ ...DEFAULT_GRADING_THRESHOLDS, minLinks: 20_000 }))
    } finally {
      await ctx.close()
    }
  })

  it('grades the Shanghai day that just ended', () => {
    expect(endOfPreviousDay(new Date('2022-03-02T00:05:00+08:00')).toISOString()).toBe(
      '2022-03-01T15:59:59.999Z',
    )
    // 23:30 UTC on 1 March is already 2 March in Shanghai.
    expect(endOfPreviousDay(new Date('2022-03-01T23:30:00Z')).toISOString()).toBe('2022-03-01T15:59:59.999Z')
  })
})
