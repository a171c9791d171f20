import { describe, expect, it } from 'vitest'
import { dayNumber, dayText } from './calendar-day.js'
import { computeGrade } from './compute-grade.js'
import type { DailyStats } from './daily-stats.js'
import { gradeCard, publicGradeSummary } from './grade-card.js'
import { nextGrade } from './hysteresis.js'

const END = '2022-06-30'
const AT = new Date(`${END}T23:00+08:00`)

function series(n: number, make: (i: number) => Partial<DailyStats>): DailyStats[] {
  const last = dayNumber(END) ?? 0
  return Array.from({ length: n }, (_, i) => ({
    day: dayText(last - n + 1 + i),
    sharedLinks: 0,
    weightedReports: 0,
    confirmedViolations: {},
    ...make(i),
  }))
}

describe('gradeCard', () => {
  it('states the deciding line, the reason code, and a concrete count that would move the grade up', () => {
    const days = series(180, (i) => ({
      sharedLinks: 2_000,
      confirmedViolations: { fraud: i >= 90 ? (i % 3 === 0 ? 20 : 0) : i % 10 === 0 ? 3 : 0 },
    }))
    const computed = computeGrade(days, AT)
    const state = nextGrade(null, computed, AT)
    const card = gradeCard(state, computed)
    expect(card.grade).toBe('D')
    expect(card.reasons).toEqual(['GRADE_D'])
    expect(card.decidingThreshold).toMatchObject({ metric: 'violationRate', comparison: 'above', limit: 30 })
    expect(card.decidingThreshold.statement.en).toContain('above the line of 30')
    expect(card.trend.direction).toBe('worsening')
    expect(card.trend.previousGrade).toBe('B')
    const step = card.whatWouldMoveUp[0]
    const allowed = Number(/at most (\d+) standing violations/.exec(step?.en ?? '')?.[1])
    expect(step?.zh).toContain(`最多 ${allowed} 起`)
    // Following the advice exactly lands on C; one more violation would not.
    const spread = (total: number) =>
      days.map((d, i) =>
        i < 90
          ? d
          : {
              ...d,
              confirmedViolations: {
                fraud: Math.floor(((i - 89) * total) / 90) - Math.floor(((i - 90) * total) / 90),
              },
            },
      )
    expect(computeGrade(spread(allowed), AT).grade).toBe('C')
    expect(computeGrade(spread(allowed + 1), AT).grade).toBe('D')
  })

  it('explains a held grade by the clean days still to come', () => {
    const dirty = series(90, (i) => ({
      sharedLinks: 20_000,
      confirmedViolations: { fraud: i === 70 ? 1_000 : 0 },
    }))
    const spikeDay = new Date('2022-06-11T23:00+08:00')
    const before = nextGrade(null, computeGrade(dirty, spikeDay), spikeDay)
    expect(before.grade).toBe('D')
    const computed = computeGrade(dirty, AT)
    expect(computed.grade).toBe('B')
    const state = nextGrade(before, computed, AT)
    const card = gradeCard(state, computed)
    expect(card.grade).toBe('D')
    expect(card.computedGrade).toBe('B')
    expect(card.pendingUpgrade).toEqual({ to: 'B', cleanSince: '2022-06-30', cleanDaysLeft: 13 })
    expect(card.decidingThreshold).toMatchObject({
      metric: 'cleanDaysToRise',
      comparison: 'below',
      reading: 1,
      limit: 14,
    })
    expect(card.whatWouldMoveUp.map((s) => s.en)).toEqual([
      'Then 13 more consecutive clean day(s) (14 in all)',
    ])
  })

  it('tells a provider below the minimum volume that it has no grade and no effect', () => {
    const computed = computeGrade(
      series(30, () => ({ sharedLinks: 100 })),
      AT,
    )
    const card = gradeCard(nextGrade(null, computed, AT), computed)
    expect(card.policyGrade).toBe('none')
    expect(card.reasons).toEqual([])
    expect(card.whatWouldMoveUp[0]?.en).toContain('7000 to go')
  })

  it('publishes the grade and why, but not the provider’s counts or advice', () => {
    const computed = computeGrade(
      series(90, () => ({ sharedLinks: 20_000, weightedReports: 30 })),
      AT,
    )
    const card = gradeCard(nextGrade(null, computed, AT), computed)
    const summary = publicGradeSummary(card)
    expect(summary).toEqual({
      grade: card.grade,
      policyGrade: card.policyGrade,
      since: card.since,
      window: { from: card.window.from, to: card.window.to, days: 90 },
      decidingThreshold: { metric: 'complaintRate', statement: card.decidingThreshold.statement },
      metrics: [
        { key: 'violationRate', grade: 'A' },
        { key: 'complaintRate', grade: 'B' },
        { key: 'medianFixHours', grade: null },
      ],
      trend: 'new',
      reasons: [],
    })
    expect(JSON.stringify(summary)).not.toContain('sharedLinks')
  })
})
