import { aggregateIndexed, indexDays, type IndexedDay, type WindowStats } from './aggregate-window.js'
import { dayNumberAt, dayText, type CalendarDay } from './calendar-day.js'
import { categoryTotal, count, type DailyStats } from './daily-stats.js'
import { DEFAULT_GRADING_THRESHOLDS, type GradingThresholds } from './grading-thresholds.js'
import { readMetrics, readSurge, type MetricKey, type MetricReading, type SurgeReading } from './metrics.js'
import { gradeRank, type LetterGrade, type ProviderGrade } from './provider-grade.js'

const DAY_MS = 86_400_000

/** Which threshold decided a grade: the line a reading crossed, or for A the line it is closest to. */
export interface DecidingThreshold {
  metric: MetricKey | 'recentViolationRate' | 'minLinks'
  /** `above`: the reading crossed the limit of the next better grade; `within`: grade A, nearest line; `below`: too little volume. */
  comparison: 'above' | 'within' | 'below'
  limit: number
  reading: number
}

/** A grade computed from one provider's daily stats at one time, with everything its card and hysteresis need. */
export interface ComputedGrade {
  at: string
  grade: ProviderGrade
  volume: 'high' | 'low'
  window: WindowStats
  /** The window of the same length just before, for the trend. */
  previousWindow: WindowStats
  previousGrade: ProviderGrade
  recent: WindowStats
  metrics: MetricReading[]
  surge: SurgeReading
  deciding: DecidingThreshold
  /** First day of the unbroken run of clean days ending today (clean for this computed grade), or null if today is not clean. */
  cleanSince: CalendarDay | null
  /** Unfixed cases older than this grade's fix-time line; a grade cannot rise while any remain. */
  overdueCases: number
}

/**
 * Grades one provider at `at` from its daily stats (which should reach back two low-volume windows for the trend).
 * @example computeGrade(days, new Date('2022-03-31T23:59+08:00')).grade // 'B'
 */
export function computeGrade(
  days: readonly DailyStats[],
  at: Date,
  thresholds: GradingThresholds = DEFAULT_GRADING_THRESHOLDS,
): ComputedGrade {
  const t = thresholds
  const rows = indexDays(days)
  const highVolume =
    aggregateIndexed(rows, at, t.highVolumeWindowDays, t.repeatWeight).sharedLinks >= t.highVolumeLinks
  const windowDays = highVolume ? t.highVolumeWindowDays : t.lowVolumeWindowDays
  const window = aggregateIndexed(rows, at, windowDays, t.repeatWeight)
  const previousWindow = aggregateIndexed(
    rows,
    new Date(at.getTime() - windowDays * DAY_MS),
    windowDays,
    t.repeatWeight,
  )
  const recent = aggregateIndexed(rows, at, t.recentWindowDays, t.repeatWeight)
  const metrics = readMetrics(window, t)
  const surge = readSurge(recent, t)
  const { grade, deciding } = decide(window, metrics, surge, t)
  return {
    at: at.toISOString(),
    grade,
    volume: highVolume ? 'high' : 'low',
    window,
    previousWindow,
    previousGrade: decide(previousWindow, readMetrics(previousWindow, t), null, t).grade,
    recent,
    metrics,
    surge,
    deciding,
    cleanSince: cleanSince(rows, at, grade, t),
    overdueCases: overdueCases(window, grade, t),
  }
}

function decide(
  window: WindowStats,
  metrics: readonly MetricReading[],
  surge: SurgeReading | null,
  t: GradingThresholds,
): { grade: ProviderGrade; deciding: DecidingThreshold } {
  if (window.sharedLinks < t.minLinks) {
    return {
      grade: 'insufficient_data',
      deciding: { metric: 'minLinks', comparison: 'below', limit: t.minLinks, reading: window.sharedLinks },
    }
  }
  const candidates: { grade: LetterGrade; deciding: DecidingThreshold }[] = []
  for (const m of metrics) {
    if (m.grade === null || m.bound === null) continue
    const limit = m.grade === 'A' || m.grade === 'B' ? m.lines.A : m.grade === 'C' ? m.lines.B : m.lines.C
    candidates.push({
      grade: m.grade,
      deciding: { metric: m.key, comparison: m.grade === 'A' ? 'within' : 'above', limit, reading: m.bound },
    })
  }
  if (surge?.grade && surge.lowerBound !== null) {
    const limit = surge.grade === 'D' ? t.violationRate.C : t.violationRate.B
    candidates.push({
      grade: surge.grade,
      deciding: { metric: 'recentViolationRate', comparison: 'above', limit, reading: surge.lowerBound },
    })
  }
  // The worst grade wins; among equal grades, the reading furthest past (or, for A, nearest to) its limit.
  let best: { grade: LetterGrade; deciding: DecidingThreshold } = {
    grade: 'A',
    deciding: { metric: 'violationRate', comparison: 'within', limit: t.violationRate.A, reading: 0 },
  }
  let bestRatio = -1
  for (const c of candidates) {
    const ratio = limitRatio(c.deciding)
    if (gradeRank(c.grade) > gradeRank(best.grade) || (c.grade === best.grade && ratio > bestRatio)) {
      best = c
      bestRatio = ratio
    }
  }
  return best
}

function limitRatio(d: DecidingThreshold): number {
  if (d.limit > 0) return d.reading / d.limit
  return d.reading > 0 ? Number.POSITIVE_INFINITY : 0
}

/**
 * A clean day holds no more standing violations than the computed grade's violation line allows for that day's
 * volume (Gmail counts a clean day as one under the line, not one with no complaint at all). A small provider
 * is therefore allowed none, and a large one its ordinary background.
 */
function cleanSince(
  days: readonly IndexedDay[],
  at: Date,
  grade: ProviderGrade,
  t: GradingThresholds,
): CalendarDay | null {
  const perDay = new Map<number, { links: number; violations: number }>()
  for (const { n, row } of days) {
    const entry = perDay.get(n) ?? { links: 0, violations: 0 }
    const net = Math.max(0, categoryTotal(row.confirmedViolations) - categoryTotal(row.reversedDecisions))
    entry.links += count(row.sharedLinks)
    entry.violations += net + t.repeatWeight * Math.min(count(row.repeatViolations), net)
    perDay.set(n, entry)
  }
  const line = grade === 'insufficient_data' ? 0 : grade === 'D' ? t.violationRate.C : t.violationRate[grade]
  const today = dayNumberAt(at)
  let start: number | null = null
  for (let n = today; n > today - t.lowVolumeWindowDays; n--) {
    const entry = perDay.get(n)
    const allowed = entry ? Math.floor((entry.links * line) / 10_000) : 0
    if (entry && entry.violations > allowed) break
    start = n
  }
  return start === null ? null : dayText(start)
}

/**
 * The fix-time line a rise to `grade` must respect for every open case (D and insufficient_data use C's line).
 * @example fixLineFor('B', DEFAULT_GRADING_THRESHOLDS) // 72
 */
export function fixLineFor(grade: ProviderGrade, t: GradingThresholds): number {
  return grade === 'A' || grade === 'B' || grade === 'C' ? t.medianFixHours[grade] : t.medianFixHours.C
}

function overdueCases(window: WindowStats, grade: ProviderGrade, t: GradingThresholds): number {
  const line = fixLineFor(grade, t)
  return window.openCases.reduce((sum, group) => sum + (group.ageHours > line ? group.count : 0), 0)
}
