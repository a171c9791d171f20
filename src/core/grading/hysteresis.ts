import { z } from 'zod'
import { fail, ok, type Result } from '../result.js'
import { dayNumber, dayNumberAt, dayText, type CalendarDay } from './calendar-day.js'
import type { ComputedGrade } from './compute-grade.js'
import { DEFAULT_GRADING_THRESHOLDS, type GradingThresholds } from './grading-thresholds.js'
import { gradeRank, PROVIDER_GRADES, type ProviderGrade } from './provider-grade.js'

/** The grade a provider holds, since when, and a rise that is waiting out its clean days. Stored as JSON. */
export interface GradeState {
  grade: ProviderGrade
  /** ISO instant of the recompute that set this grade. */
  since: string
  pendingUpgrade?: PendingUpgrade
}

/** A better computed grade not yet granted: where it would go, and the first day of the clean run behind it. */
export interface PendingUpgrade {
  to: ProviderGrade
  cleanSince: CalendarDay
}

/** What hysteresis needs from a computed grade. */
export type HysteresisInput = Pick<ComputedGrade, 'grade' | 'cleanSince' | 'overdueCases'>

/**
 * The grade to hold after a recompute: a worse grade applies at once; a better one only after
 * `cleanDaysToRise` consecutive clean days with no overdue unfixed case.
 * @example nextGrade({ grade: 'D', since }, computed, at).pendingUpgrade // { to: 'B', cleanSince: '2022-03-02' }
 */
export function nextGrade(
  previous: GradeState | null,
  computed: HysteresisInput,
  at: Date,
  thresholds: GradingThresholds = DEFAULT_GRADING_THRESHOLDS,
): GradeState {
  const now = at.toISOString()
  if (previous === null || previous.grade === 'insufficient_data') {
    // Nothing held yet (or nothing with an effect), so there is nothing to protect: take the computed grade.
    return previous?.grade === computed.grade
      ? { grade: previous.grade, since: previous.since }
      : { grade: computed.grade, since: now }
  }
  if (computed.grade === previous.grade) return { grade: previous.grade, since: previous.since }
  if (computed.grade !== 'insufficient_data' && gradeRank(computed.grade) > gradeRank(previous.grade)) {
    return { grade: computed.grade, since: now }
  }
  // A rise, including to insufficient_data, which would lift a grade's effects just as surely.
  const held = { grade: previous.grade, since: previous.since }
  const cleanFrom = computed.cleanSince === null ? null : dayNumber(computed.cleanSince)
  if (cleanFrom === null) return held
  const pendingFrom = previous.pendingUpgrade ? dayNumber(previous.pendingUpgrade.cleanSince) : null
  const streakFrom = Math.max(cleanFrom, pendingFrom ?? dayNumberAt(at))
  const cleanDays = dayNumberAt(at) - streakFrom + 1
  // Clean days and fixes are separate conditions: the streak keeps counting while a case waits to be fixed.
  if (cleanDays >= thresholds.cleanDaysToRise && computed.overdueCases === 0)
    return { grade: computed.grade, since: now }
  return { ...held, pendingUpgrade: { to: computed.grade, cleanSince: dayText(streakFrom) } }
}

/**
 * How many more clean days a pending rise needs at `at` (0 when it would rise on this recompute).
 * @example cleanDaysLeft(state, at) // 9
 */
export function cleanDaysLeft(
  state: GradeState,
  at: Date,
  thresholds: GradingThresholds = DEFAULT_GRADING_THRESHOLDS,
): number | null {
  if (!state.pendingUpgrade) return null
  const from = dayNumber(state.pendingUpgrade.cleanSince)
  if (from === null) return null
  return Math.max(0, thresholds.cleanDaysToRise - (dayNumberAt(at) - from + 1))
}

const GradeStateSchema = z
  .object({
    grade: z.enum(PROVIDER_GRADES),
    since: z.iso.datetime({ offset: true }),
    pendingUpgrade: z
      .object({
        to: z.enum(PROVIDER_GRADES),
        cleanSince: z.string().refine((d) => dayNumber(d) !== null, { message: 'not a YYYY-MM-DD day' }),
      })
      .strict()
      .optional(),
  })
  .strict()

/**
 * A stored grade state read back from JSON, or issues saying what is wrong with it.
 * @example parseGradeState(JSON.parse(row.state))
 */
export function parseGradeState(input: unknown): Result<GradeState> {
  const parsed = GradeStateSchema.safeParse(input)
  if (!parsed.success) {
    return fail(
      ...parsed.error.issues.map((issue) => ({
        code: 'invalid_grade_state',
        path: issue.path.map((p) => (typeof p === 'number' ? p : String(p))),
        message: issue.message,
      })),
    )
  }
  const { grade, since, pendingUpgrade } = parsed.data
  return ok(pendingUpgrade ? { grade, since, pendingUpgrade } : { grade, since })
}
