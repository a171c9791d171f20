import type { WindowStats } from './aggregate-window.js'
import type { GradeLines, GradingThresholds } from './grading-thresholds.js'
import type { LetterGrade } from './provider-grade.js'
import { wilsonLower, wilsonUpper } from './wilson.js'

export const METRIC_KEYS = ['violationRate', 'complaintRate', 'medianFixHours'] as const
/** A graded metric of the main window. */
export type MetricKey = (typeof METRIC_KEYS)[number]

/** One metric read from a window: the point value, the bound that is graded, its lines and the grade it gives. */
export interface MetricReading {
  key: MetricKey
  /** Per 10,000 shared links for rates, hours for fix time; null when the metric does not apply. */
  value: number | null
  /** What is compared with the lines: the Wilson upper bound for rates, the median itself for fix time. */
  bound: number | null
  unit: 'per10k' | 'hours'
  lines: GradeLines
  /** null when the metric does not apply (too few cases to take a median). */
  grade: LetterGrade | null
  /** The count behind the reading: adjusted violations, weighted reports, or cases. */
  sample: number
}

/** The recent window read for a surge: a lower bound above a line means we are confident the rate is that bad. */
export interface SurgeReading {
  windowDays: number
  value: number | null
  lowerBound: number | null
  /** The grade the surge holds the provider to at best, or null when there is no surge (or too little volume). */
  grade: 'C' | 'D' | null
  sample: number
}

const PER_10K = 10_000

/**
 * The letter a reading earns against inclusive lines.
 * @example lineGrade(12, { A: 1, B: 10, C: 30 }) // 'C'
 */
export function lineGrade(reading: number, lines: GradeLines): LetterGrade {
  if (reading <= lines.A) return 'A'
  if (reading <= lines.B) return 'B'
  if (reading <= lines.C) return 'C'
  return 'D'
}

/**
 * Reads the three graded metrics of a window.
 * @example readMetrics(aggregateWindow(days, at, 90), DEFAULT_GRADING_THRESHOLDS)[0].grade // 'A'
 */
export function readMetrics(window: WindowStats, t: GradingThresholds): MetricReading[] {
  return [
    rateReading('violationRate', window.adjustedViolations, window.sharedLinks, t.violationRate, t.z),
    rateReading('complaintRate', window.weightedReports, window.sharedLinks, t.complaintRate, t.z),
    fixReading(window, t),
  ]
}

function rateReading(
  key: MetricKey,
  events: number,
  links: number,
  lines: GradeLines,
  z: number,
): MetricReading {
  const value = links > 0 ? (Math.min(events, links) / links) * PER_10K : null
  const bound = wilsonUpper(events, links, z) * PER_10K
  return { key, value, bound, unit: 'per10k', lines, grade: lineGrade(bound, lines), sample: events }
}

function fixReading(window: WindowStats, t: GradingThresholds): MetricReading {
  const cases = window.fixHours.length + window.unfixedCases
  const median = cases >= t.minFixSamples ? medianFixHours(window) : null
  const grade = median === null ? null : lineGrade(median, t.medianFixHours)
  return {
    key: 'medianFixHours',
    value: median,
    bound: median,
    unit: 'hours',
    lines: t.medianFixHours,
    grade,
    sample: cases,
  }
}

/**
 * The median notice-to-fix time, counting each open case at its age so far; a provider that never fixes
 * cannot hide behind an empty list of fix times.
 */
export function medianFixHours(window: WindowStats): number | null {
  const total = window.fixHours.length + window.unfixedCases
  if (total === 0) return null
  const lowMid = kth(window, Math.floor((total - 1) / 2))
  const highMid = kth(window, Math.floor(total / 2))
  return (lowMid + highMid) / 2
}

// The k-th smallest (0-based) of fix times merged with open-case ages, both already ascending.
function kth(window: WindowStats, k: number): number {
  let i = 0
  let open = 0
  let rank = 0
  for (;;) {
    const fix = window.fixHours[i]
    const group = window.openCases[open]
    const takeFix = fix !== undefined && (group === undefined || fix <= group.ageHours)
    if (takeFix) {
      if (rank === k) return fix
      i++
      rank++
      continue
    }
    if (group === undefined) return Number.NaN
    if (k < rank + group.count) return group.ageHours
    rank += group.count
    open++
  }
}

/**
 * Reads the recent window for a surge, using the Wilson LOWER bound: a burst must be statistically certain
 * before it lowers a grade. Below `minLinks` the recent window is too small to say anything.
 */
export function readSurge(recent: WindowStats, t: GradingThresholds): SurgeReading {
  const links = recent.sharedLinks
  if (links < t.minLinks)
    return {
      windowDays: recent.windowDays,
      value: null,
      lowerBound: null,
      grade: null,
      sample: recent.adjustedViolations,
    }
  const value = (Math.min(recent.adjustedViolations, links) / links) * PER_10K
  const lowerBound = wilsonLower(recent.adjustedViolations, links, t.z) * PER_10K
  const grade = lowerBound > t.violationRate.C ? 'D' : lowerBound > t.violationRate.B ? 'C' : null
  return { windowDays: recent.windowDays, value, lowerBound, grade, sample: recent.adjustedViolations }
}
