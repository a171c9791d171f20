import { z } from 'zod'
import { fail, ok, type Result } from '../result.js'

/**
 * Inclusive upper limits for grades A, B and C on one metric; above `C` the metric reads D.
 * Limits must not decrease from A to C.
 */
export interface GradeLines {
  A: number
  B: number
  C: number
}

/** Every number grading depends on. The reasoning behind each default is in docs/grading.md. */
export interface GradingThresholds {
  /** Shared links a window needs before any grade is given; below it the grade is `insufficient_data`. */
  minLinks: number
  /** Shared links in the last `highVolumeWindowDays` days that make a provider high-volume. */
  highVolumeLinks: number
  highVolumeWindowDays: number
  lowVolumeWindowDays: number
  /** The short window that catches a surge at once, however long the main window is. */
  recentWindowDays: number
  /** The normal quantile for two-sided 95% Wilson bounds. */
  z: number
  /** Net confirmed violations per 10,000 shared links, read as the Wilson upper bound. */
  violationRate: GradeLines
  /** Weighted reports on upheld cases per 10,000 shared links, read as the Wilson upper bound. */
  complaintRate: GradeLines
  /** Median hours from notice to fix, open cases counted at their age so far. */
  medianFixHours: GradeLines
  /** Fewer cases than this in the window and the fix-time metric does not apply. */
  minFixSamples: number
  /** Extra violations each repeat (same domain within 90 days) adds to the violation count. */
  repeatWeight: number
  /** Consecutive clean days before a grade may rise. */
  cleanDaysToRise: number
}

/**
 * The defaults Hutong ships; see docs/grading.md for why each number is what it is.
 * @example computeGrade(days, at, DEFAULT_GRADING_THRESHOLDS)
 */
export const DEFAULT_GRADING_THRESHOLDS: Readonly<GradingThresholds> = Object.freeze({
  minLinks: 10_000,
  highVolumeLinks: 100_000,
  highVolumeWindowDays: 90,
  lowVolumeWindowDays: 365,
  recentWindowDays: 14,
  z: 1.96,
  violationRate: Object.freeze({ A: 1, B: 10, C: 30 }),
  complaintRate: Object.freeze({ A: 10, B: 50, C: 200 }),
  medianFixHours: Object.freeze({ A: 24, B: 72, C: 168 }),
  minFixSamples: 3,
  repeatWeight: 1,
  cleanDaysToRise: 14,
})

const nonNegative = z.number().finite().nonnegative()
const lines = z
  .object({ A: nonNegative, B: nonNegative, C: nonNegative })
  .strict()
  .refine((l) => l.A <= l.B && l.B <= l.C, { message: 'limits must not decrease from A to C' })
const wholeDays = z.number().int().min(1).max(3_650)

const GradingThresholdsSchema = z
  .object({
    minLinks: z.number().int().min(1),
    highVolumeLinks: z.number().int().min(1),
    highVolumeWindowDays: wholeDays,
    lowVolumeWindowDays: wholeDays,
    recentWindowDays: wholeDays,
    z: z.number().finite().positive(),
    violationRate: lines,
    complaintRate: lines,
    medianFixHours: lines,
    minFixSamples: z.number().int().min(1),
    repeatWeight: nonNegative,
    cleanDaysToRise: wholeDays,
  })
  .partial()
  .strict()

/**
 * Grading thresholds from config: any field left out takes its default; bad values come back as issues.
 * @example parseGradingThresholds({ violationRate: { A: 2, B: 10, C: 30 } })
 */
export function parseGradingThresholds(input: unknown): Result<GradingThresholds> {
  const parsed = GradingThresholdsSchema.safeParse(input ?? {})
  if (!parsed.success) {
    return fail(
      ...parsed.error.issues.map((issue) => ({
        code: 'invalid_grading_threshold',
        path: issue.path.map((p) => (typeof p === 'number' ? p : String(p))),
        message: issue.message,
      })),
    )
  }
  const merged: GradingThresholds = { ...DEFAULT_GRADING_THRESHOLDS, ...stripUndefined(parsed.data) }
  if (merged.lowVolumeWindowDays < merged.highVolumeWindowDays) {
    return fail({
      code: 'invalid_grading_threshold',
      path: ['lowVolumeWindowDays'],
      message: 'the low-volume window must be at least as long as the high-volume window',
    })
  }
  return ok(merged)
}

function stripUndefined<T extends object>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>
  }
}
