import type { Context } from '../context.js'
import type { SafetySignal } from '../core/policy/index.js'
import type { LinkSpan } from '../core/links/index.js'
import type { Verdict } from '../core/vocabulary.js'

export interface SafetyAssessment {
  verdict: Verdict
  signals: SafetySignal[]
}

/**
 * The safety verdict for one recognised link, from memory only (the hot path never waits on the
 * database). With no threat match and no heuristic signal: `clean` for a registered provider's link,
 * `unknown` for anything else (BRIEF §4).
 */
export function assessLink(_ctx: Context, link: LinkSpan, _at: Date): SafetyAssessment {
  return { verdict: link.provider ? 'clean' : 'unknown', signals: [] }
}
