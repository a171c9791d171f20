import type { ComplaintCategory } from '../vocabulary.js'
import type { CalendarDay } from './calendar-day.js'

/** Counts per complaint category; a missing category is zero. */
export type CategoryCounts = Partial<Record<ComplaintCategory, number>>

/**
 * One provider's counts for one Asia/Shanghai calendar day, summed over ALL of its domains so that spreading
 * links across domains changes nothing. Each count is attributed to the day its subject started (a report to the
 * day it was filed, a decision to the day it was made, a fix to the day notice was given), so a later reversal or
 * fix revises that earlier day when the stats are collected again.
 */
export interface DailyStats {
  day: CalendarDay
  /** Links of this provider seen by inspect that day (the per-provider per-day counters). */
  sharedLinks: number
  /** Reports filed that day, weighted by reporter standing, whose case was upheld (not dismissed, not reversed). */
  weightedReports: number
  /** Reports filed that day, weighted, that reviewers rejected. Shown on the card; never graded. */
  rejectedReports?: number
  /** Decisions other than dismiss made that day, by category, including any later reversed. */
  confirmedViolations: CategoryCounts
  /** Of that day's decisions, those later reversed on appeal, by category: a reversed decision is no violation. */
  reversedDecisions?: CategoryCounts
  /** Of that day's standing decisions, those on a domain with another standing violation in the 90 days before. */
  repeatViolations?: number
  /** For standing violations noticed to the provider that day and since fixed: hours from notice to fix. */
  fixHours?: readonly number[]
  /** Standing violations noticed that day and still not fixed. */
  unfixedCases?: number
}

/** A count from the database, made safe: anything negative or not finite reads as zero. */
export function count(value: number | undefined): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : 0
}

/** The sum of a category map, each count made safe. */
export function categoryTotal(counts: CategoryCounts | undefined): number {
  let total = 0
  for (const value of Object.values(counts ?? {})) total += count(value)
  return total
}
