import { COMPLAINT_CATEGORIES } from '../vocabulary.js'
import { dayNumber, dayNumberAt, dayStart, dayText, type CalendarDay } from './calendar-day.js'
import { categoryTotal, count, type CategoryCounts, type DailyStats } from './daily-stats.js'

/** One provider's counts over a window of calendar days, ready to grade. */
export interface WindowStats {
  /** First and last day of the window, inclusive. */
  from: CalendarDay
  to: CalendarDay
  windowDays: number
  /** Days in the window with any row at all. */
  daysWithData: number
  sharedLinks: number
  weightedReports: number
  rejectedReports: number
  /** Gross decisions other than dismiss, including reversed ones. */
  confirmedViolations: number
  reversedDecisions: number
  /** Confirmed minus reversed, by category (never below zero). */
  violationsByCategory: CategoryCounts
  /** Confirmed minus reversed: the violations that stand. */
  netViolations: number
  repeatViolations: number
  /** Net violations plus the repeat adjustment: what the violation rate counts. */
  adjustedViolations: number
  /** Notice-to-fix hours of fixed cases, ascending. */
  fixHours: number[]
  /** Cases still unfixed, grouped by notice day, aged in hours at `at` from the end of that day (so at least this old). */
  openCases: OpenCases[]
  unfixedCases: number
}

/** Unfixed cases noticed on one day: how many, and how long they have been open at least. */
export interface OpenCases {
  ageHours: number
  count: number
}

/**
 * Sums the daily rows inside the `windowDays` Shanghai calendar days that end with the day containing `at`.
 * Rows with a malformed day, or outside the window, are ignored; duplicate days add up.
 * @example aggregateWindow(days, new Date('2022-03-31T12:00+08:00'), 90).sharedLinks
 */
export function aggregateWindow(
  days: readonly DailyStats[],
  at: Date,
  windowDays: number,
  repeatWeight = 1,
): WindowStats {
  return aggregateIndexed(indexDays(days), at, windowDays, repeatWeight)
}

/** Daily rows with their day numbers parsed once, oldest first; malformed days are dropped. */
export interface IndexedDay {
  n: number
  row: DailyStats
}

/**
 * Parses each row's day once, for callers that aggregate several windows over the same rows.
 * @example aggregateIndexed(indexDays(days), at, 14)
 */
export function indexDays(days: readonly DailyStats[]): IndexedDay[] {
  const out: IndexedDay[] = []
  for (const row of days) {
    const n = dayNumber(row.day)
    if (n !== null) out.push({ n, row })
  }
  return out.sort((a, b) => a.n - b.n)
}

/**
 * `aggregateWindow` over rows already indexed by `indexDays` (sorted by day, as it returns them).
 * @example aggregateIndexed(indexDays(days), at, 90).sharedLinks
 */
export function aggregateIndexed(
  days: readonly IndexedDay[],
  at: Date,
  windowDays: number,
  repeatWeight = 1,
): WindowStats {
  const last = dayNumberAt(at)
  const span = Math.max(1, Math.floor(windowDays))
  const first = last - span + 1
  const seen = new Set<number>()
  const confirmed: Record<string, number> = {}
  const reversed: Record<string, number> = {}
  let sharedLinks = 0
  let weightedReports = 0
  let rejectedReports = 0
  let repeatViolations = 0
  const fixHours: number[] = []
  const openCases: OpenCases[] = []
  let unfixedCases = 0
  for (let i = firstIndexFrom(days, first); i < days.length; i++) {
    const entry = days[i]
    if (!entry || entry.n > last) break
    const { n, row } = entry
    seen.add(n)
    sharedLinks += count(row.sharedLinks)
    weightedReports += count(row.weightedReports)
    rejectedReports += count(row.rejectedReports)
    repeatViolations += count(row.repeatViolations)
    addCounts(confirmed, row.confirmedViolations)
    addCounts(reversed, row.reversedDecisions)
    for (const hours of row.fixHours ?? []) fixHours.push(count(hours))
    // A case noticed on day n has been open at least until the end of day n; give the provider that benefit.
    const open = Math.floor(count(row.unfixedCases))
    if (open > 0)
      openCases.push({
        ageHours: Math.max(0, (at.getTime() - dayStart(n + 1).getTime()) / 3_600_000),
        count: open,
      })
    unfixedCases += open
  }
  const violationsByCategory: CategoryCounts = {}
  let netViolations = 0
  for (const category of COMPLAINT_CATEGORIES) {
    const net = Math.max(0, (confirmed[category] ?? 0) - (reversed[category] ?? 0))
    if (net > 0) violationsByCategory[category] = net
    netViolations += net
  }
  const standingRepeats = Math.min(repeatViolations, netViolations)
  return {
    from: dayText(first),
    to: dayText(last),
    windowDays: span,
    daysWithData: seen.size,
    sharedLinks,
    weightedReports,
    rejectedReports,
    confirmedViolations: categoryTotal(confirmed),
    reversedDecisions: categoryTotal(reversed),
    violationsByCategory,
    netViolations,
    repeatViolations: standingRepeats,
    adjustedViolations: netViolations + Math.max(0, repeatWeight) * standingRepeats,
    fixHours: fixHours.sort((a, b) => a - b),
    openCases: openCases.sort((a, b) => a.ageHours - b.ageHours),
    unfixedCases,
  }
}

// Rows are sorted by day, so a window starts at a binary-searched index and stops at its last day.
function firstIndexFrom(days: readonly IndexedDay[], first: number): number {
  let lo = 0
  let hi = days.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((days[mid]?.n ?? Number.POSITIVE_INFINITY) < first) lo = mid + 1
    else hi = mid
  }
  return lo
}

const KNOWN_CATEGORIES: ReadonlySet<string> = new Set(COMPLAINT_CATEGORIES)

// A category the vocabulary does not know still counts, as `other`, so totals and the net always agree.
function addCounts(into: Record<string, number>, counts: CategoryCounts | undefined): void {
  for (const [category, value] of Object.entries(counts ?? {})) {
    const key = KNOWN_CATEGORIES.has(category) ? category : 'other'
    into[key] = (into[key] ?? 0) + count(value)
  }
}
