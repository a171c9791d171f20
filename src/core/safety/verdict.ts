import type { Verdict } from '../vocabulary.js'
import type { SafetySignal } from './heuristics/signal.js'
import { HEURISTIC_CODES, totalWeight } from './heuristics/signal.js'
import type { ThreatMatch } from './threat-entry.js'

/** Every reason code the safety layer can put on a decision; the reasons catalogue needs one entry each. */
export const SAFETY_REASON_CODES = [
  'SAFETY_MALICIOUS_FEED',
  'SAFETY_CASE_MALICIOUS',
  'SAFETY_STALE_FEED_MATCH',
  ...HEURISTIC_CODES,
] as const
export type SafetyReasonCode = (typeof SAFETY_REASON_CODES)[number]

export interface VerdictInput {
  threatMatches: readonly ThreatMatch[]
  signals: readonly SafetySignal[]
  /** From a reviewed case action on this link (filled in by the complaints flow); `null` when none. */
  caseVerdict?: 'malicious' | null
  isRegisteredProvider: boolean
  threshold: number
  /** What a feed match too old to produce `malicious` still adds to the score (default 2: not alone). */
  staleMatchWeight?: number
}

export interface SafetyVerdict {
  verdict: Verdict
  /** Sum of the weighted signals; feed and case evidence decide on their own and carry weight 0. */
  score: number
  threshold: number
  signals: SafetySignal[]
  /** The codes behind a `malicious` or `suspicious` verdict, strongest first; empty otherwise. */
  reasons: SafetyReasonCode[]
}

const DEFAULT_STALE_MATCH_WEIGHT = 2

/**
 * Decides a link's verdict: `malicious` from fresh feed entries or a reviewed case, `suspicious` when the
 * weighted signals reach the threshold, else `clean` for registered providers and `unknown` for the rest.
 * @example computeVerdict({ threatMatches: [], signals, isRegisteredProvider: false, threshold: 4 }).verdict // 'suspicious'
 */
export function computeVerdict(input: VerdictInput): SafetyVerdict {
  // Most links: no feed entry, no case, heuristics under the threshold. Nothing to gather or rank.
  if (input.threatMatches.length === 0 && input.caseVerdict !== 'malicious') {
    const score = totalWeight(input.signals)
    if (score < input.threshold) {
      const verdict = input.isRegisteredProvider ? 'clean' : 'unknown'
      return { verdict, score, threshold: input.threshold, signals: [...input.signals], reasons: [] }
    }
  }
  const evidence = [...feedSignals(input.threatMatches, input.staleMatchWeight ?? DEFAULT_STALE_MATCH_WEIGHT)]
  if (input.caseVerdict === 'malicious') {
    evidence.push({
      code: 'SAFETY_CASE_MALICIOUS',
      weight: 0,
      detail: 'a reviewed case marked this link malicious',
    })
  }
  const signals = [...evidence, ...input.signals]
  const score = totalWeight(signals)
  const decisive = evidence.filter((signal) => signal.code !== 'SAFETY_STALE_FEED_MATCH')
  const weighted = signals.filter((signal) => signal.weight > 0).sort((a, b) => b.weight - a.weight)

  let verdict: Verdict
  let behind: SafetySignal[]
  if (decisive.length > 0) {
    verdict = 'malicious'
    behind = [...decisive, ...weighted]
  } else if (score >= input.threshold) {
    verdict = 'suspicious'
    behind = weighted
  } else {
    verdict = input.isRegisteredProvider ? 'clean' : 'unknown'
    behind = []
  }
  return { verdict, score, threshold: input.threshold, signals, reasons: uniqueCodes(behind) }
}

/** One signal per source: fresh entries are decisive, stale ones only weigh in. */
function feedSignals(matches: readonly ThreatMatch[], staleWeight: number): SafetySignal[] {
  const bySource = new Map<string, ThreatMatch>()
  for (const match of matches) {
    const key = `${match.source}\u0000${match.fresh ? 'fresh' : 'stale'}`
    const seen = bySource.get(key)
    if (seen === undefined || match.ageMs < seen.ageMs) bySource.set(key, match)
  }
  const freshSources = new Set(
    [...bySource.values()].filter((match) => match.fresh).map((match) => match.source),
  )
  return [...bySource.values()]
    .filter((match) => match.fresh || !freshSources.has(match.source))
    .map((match) =>
      match.fresh
        ? {
            code: 'SAFETY_MALICIOUS_FEED',
            weight: 0,
            detail: `listed by ${match.source} as ${match.expression} (${match.kind}, ${describeAge(match.ageMs)} old)`,
          }
        : {
            code: 'SAFETY_STALE_FEED_MATCH',
            weight: staleWeight,
            detail: `listed by ${match.source} as ${match.expression}, but stale (${match.staleBecause ?? 'old'})`,
          },
    )
}

function uniqueCodes(signals: readonly SafetySignal[]): SafetyReasonCode[] {
  const codes: SafetyReasonCode[] = []
  for (const { code } of signals) {
    if (isSafetyReasonCode(code) && !codes.includes(code)) codes.push(code)
  }
  return codes
}

function isSafetyReasonCode(code: string): code is SafetyReasonCode {
  return (SAFETY_REASON_CODES as readonly string[]).includes(code)
}

function describeAge(ms: number): string {
  const minutes = Math.floor(ms / 60_000)
  if (minutes < 60) return `${minutes} min`
  const hours = Math.floor(minutes / 60)
  return hours < 48 ? `${hours} h` : `${Math.floor(hours / 24)} d`
}
