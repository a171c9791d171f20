import { maxSeverity } from './severity.js'

export interface PriorityInput {
  /** Category histogram of the case's counted reports. */
  categories: Readonly<Record<string, number>>
  /** Sum of the standing weights of distinct reporters. */
  weightedReporters: number
  /** How often the link was inspected (its reach); 0 when unknown. */
  reach: number
}

/** Points a case gains per hour of waiting, and the cap: old cases rise, so none starves. */
export const AGE_POINTS_PER_HOUR = 1 / 6
export const AGE_POINTS_MAX = 20

/**
 * The part of the priority that does not move with time:
 * `100 · severity · (1 − e^(−weighted/3)) + 10 · log10(1 + reach)`.
 * Severity dominates; weighted reporters saturate (the tenth reporter matters less than the second).
 * @example basePriority({ categories: { fraud: 3 }, weightedReporters: 3, reach: 0 }) // ≈ 63.2
 */
export function basePriority(input: PriorityInput): number {
  const severity = maxSeverity(input.categories)
  const weighted = Math.max(0, input.weightedReporters)
  const score = 100 * severity * (1 - Math.exp(-weighted / 3)) + 10 * Math.log10(1 + Math.max(0, input.reach))
  return Math.round(score * 100) / 100
}

/**
 * The full priority at `now`: the base plus the age term `min(20, hours since first report / 6)`.
 * keep in sync with the SQL ordering in src/services/cases.ts
 * @example priorityAt(63.2, firstSeen, new Date(firstSeen.getTime() + 6 * 3600_000)) // 64.2
 */
export function priorityAt(base: number, firstSeen: Date, now: Date): number {
  const hours = Math.max(0, (now.getTime() - firstSeen.getTime()) / 3_600_000)
  return Math.round((base + Math.min(AGE_POINTS_MAX, hours * AGE_POINTS_PER_HOUR)) * 100) / 100
}
