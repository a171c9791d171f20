import { describe, expect, it } from 'vitest'
import { aggregateWindow } from './aggregate-window.js'
import type { DailyStats } from './daily-stats.js'

const day = (d: string, extra: Partial<DailyStats> = {}): DailyStats => ({
  day: d,
  sharedLinks: 100,
  weightedReports: 0,
  confirmedViolations: {},
  ...extra,
})

describe('aggregateWindow', () => {
  it('covers the N Shanghai calendar days ending with the day containing `at`', () => {
    const days = [day('2022-01-01'), day('2022-01-02'), day('2022-01-31'), day('2022-02-01')]
    // 2022-01-31T16:30Z is already 1 February in Shanghai.
    const w = aggregateWindow(days, new Date('2022-01-31T16:30:00Z'), 31)
    expect([w.from, w.to]).toEqual(['2022-01-02', '2022-02-01'])
    expect(w.sharedLinks).toBe(300)
    expect(w.daysWithData).toBe(3)
  })

  it('nets reversed decisions out of the violations, category by category', () => {
    const w = aggregateWindow(
      [
        day('2022-03-01', {
          confirmedViolations: { fraud: 3, marketing: 1 },
          reversedDecisions: { fraud: 1, marketing: 2 },
          repeatViolations: 5,
        }),
      ],
      new Date('2022-03-01T12:00+08:00'),
      90,
    )
    expect(w.confirmedViolations).toBe(4)
    expect(w.reversedDecisions).toBe(3)
    expect(w.violationsByCategory).toEqual({ fraud: 2 })
    expect(w.netViolations).toBe(2)
    // Repeats can only be among the violations that stand; each adds one more by default.
    expect(w.repeatViolations).toBe(2)
    expect(w.adjustedViolations).toBe(4)
  })

  it('counts an unknown category as other, and ignores malformed days and negative or non-finite counts', () => {
    const w = aggregateWindow(
      [
        day('2022-03-01', {
          confirmedViolations: { spam: 2 } as never,
          weightedReports: -5,
          sharedLinks: Number.NaN,
        }),
        day('2022-02-30', { sharedLinks: 1_000_000 }),
        day('yesterday', { sharedLinks: 1_000_000 }),
      ],
      new Date('2022-03-01T12:00+08:00'),
      90,
    )
    expect(w.violationsByCategory).toEqual({ other: 2 })
    expect(w.weightedReports).toBe(0)
    expect(w.sharedLinks).toBe(0)
  })

  it('ages unfixed cases from the end of their notice day, and sorts fix times', () => {
    const w = aggregateWindow(
      [day('2022-03-01', { unfixedCases: 2, fixHours: [30, 5] }), day('2022-03-03', { unfixedCases: 1 })],
      new Date('2022-03-04T06:00+08:00'),
      90,
    )
    expect(w.fixHours).toEqual([5, 30])
    expect(w.openCases).toEqual([
      { ageHours: 6, count: 1 },
      { ageHours: 54, count: 2 },
    ])
    expect(w.unfixedCases).toBe(3)
  })
})
