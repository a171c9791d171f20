import type { ComplaintCategory } from '../vocabulary.js'
import { dayNumber, dayNumberAt, dayText, type CalendarDay } from './calendar-day.js'
import { count, type DailyStats } from './daily-stats.js'

/** A decision other than dismiss on one of a provider's links. */
export interface ViolationRecord {
  decidedAt: Date
  /**
   * What the case was about, as the desk deduplicates it: the host for a domain-scoped case, the canonical link
   * for a link case. A repeat is the same subject confirmed again within 90 days (see docs/grading.md).
   */
  subject: string
  category: ComplaintCategory
  /** Reversed on appeal: no violation at all. */
  reversed?: boolean
  noticedAt?: Date | null
  fixedAt?: Date | null
}

/** A report on one of a provider's links, with the reporter's standing as its weight and where review left it. */
export interface ReportRecord {
  filedAt: Date
  weight: number
  outcome: 'upheld' | 'rejected' | 'pending'
}

/** Everything the collector reads for one provider. */
export interface ProviderActivity {
  sharedLinks: readonly { day: CalendarDay; count: number }[]
  reports: readonly ReportRecord[]
  violations: readonly ViolationRecord[]
}

const REPEAT_WINDOW_MS = 90 * 86_400_000

type Row = DailyStats & { fixHours: number[] }

/**
 * The reference collector: turns one provider's raw activity into daily stats with the counting rules grading
 * relies on. The database collector may do this in SQL instead; it must give the same rows (keep in sync with
 * docs/grading.md "Counting rules").
 * @example collectDailyStats({ sharedLinks: [{ day: '2022-01-01', count: 900 }], reports: [], violations: [] })
 */
export function collectDailyStats(activity: ProviderActivity): DailyStats[] {
  const rows = new Map<number, Row>()
  const row = (n: number): Row => {
    let r = rows.get(n)
    if (!r) {
      r = {
        day: dayText(n),
        sharedLinks: 0,
        weightedReports: 0,
        rejectedReports: 0,
        confirmedViolations: {},
        reversedDecisions: {},
        repeatViolations: 0,
        fixHours: [],
        unfixedCases: 0,
      }
      rows.set(n, r)
    }
    return r
  }
  for (const { day, count: links } of activity.sharedLinks) {
    const n = dayNumber(day)
    if (n !== null) row(n).sharedLinks += count(links)
  }
  for (const report of activity.reports) {
    const n = instantDay(report.filedAt)
    if (n === null) continue
    // Pending reports wait for review: an unreviewed flood must not move a grade that falls at once.
    if (report.outcome === 'upheld') row(n).weightedReports += count(report.weight)
    else if (report.outcome === 'rejected')
      row(n).rejectedReports = (row(n).rejectedReports ?? 0) + count(report.weight)
  }
  const lastStanding = new Map<string, number>()
  const ordered: { v: ViolationRecord; ms: number; n: number }[] = []
  for (const v of activity.violations) {
    const n = instantDay(v.decidedAt)
    if (n !== null) ordered.push({ v, ms: v.decidedAt.getTime(), n })
  }
  ordered.sort((a, b) => a.ms - b.ms)
  for (const { v, ms, n } of ordered) {
    const r = row(n)
    r.confirmedViolations[v.category] = (r.confirmedViolations[v.category] ?? 0) + 1
    if (v.reversed === true) {
      const reversed = (r.reversedDecisions ??= {})
      reversed[v.category] = (reversed[v.category] ?? 0) + 1
      continue
    }
    const subject = v.subject.trim()
    const previous = lastStanding.get(subject)
    if (previous !== undefined && ms - previous <= REPEAT_WINDOW_MS)
      r.repeatViolations = (r.repeatViolations ?? 0) + 1
    lastStanding.set(subject, ms)
    addFix(v, row)
  }
  return [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => r)
}

function addFix(v: ViolationRecord, row: (n: number) => Row): void {
  const noticed = v.noticedAt ? instantDay(v.noticedAt) : null
  if (!v.noticedAt || noticed === null) return
  const r = row(noticed)
  const fixed = v.fixedAt ? v.fixedAt.getTime() : Number.NaN
  if (Number.isNaN(fixed)) r.unfixedCases = (r.unfixedCases ?? 0) + 1
  else r.fixHours.push(Math.max(0, (fixed - v.noticedAt.getTime()) / 3_600_000))
}

function instantDay(at: Date): number | null {
  return Number.isNaN(at.getTime()) ? null : dayNumberAt(at)
}
