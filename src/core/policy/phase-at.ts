import type { Phase, Policy } from './policy-schema.js'
import { parsePolicyTime } from './policy-time.js'

/** A phase with its effective span in epoch milliseconds; `to` is exclusive. */
export interface PhaseSpan {
  phase: Phase
  from: number
  to: number
}

/**
 * The phases in time order with their effective ends: an explicit `to`, else the next phase's start.
 * @example phaseSpans(policy).map((s) => s.phase.id) // ['phase-1', 'phase-2']
 */
export function phaseSpans(policy: Policy): PhaseSpan[] {
  const spans = policy.phases
    .map((phase) => ({ phase, from: parsePolicyTime(phase.from) ?? Number.NaN }))
    .filter((s) => !Number.isNaN(s.from))
    .sort((a, b) => a.from - b.from)
  return spans.map((s, i) => {
    const next = spans[i + 1]?.from ?? Number.POSITIVE_INFINITY
    const explicit = s.phase.to === undefined ? null : parsePolicyTime(s.phase.to)
    return { phase: s.phase, from: s.from, to: explicit === null ? next : Math.min(explicit, next) }
  })
}

/**
 * The phase in force at a time, or null before the first phase and in gaps.
 * @example phaseAt(policy, new Date('2021-10-01T12:00+08:00'))?.id // 'phase-1'
 */
export function phaseAt(policy: Policy, at: Date): Phase | null {
  const ms = at.getTime()
  return phaseSpans(policy).find((s) => s.from <= ms && ms < s.to)?.phase ?? null
}
