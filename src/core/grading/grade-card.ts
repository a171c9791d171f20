import type { Grade } from '../vocabulary.js'
import { dayNumber, dayNumberAt } from './calendar-day.js'
import {
  hysteresisSteps,
  metricStep,
  surgeStep,
  THRESHOLD_LABELS,
  thresholdStatement,
  type CardThresholdKey,
  type LocalisedText,
} from './card-text.js'
import type { CategoryCounts } from './daily-stats.js'
import { fixLineFor, type ComputedGrade, type DecidingThreshold } from './compute-grade.js'
import { DEFAULT_GRADING_THRESHOLDS, type GradingThresholds } from './grading-thresholds.js'
import type { GradeState } from './hysteresis.js'
import type { MetricKey, MetricReading, SurgeReading } from './metrics.js'
import {
  betterGrade,
  gradeRank,
  policyGrade,
  type LetterGrade,
  type ProviderGrade,
} from './provider-grade.js'

/** A threshold on the card, with the sentence that states it. */
export interface CardThreshold {
  metric: CardThresholdKey
  comparison: DecidingThreshold['comparison']
  limit: number
  reading: number
  statement: LocalisedText
}

export type TrendDirection = 'improving' | 'steady' | 'worsening' | 'new'

/** The full grade card: for the provider itself and for admins. */
export interface GradeCard {
  grade: ProviderGrade
  policyGrade: Grade
  since: string
  /** What today's numbers alone say; differs from `grade` while a rise waits out its clean days. */
  computedGrade: ProviderGrade
  computedAt: string
  window: { from: string; to: string; days: number; volume: 'high' | 'low' }
  metrics: (MetricReading & { label: LocalisedText })[]
  recent: SurgeReading & { label: LocalisedText }
  counts: {
    sharedLinks: number
    weightedReports: number
    rejectedReports: number
    confirmedViolations: number
    reversedDecisions: number
    netViolations: number
    repeatViolations: number
    violationsByCategory: CategoryCounts
    unfixedCases: number
    overdueCases: number
  }
  decidingThreshold: CardThreshold
  trend: {
    direction: TrendDirection
    previousGrade: ProviderGrade
    violationRate: { current: number | null; previous: number | null }
  }
  pendingUpgrade: { to: ProviderGrade; cleanSince: string; cleanDaysLeft: number } | null
  whatWouldMoveUp: LocalisedText[]
  /** Reason codes from the catalogue that this grade puts on decisions. */
  reasons: ('GRADE_C' | 'GRADE_D')[]
}

/** The card anyone may see: the grade, why, and its direction, without the provider's own counts. */
export interface PublicGradeSummary {
  grade: ProviderGrade
  policyGrade: Grade
  since: string
  window: { from: string; to: string; days: number }
  decidingThreshold: { metric: CardThresholdKey; statement: LocalisedText }
  metrics: { key: MetricKey; grade: LetterGrade | null }[]
  trend: TrendDirection
  reasons: ('GRADE_C' | 'GRADE_D')[]
}

/**
 * The grade card for a held grade and the computation behind it.
 * @example gradeCard(state, computeGrade(days, at)).whatWouldMoveUp[0]?.zh
 */
export function gradeCard(
  state: GradeState,
  computed: ComputedGrade,
  thresholds: GradingThresholds = DEFAULT_GRADING_THRESHOLDS,
): GradeCard {
  const t = thresholds
  const w = computed.window
  const at = new Date(computed.at)
  const daysLeft = state.pendingUpgrade
    ? pendingDaysLeft(state.pendingUpgrade.cleanSince, at, t)
    : t.cleanDaysToRise
  return {
    grade: state.grade,
    policyGrade: policyGrade(state.grade),
    since: state.since,
    computedGrade: computed.grade,
    computedAt: computed.at,
    window: { from: w.from, to: w.to, days: w.windowDays, volume: computed.volume },
    metrics: computed.metrics.map((m) => ({ ...m, label: THRESHOLD_LABELS[m.key] })),
    recent: { ...computed.surge, label: THRESHOLD_LABELS.recentViolationRate },
    counts: {
      sharedLinks: w.sharedLinks,
      weightedReports: w.weightedReports,
      rejectedReports: w.rejectedReports,
      confirmedViolations: w.confirmedViolations,
      reversedDecisions: w.reversedDecisions,
      netViolations: w.netViolations,
      repeatViolations: w.repeatViolations,
      violationsByCategory: w.violationsByCategory,
      unfixedCases: w.unfixedCases,
      overdueCases: computed.overdueCases,
    },
    decidingThreshold: decidingForCard(state, computed, daysLeft, t),
    trend: trendOf(computed),
    pendingUpgrade: state.pendingUpgrade ? { ...state.pendingUpgrade, cleanDaysLeft: daysLeft } : null,
    whatWouldMoveUp: stepsUp(state, computed, daysLeft, t),
    reasons: state.grade === 'C' ? ['GRADE_C'] : state.grade === 'D' ? ['GRADE_D'] : [],
  }
}

/**
 * The public part of a grade card.
 * @example publicGradeSummary(card).decidingThreshold.statement.zh
 */
export function publicGradeSummary(card: GradeCard): PublicGradeSummary {
  return {
    grade: card.grade,
    policyGrade: card.policyGrade,
    since: card.since,
    window: { from: card.window.from, to: card.window.to, days: card.window.days },
    decidingThreshold: { metric: card.decidingThreshold.metric, statement: card.decidingThreshold.statement },
    metrics: card.metrics.map((m) => ({ key: m.key, grade: m.grade })),
    trend: card.trend.direction,
    reasons: card.reasons,
  }
}

function pendingDaysLeft(cleanSince: string, at: Date, t: GradingThresholds): number {
  const from = dayNumber(cleanSince)
  return from === null ? t.cleanDaysToRise : Math.max(0, t.cleanDaysToRise - (dayNumberAt(at) - from + 1))
}

// A held grade is "better" than computed only through hysteresis: a rise waiting for its clean days or fixes.
function isRise(held: ProviderGrade, computed: ProviderGrade): boolean {
  if (held === computed || held === 'insufficient_data') return false
  return computed === 'insufficient_data' || gradeRank(computed) < gradeRank(held)
}

// While hysteresis holds a grade below what the numbers say, the hysteresis condition is what decided it.
function decidingForCard(
  state: GradeState,
  computed: ComputedGrade,
  daysLeft: number,
  t: GradingThresholds,
): CardThreshold {
  if (isRise(state.grade, computed.grade)) {
    if (computed.overdueCases > 0) {
      const reading = computed.overdueCases
      return {
        metric: 'overdueCases',
        comparison: 'above',
        limit: 0,
        reading,
        statement: thresholdStatement('overdueCases', 'above', reading, 0),
      }
    }
    const reading = t.cleanDaysToRise - daysLeft
    const limit = t.cleanDaysToRise
    return {
      metric: 'cleanDaysToRise',
      comparison: 'below',
      limit,
      reading,
      statement: thresholdStatement('cleanDaysToRise', 'below', reading, limit),
    }
  }
  const d = computed.deciding
  return { ...d, statement: thresholdStatement(d.metric, d.comparison, d.reading, d.limit) }
}

const TREND_MIN_CHANGE = 0.25

function trendOf(computed: ComputedGrade): GradeCard['trend'] {
  const current = computed.metrics.find((m) => m.key === 'violationRate')?.value ?? null
  const previous =
    computed.previousWindow.sharedLinks > 0
      ? (computed.previousWindow.adjustedViolations / computed.previousWindow.sharedLinks) * 10_000
      : null
  const result = (direction: TrendDirection): GradeCard['trend'] => ({
    direction,
    previousGrade: computed.previousGrade,
    violationRate: { current, previous },
  })
  const now = computed.grade
  const before = computed.previousGrade
  if (now === 'insufficient_data' || before === 'insufficient_data' || current === null || previous === null)
    return result('new')
  if (gradeRank(now) !== gradeRank(before))
    return result(gradeRank(now) < gradeRank(before) ? 'improving' : 'worsening')
  // Same grade: call a move in the violation rate a trend only when it is a real change, not noise.
  const scale = Math.max(current, previous)
  if (scale === 0 || Math.abs(current - previous) / scale < TREND_MIN_CHANGE) return result('steady')
  return result(current < previous ? 'improving' : 'worsening')
}

function stepsUp(
  state: GradeState,
  computed: ComputedGrade,
  daysLeft: number,
  t: GradingThresholds,
): LocalisedText[] {
  const w = computed.window
  if (computed.grade === 'insufficient_data' && state.grade === 'insufficient_data') {
    const missing = Math.max(0, t.minLinks - w.sharedLinks)
    return [
      {
        zh: `分享量不足，暂不评级（没有任何影响）：${w.windowDays} 天窗口内需要至少 ${t.minLinks} 次分享，还差 ${missing} 次`,
        en: `Too little volume to grade (no effect): the ${w.windowDays}-day window needs at least ${t.minLinks} shared links, ${missing} to go`,
      },
    ]
  }
  const held = state.grade === 'insufficient_data' ? computed.grade : state.grade
  if (held === 'insufficient_data') return []
  const target = betterGrade(held)
  if (target === null)
    return [
      {
        zh: 'A 为最高等级；保持各项指标在 A 级线以内即可',
        en: 'A is the top grade; keep every metric within its grade A line',
      },
    ]
  const steps: LocalisedText[] = []
  const numbersReady =
    computed.grade !== 'insufficient_data' && gradeRank(computed.grade) <= gradeRank(target)
  if (!numbersReady) {
    for (const m of computed.metrics) {
      const step = metricStep(m, target, w, t)
      if (step) steps.push(step)
    }
    const surge = surgeStep(computed.surge, t)
    if (surge && (computed.surge.grade === 'D' || target !== 'C')) steps.push(surge)
  }
  // overdueCases is counted against the computed grade's fix line, so name that line.
  steps.push(
    ...hysteresisSteps(
      numbersReady ? daysLeft : t.cleanDaysToRise,
      computed.overdueCases,
      fixLineFor(computed.grade, t),
      t,
    ),
  )
  return steps
}
