import type { Scenario } from '../vocabulary.js'

export type DecisionAction = 'dismiss' | 'warn' | 'block'
export type DecisionScope = 'url' | 'url-prefix' | 'domain'
export type DecisionGround = 'illegal' | 'terms'

/** Everything a statement of reasons is built from. */
export interface StatementInput {
  decisionId: string
  caseId: string
  action: DecisionAction
  scope: DecisionScope
  target: string
  scenarios: readonly Scenario[] | null
  ground: DecisionGround
  reason: string
  /** The rule the reason cites, from the published catalogue. */
  cites: string | null
  /** The complaint category the decision is about. */
  category: string
  explanation: string
  facts: string | null
  automated: boolean
  /** Whether trusted flaggers' notices were among the reports. */
  trustedFlagger: boolean
  startsAt: Date
  endsAt: Date | null
  appealWindowDays: number
}

/**
 * A statement of reasons, with the fields of DSA Art. 17(3) and the EU transparency database
 * (decision_visibility, decision_ground, category, automated_detection, automated_decision,
 * application_date, end_date, source_type), in Hutong's own words.
 */
export interface StatementOfReasons {
  id: string
  caseId: string
  decision: DecisionAction
  /** What the person sees: nothing changes, a safety page first, or the link cannot be opened. */
  visibility: 'none' | 'interstitial' | 'access_disabled'
  ground: DecisionGround
  groundReference: string | null
  reason: string
  category: string
  explanation: string
  facts: string | null
  automatedDetection: boolean
  automatedDecision: 'fully' | 'not_automated'
  sourceType: 'notice' | 'trusted_flagger'
  contentType: 'link'
  scope: { type: DecisionScope; target: string; scenarios: readonly Scenario[] | 'all' }
  start: string
  end: string | null
  redress: { appealUntil: string; how: string }
}

/**
 * Builds the statement of reasons for a decision.
 * @example buildStatementOfReasons({ ...input, action: 'block' }).visibility // 'access_disabled'
 */
export function buildStatementOfReasons(input: StatementInput): StatementOfReasons {
  const appealUntil = new Date(input.startsAt.getTime() + input.appealWindowDays * 86_400_000)
  return {
    id: input.decisionId,
    caseId: input.caseId,
    decision: input.action,
    visibility:
      input.action === 'block' ? 'access_disabled' : input.action === 'warn' ? 'interstitial' : 'none',
    ground: input.ground,
    groundReference: input.cites,
    reason: input.reason,
    category: input.category,
    explanation: input.explanation,
    facts: input.facts,
    automatedDetection: input.automated,
    automatedDecision: input.automated ? 'fully' : 'not_automated',
    sourceType: input.trustedFlagger ? 'trusted_flagger' : 'notice',
    contentType: 'link',
    scope: { type: input.scope, target: input.target, scenarios: input.scenarios ?? 'all' },
    start: input.startsAt.toISOString(),
    end: input.endsAt?.toISOString() ?? null,
    redress: {
      appealUntil: appealUntil.toISOString(),
      how: `POST /v1/cases/${input.caseId}/appeals within ${input.appealWindowDays} days; a different reviewer decides`,
    },
  }
}
