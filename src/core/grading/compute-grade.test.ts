import { describe, expect, it } from 'vitest'
import { dayNumber, dayText } from './calendar-day.js'
import { computeGrade } from './compute-grade.js'
import type { DailyStats } from './daily-stats.js'
import { maxCountWithin } from './wilson.js'

const END = '2022-06-30'
const AT = new Date(`${END}T23:00+08:00`)

/** `n` days ending on END, each from `make(i)` where i = 0 is the oldest. */
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

/** Spreads `total` violations over the days so the window holds exactly that many. */
function withViolations(days: DailyStats[], total: number): DailyStats[] {
  return days.map((d, i) => ({
    ...d,
    confirmedViolations: {
      fraud: Math.floor(((i + 1) * total) / days.length) - Math.floor((i * total) / days.length),
    },
  }))
}

describe('computeGrade', () => {
  it('grades the violation rate on its Wilson upper bound, with inclusive lines', () => {
    const links = 90 * 2_000
    const atB = maxCountWithin(10 / 10_000, links)
    const base = series(90, () => ({ sharedLinks: 2_000 }))
    expect(computeGrade(withViolations(base, atB), AT).grade).toBe('B')
    const c = computeGrade(withViolations(base, atB + 1), AT)
    expect(c.grade).toBe('C')
    expect(c.deciding).toMatchObject({ metric: 'violationRate', comparison: 'above', limit: 10 })
    // The point rate is still under the B line: the bound, not the point, is graded.
    expect(c.metrics[0]?.value).toBeLessThan(10)
  })

  it('gives insufficient_data below the minimum volume, and B (not A) at it with no violations', () => {
    const thin = computeGrade(
      series(365, (i) => ({ sharedLinks: i < 9_999 ? 1 : 0 })),
      AT,
    )
    expect(thin.grade).toBe('insufficient_data')
    expect(thin.deciding).toMatchObject({ metric: 'minLinks', comparison: 'below', reading: 365 })
    const atFloor = computeGrade(
      series(100, () => ({ sharedLinks: 100 })),
      AT,
    )
    expect(atFloor.grade).toBe('B')
    expect(atFloor.window.windowDays).toBe(365)
  })

  it('uses 90 days for high-volume providers and 365 for the rest', () => {
    const old = (i: number) => (i === 100 ? { confirmedViolations: { fraud: 500 } } : {})
    const high = computeGrade(
      series(365, (i) => ({ sharedLinks: 2_000, ...old(i) })),
      AT,
    )
    expect(high.volume).toBe('high')
    expect(high.window.windowDays).toBe(90)
    expect(high.window.netViolations).toBe(0)
    const low = computeGrade(
      series(365, (i) => ({ sharedLinks: 1_000, ...old(i) })),
      AT,
    )
    expect(low.volume).toBe('low')
    expect(low.window.windowDays).toBe(365)
    expect(low.window.netViolations).toBe(500)
    expect(low.grade).toBe('C')
  })

  it('catches a surge in the recent window that the 90-day window dilutes', () => {
    const days = series(90, (i) => ({
      sharedLinks: 20_000,
      confirmedViolations: { fraud: i >= 87 ? 400 : 0 },
    }))
    const g = computeGrade(days, AT)
    expect(g.metrics[0]?.grade).toBe('B')
    expect(g.surge.grade).toBe('D')
    expect(g.grade).toBe('D')
    expect(g.deciding.metric).toBe('recentViolationRate')
  })

  it('grades upheld weighted reports on the eBay lines and never counts rejected ones', () => {
    const reported = computeGrade(
      series(90, () => ({ sharedLinks: 2_000, weightedReports: 12 })),
      AT,
    )
    expect(reported.grade).toBe('C')
    expect(reported.deciding.metric).toBe('complaintRate')
    const rejected = computeGrade(
      series(90, () => ({ sharedLinks: 2_000, rejectedReports: 5_000 })),
      AT,
    )
    expect(rejected.grade).toBe('A')
  })

  it('counts open cases at their age, so never fixing reads as slow fixing', () => {
    const days = series(90, (i) => ({
      sharedLinks: 20_000,
      confirmedViolations: { fraud: i % 30 === 0 ? 1 : 0 },
      unfixedCases: i % 30 === 0 ? 1 : 0,
    }))
    const g = computeGrade(days, AT)
    const fix = g.metrics.find((m) => m.key === 'medianFixHours')
    expect(fix?.grade).toBe('D')
    expect(g.grade).toBe('D')
    expect(g.overdueCases).toBe(3)
    const fixed = computeGrade(
      days.map((d) => ({ ...d, unfixedCases: 0, fixHours: d.unfixedCases ? [4] : [] })),
      AT,
    )
    expect(fixed.grade).toBe('A')
    expect(fixed.overdueCases).toBe(0)
  })

  it('leaves fix time out with fewer cases than the minimum sample', () => {
    const g = computeGrade(
      series(90, (i) => ({ sharedLinks: 20_000, unfixedCases: i === 0 ? 2 : 0 })),
      AT,
    )
    expect(g.metrics.find((m) => m.key === 'medianFixHours')?.grade).toBeNull()
    expect(g.grade).toBe('A')
  })

  it('counts repeat violations twice, so repeats alone can cost a grade', () => {
    const base = series(90, () => ({ sharedLinks: 2_000 }))
    const n = maxCountWithin(10 / 10_000, 180_000)
    const plain = withViolations(base, Math.floor(n * 0.7))
    expect(computeGrade(plain, AT).grade).toBe('B')
    const repeated = plain.map((d) => ({ ...d, repeatViolations: d.confirmedViolations.fraud ?? 0 }))
    expect(computeGrade(repeated, AT).grade).toBe('C')
  })

  it('starts the clean run after the last day over the grade line, allowing a large provider its background', () => {
    const days = series(60, (i) => ({
      sharedLinks: 100_000,
      confirmedViolations: { fraud: i === 40 ? 200 : 5 },
    }))
    const g = computeGrade(days, AT)
    expect(g.cleanSince).toBe(dayText((dayNumber(END) ?? 0) - 60 + 1 + 41))
    const small = computeGrade(
      series(400, (i) => ({ sharedLinks: 100, confirmedViolations: { fraud: i === 390 ? 1 : 0 } })),
      AT,
    )
    expect(small.cleanSince).toBe(dayText((dayNumber(END) ?? 0) - 400 + 1 + 391))
    const today = computeGrade(
      series(400, (i) => ({ sharedLinks: 100, confirmedViolations: { fraud: i === 399 ? 1 : 0 } })),
      AT,
    )
    expect(today.cleanSince).toBeNull()
  })
})
