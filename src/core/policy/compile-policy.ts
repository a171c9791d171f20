import { ACTION_RANK } from './action-order.js'
import { parseClientVersion } from './client-version.js'
import type { DecidedBy, ReasonRef } from './decision.js'
import { phaseSpans } from './phase-at.js'
import type { Outcome, Policy, Rule, ScenarioBounds } from './policy-schema.js'
import { parsePolicyTime } from './policy-time.js'
import type { ReasonCatalogue } from './reason-catalogue.js'
import { ROLLOUT_BUCKETS } from './rollout.js'
import { CATEGORIES, GRADES, SCENARIOS, VERDICTS, type CardStyle, type Scenario } from '../vocabulary.js'

/** A rule reduced to bit masks and shared, frozen reason objects, so evaluation allocates almost nothing. */
export interface CompiledRule {
  id: string
  rank: number
  reasons: readonly ReasonRef[]
  card: CardStyle | undefined
  openInApp: boolean | undefined
  /** Users and group owners may not loosen what this rule decides. */
  locked: boolean
  verdictMask: number
  gradeMask: number
  /** Buckets below this are in the cohort; null when the rule has no partial rollout. */
  rolloutBelow: number | null
  versionMin: readonly number[] | null
  versionBelow: readonly number[] | null
  trace: string
}

export interface CompiledPhase {
  id: string
  from: number
  to: number
  minClientVersion: readonly number[] | null
  preferencesEffective: boolean
  /** Candidate rules per scenario × category (index `scenario * CATEGORY_COUNT + category`), in order. */
  table: readonly (readonly CompiledRule[])[]
  trace: string
}

export interface CompiledExemption {
  rule: CompiledRule
  scenarios: ReadonlySet<Scenario> | null
  categories: ReadonlySet<string> | null
  from: number
  until: number
}

/** A validated policy prepared for the hot path by `compilePolicy`. */
export interface CompiledPolicy {
  policy: Policy
  catalogue: ReasonCatalogue
  version: string
  salt: string
  phases: readonly CompiledPhase[]
  standing: readonly (readonly CompiledRule[])[]
  outsidePhases: CompiledRule
  previous: CompiledRule
  noRuleMatched: CompiledRule
  floorMalicious: CompiledRule
  floorSuspicious: CompiledRule
  exemptions: ReadonlyMap<string, readonly CompiledExemption[]>
  bounds: Readonly<Record<Scenario, { user: number; group: number }>>
  defaultCard: CardStyle
  defaultOpenInApp: boolean
  /**
   * Parsed client versions by their text. A memo only: a platform sends a handful of distinct versions,
   * and parsing one per decision was the largest cost on the hot path. Bounded by evaluatePolicy.
   */
  versionMemo: Map<string, readonly number[] | null>
  /** Reason refs for the catalogue's own codes, decided by the user, group, safety floor or a case. */
  refs: {
    userPreference: ReasonRef
    userMuted: ReasonRef
    groupSetting: ReasonRef
    safety: ReadonlyMap<string, ReasonRef>
  }
}

export const CATEGORY_COUNT = CATEGORIES.length
export const SCENARIO_INDEX: Readonly<Record<string, number>> = Object.fromEntries(
  SCENARIOS.map((s, i) => [s, i]),
)
export const CATEGORY_INDEX: Readonly<Record<string, number>> = Object.fromEntries(
  CATEGORIES.map((c, i) => [c, i]),
)
export const VERDICT_BIT: Readonly<Record<string, number>> = Object.fromEntries(
  VERDICTS.map((v, i) => [v, 1 << i]),
)
export const GRADE_BIT: Readonly<Record<string, number>> = Object.fromEntries(
  GRADES.map((g, i) => [g, 1 << i]),
)
const ALL = 0xffff

function mask(values: readonly string[] | undefined, bits: Readonly<Record<string, number>>): number {
  return values === undefined ? ALL : values.reduce((m, v) => m | (bits[v] ?? 0), 0)
}

function reasonRefs(
  codes: readonly string[] | undefined,
  catalogue: ReasonCatalogue,
  decidedBy: DecidedBy,
): ReasonRef[] {
  return (codes ?? []).map((code) =>
    Object.freeze({ code, kind: catalogue.byCode.get(code)?.kind ?? 'policy', decidedBy }),
  )
}

function compileRule(
  rule: Rule | (Outcome & { id: string }),
  catalogue: ReasonCatalogue,
  by: DecidedBy,
  label: string,
  locked: boolean,
): CompiledRule {
  const match = 'match' in rule ? rule.match : undefined
  const percent = match?.rollout?.percent
  const preferences = 'preferences' in rule ? rule.preferences : undefined
  return {
    id: rule.id,
    rank: ACTION_RANK[rule.action],
    reasons: Object.freeze(reasonRefs(rule.reasons, catalogue, by)),
    card: rule.presentation?.card,
    openInApp: rule.presentation?.openInApp,
    locked: locked || preferences === 'stricter-only',
    verdictMask: mask(match?.verdicts, VERDICT_BIT),
    gradeMask: mask(match?.grades, GRADE_BIT),
    rolloutBelow:
      percent === undefined || percent >= 100 ? null : Math.round(percent * (ROLLOUT_BUCKETS / 100)),
    versionMin: match?.clientVersion?.min === undefined ? null : parseClientVersion(match.clientVersion.min),
    versionBelow:
      match?.clientVersion?.below === undefined ? null : parseClientVersion(match.clientVersion.below),
    trace: `${label} ${rule.id} → ${rule.action}`,
  }
}

/** Index rules by scenario × category, keeping their order, so evaluation scans only candidates. */
function tabulate(rules: readonly Rule[], compiled: readonly CompiledRule[]): CompiledRule[][] {
  const table: CompiledRule[][] = []
  for (const [s, scenario] of SCENARIOS.entries()) {
    for (const category of CATEGORIES) {
      table[s * CATEGORY_COUNT + (CATEGORY_INDEX[category] ?? 0)] = compiled.filter((_, i) => {
        const m = rules[i]?.match
        return (m?.scenarios?.includes(scenario) ?? true) && (m?.categories?.includes(category) ?? true)
      })
    }
  }
  return table
}

const ACTION_BOUND = (b: ScenarioBounds): { user: number; group: number } => ({
  user: ACTION_RANK[b.loosestUser],
  group: ACTION_RANK[b.loosestGroup],
})

/**
 * Prepare a validated policy for fast evaluation: rules indexed by scenario × category, masks for
 * verdicts and grades, frozen reason references.
 * @example const compiled = compilePolicy(policy, catalogue); evaluatePolicy(compiled, input)
 */
export function compilePolicy(policy: Policy, catalogue: ReasonCatalogue): CompiledPolicy {
  const byPolicy: DecidedBy = Object.freeze({ type: 'policy', version: policy.version })
  const safety: DecidedBy = Object.freeze({ type: 'safety' })
  const standingRules = policy.standingRules.map((r) =>
    compileRule(r, catalogue, byPolicy, 'standing', false),
  )
  const phases = phaseSpans(policy).map(({ phase, from, to }) => {
    const rules = phase.rules.map((r) => compileRule(r, catalogue, byPolicy, 'rule', false))
    return {
      id: phase.id,
      from,
      to,
      minClientVersion:
        phase.minClientVersion === undefined ? null : parseClientVersion(phase.minClientVersion),
      preferencesEffective: phase.preferencesEffective,
      table: tabulate(phase.rules, rules),
      trace: `phase ${phase.id}`,
    }
  })
  const exemptions = new Map<string, CompiledExemption[]>()
  for (const e of policy.exemptions) {
    const list = exemptions.get(e.provider) ?? []
    list.push({
      rule: compileRule({ ...e, presentation: undefined }, catalogue, byPolicy, 'exemption', false),
      scenarios: e.scenarios === undefined ? null : new Set(e.scenarios),
      categories: e.categories === undefined ? null : new Set(e.categories),
      from:
        e.from === undefined
          ? Number.NEGATIVE_INFINITY
          : (parsePolicyTime(e.from) ?? Number.POSITIVE_INFINITY),
      until:
        e.until === undefined
          ? Number.POSITIVE_INFINITY
          : (parsePolicyTime(e.until) ?? Number.NEGATIVE_INFINITY),
    })
    exemptions.set(e.provider, list)
  }
  const ref = (code: string, decidedBy: DecidedBy): ReasonRef =>
    Object.freeze({ code, kind: catalogue.byCode.get(code)?.kind ?? 'policy', decidedBy })
  return {
    policy,
    catalogue,
    version: policy.version,
    salt: policy.salt,
    phases,
    standing: tabulate(policy.standingRules, standingRules),
    outsidePhases: compileRule(
      { ...policy.outsidePhases, id: 'outside-phases' },
      catalogue,
      byPolicy,
      'policy',
      true,
    ),
    previous: compileRule({ ...policy.previous, id: 'previous' }, catalogue, byPolicy, 'policy', true),
    noRuleMatched: compileRule(
      { id: 'no-rule-matched', action: 'open', reasons: [] },
      catalogue,
      byPolicy,
      'policy',
      false,
    ),
    floorMalicious: compileRule(
      { ...policy.floor.malicious, id: 'malicious' },
      catalogue,
      safety,
      'floor',
      true,
    ),
    floorSuspicious: compileRule(
      { ...policy.floor.suspicious, id: 'suspicious' },
      catalogue,
      safety,
      'floor',
      true,
    ),
    exemptions,
    bounds: {
      direct: ACTION_BOUND(policy.preferenceBounds.direct),
      group: ACTION_BOUND(policy.preferenceBounds.group),
      feed: ACTION_BOUND(policy.preferenceBounds.feed),
      channel: ACTION_BOUND(policy.preferenceBounds.channel),
    },
    defaultCard: policy.presentation.card,
    defaultOpenInApp: policy.presentation.openInApp,
    versionMemo: new Map(),
    refs: {
      userPreference: ref('USER_PREFERENCE', Object.freeze({ type: 'user' })),
      userMuted: ref('USER_MUTED_PROVIDER', Object.freeze({ type: 'user' })),
      groupSetting: ref('GROUP_SETTING', Object.freeze({ type: 'group' })),
      safety: new Map(
        catalogue.reasons
          .filter((r) => r.kind === 'safety')
          .map((r) => [r.code, ref(r.code, safety)] as const),
      ),
    },
  }
}
