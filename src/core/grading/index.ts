// Provider credit grading (信用分级): window statistics → grade → hysteresis → grade card. Pure; time is passed in.
export {
  aggregateIndexed,
  aggregateWindow,
  indexDays,
  type IndexedDay,
  type OpenCases,
  type WindowStats,
} from './aggregate-window.js'
export { dayNumber, dayNumberAt, dayStart, dayText, shanghaiDay, type CalendarDay } from './calendar-day.js'
export { formatNumber, THRESHOLD_LABELS, type CardThresholdKey, type LocalisedText } from './card-text.js'
export {
  collectDailyStats,
  type ProviderActivity,
  type ReportRecord,
  type ViolationRecord,
} from './collect-daily-stats.js'
export { computeGrade, fixLineFor, type ComputedGrade, type DecidingThreshold } from './compute-grade.js'
export type { CategoryCounts, DailyStats } from './daily-stats.js'
export {
  gradeCard,
  publicGradeSummary,
  type CardThreshold,
  type GradeCard,
  type PublicGradeSummary,
  type TrendDirection,
} from './grade-card.js'
export {
  DEFAULT_GRADING_THRESHOLDS,
  parseGradingThresholds,
  type GradeLines,
  type GradingThresholds,
} from './grading-thresholds.js'
export {
  cleanDaysLeft,
  nextGrade,
  parseGradeState,
  type GradeState,
  type HysteresisInput,
  type PendingUpgrade,
} from './hysteresis.js'
export {
  lineGrade,
  medianFixHours,
  METRIC_KEYS,
  readMetrics,
  readSurge,
  type MetricKey,
  type MetricReading,
  type SurgeReading,
} from './metrics.js'
export {
  betterGrade,
  gradeRank,
  LETTER_GRADES,
  policyGrade,
  PROVIDER_GRADES,
  worseGrade,
  type LetterGrade,
  type ProviderGrade,
} from './provider-grade.js'
export { maxCountWithin, wilsonLower, wilsonUpper } from './wilson.js'
