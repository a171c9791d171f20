import { actionOfRank, ACTION_RANK } from './action-order.js'
import { compareClientVersions, parseClientVersion } from './client-version.js'
import {
  CATEGORY_COUNT,
  CATEGORY_INDEX,
  GRADE_BIT,
  SCENARIO_INDEX,
  VERDICT_BIT,
  type CompiledPhase,
  type CompiledPolicy,
  type CompiledRule,
} from './compile-policy.js'
import type { Decision, LinkFacts, PolicyInput, ReasonRef } from './decision.js'
import { choiceFor } from './preferences.js'
import { rolloutBucket } from './rollout.js'
import type { CardStyle } from '../vocabulary.js'

const OTHER_INDEX = CATEGORY_INDEX.other ?? 0
const VERSION_MEMO_LIMIT = 1024
const NO_REASONS: readonly ReasonRef[] = Object.freeze([])
const ACTION_NAMES = ['open', 'warn', 'block'] as const

/** Per-evaluation facts that cost something to compute (a SHA-256, a version parse), worked out on first use. */
class Lazy {
  private bucketValue: number | null | undefined
  private versionValue: readonly number[] | null | undefined

  constructor(
    private readonly input: PolicyInput,
    private readonly compiled: CompiledPolicy,
  ) {}

  bucket(): number | null {
    if (this.bucketValue === undefined) {
      this.bucketValue =
        this.input.userId === undefined ? null : rolloutBucket(this.input.userId, this.compiled.salt)
    }
    return this.bucketValue
  }

  /** undefined: the client sent no version; null: it sent one we cannot read. */
  version(): readonly number[] | null | undefined {
    const text = this.input.clientVersion
    if (text === undefined) return undefined
    if (this.versionValue === undefined) {
      const memo = this.compiled.versionMemo
      let parsed = memo.get(text)
      if (parsed === undefined) {
        parsed = parseClientVersion(text)
        if (memo.size >= VERSION_MEMO_LIMIT) memo.clear()
        memo.set(text, parsed)
      }
      this.versionValue = parsed
    }
    return this.versionValue
  }
}

function ruleMatches(r: CompiledRule, verdictBit: number, gradeBit: number, lazy: Lazy): boolean {
  if ((r.verdictMask & verdictBit) === 0 || (r.gradeMask & gradeBit) === 0) return false
  if (r.rolloutBelow !== null) {
    const bucket = lazy.bucket()
    if (bucket === null || bucket >= r.rolloutBelow) return false
  }
  if (r.versionMin !== null || r.versionBelow !== null) {
    const v = lazy.version()
    if (v === null) return false
    if (v !== undefined) {
      if (r.versionMin !== null && compareClientVersions(v, r.versionMin) < 0) return false
      if (r.versionBelow !== null && compareClientVersions(v, r.versionBelow) >= 0) return false
    }
  }
  return true
}

function phaseIn(phases: readonly CompiledPhase[], ms: number): CompiledPhase | null {
  for (const p of phases) if (p.from <= ms && ms < p.to) return p
  return null
}

/** An unreadable version counts as outdated: the platform cannot tell that the client renders the new flows. */
function isOutdated(phase: CompiledPhase, lazy: Lazy): boolean {
  if (phase.minClientVersion === null) return false
  const v = lazy.version()
  return v === null || (v !== undefined && compareClientVersions(v, phase.minClientVersion) < 0)
}

function exemptionFor(compiled: CompiledPolicy, input: PolicyInput, ms: number): CompiledRule | null {
  const provider = input.link.provider
  if (provider === null || compiled.exemptions.size === 0) return null
  for (const e of compiled.exemptions.get(provider) ?? []) {
    if (ms < e.from || ms >= e.until) continue
    if (e.scenarios !== null && !e.scenarios.has(input.scenario)) continue
    if (e.categories !== null && !e.categories.has(input.link.category)) continue
    return e.rule
  }
  return null
}

function safetyReasons(
  compiled: CompiledPolicy,
  floor: CompiledRule,
  link: LinkFacts,
  trace: string[],
): readonly ReasonRef[] {
  const signals = link.safetySignals
  if (signals === undefined || signals.length === 0) return floor.reasons
  const out: ReasonRef[] = []
  for (const r of floor.reasons) {
    const signal = signals.find((s) => s.code === r.code)
    out.push(signal?.detail === undefined ? r : { ...r, detail: signal.detail })
  }
  for (const s of signals) {
    if (out.some((r) => r.code === s.code)) continue
    const ref = compiled.refs.safety.get(s.code)
    if (ref === undefined) trace.push(`signal ${s.code} is not in the catalogue; cited as the floor reason`)
    else out.push(s.detail === undefined ? ref : { ...ref, detail: s.detail })
  }
  return out
}

const NO_CASES = Object.freeze({ rank: 0, reasons: NO_REASONS })

function caseReasons(
  compiled: CompiledPolicy,
  input: PolicyInput,
  trace: string[],
): { rank: number; reasons: readonly ReasonRef[] } {
  if (input.link.caseActions === undefined || input.link.caseActions.length === 0) return NO_CASES
  let rank = 0
  const reasons: ReasonRef[] = []
  for (const a of input.link.caseActions ?? []) {
    if (a.scenarios !== undefined && !a.scenarios.includes(input.scenario)) continue
    rank = Math.max(rank, a.action === 'warn' ? ACTION_RANK.warn : ACTION_RANK.block)
    const entry = compiled.catalogue.byCode.get(a.reason)
    const decidedBy = { type: 'case', caseId: a.caseId, automated: a.automated } as const
    // A case citing an uncatalogued code still restricts, under the catch-all reason with the code kept as detail.
    reasons.push(
      entry === undefined
        ? { code: 'CONTENT_OTHER', kind: 'content', decidedBy, detail: a.reason }
        : { code: a.reason, kind: entry.kind, decidedBy },
    )
    trace.push(`case ${a.caseId} (${a.scope}${a.automated ? ', automated' : ''}) → ${a.action}`)
  }
  return { rank, reasons }
}

/**
 * Decide how one link opens in one scenario for one user at time `at`. Pure and deterministic.
 * Precedence: safety floor > case actions > platform rules > group settings > user preferences,
 * with loosening held within the policy's preference bounds.
 * @example evaluatePolicy(compiled, { link, scenario: 'group', at: new Date() }).action // 'open' | 'warn' | 'block'
 */
export function evaluatePolicy(compiled: CompiledPolicy, input: PolicyInput): Decision {
  const { link, scenario } = input
  const ms = input.at.getTime()
  const trace: string[] = []
  const lazy = new Lazy(input, compiled)
  const verdictBit = VERDICT_BIT[link.verdict] ?? 0
  const gradeBit = GRADE_BIT[link.grade] ?? 0
  const cell =
    (SCENARIO_INDEX[scenario] ?? 0) * CATEGORY_COUNT + (CATEGORY_INDEX[link.category] ?? OTHER_INDEX)

  // Platform rules: the phase's first matching rule (or a declared exemption), plus every standing rule.
  const phase = phaseIn(compiled.phases, ms)
  let base: CompiledRule
  let mayLoosen = false
  if (phase === null) {
    base = compiled.outsidePhases
  } else {
    trace.push(phase.trace)
    if (isOutdated(phase, lazy)) {
      base = compiled.previous
    } else {
      base = compiled.noRuleMatched
      for (const r of phase.table[cell] ?? []) {
        if (ruleMatches(r, verdictBit, gradeBit, lazy)) {
          base = r
          break
        }
      }
      base = exemptionFor(compiled, input, ms) ?? base
      mayLoosen = phase.preferencesEffective
    }
  }
  trace.push(base.trace)
  const platform: CompiledRule[] = [base]
  let locked = base.locked ? base.rank : 0
  let rank = base.rank
  let card: CardStyle = base.card ?? compiled.defaultCard
  let openInApp = base.openInApp ?? compiled.defaultOpenInApp
  for (const r of compiled.standing[cell] ?? []) {
    if (!ruleMatches(r, verdictBit, gradeBit, lazy)) continue
    trace.push(r.trace)
    platform.push(r)
    rank = Math.max(rank, r.rank)
    if (r.locked) locked = Math.max(locked, r.rank)
    card = r.card ?? card
    openInApp = r.openInApp ?? openInApp
  }
  const bounds = compiled.bounds[scenario]
  let hideCard = false

  // Group owner's defaults (group scenario only): stricter always; looser within bounds, never past locked rules.
  let groupRank = 0
  let groupRaised = false
  const groupChoice =
    scenario === 'group' ? choiceFor(input.groupSettings?.defaults, link.category) : undefined
  if (groupChoice === 'hide-card') {
    hideCard = true
    trace.push('group setting hide-card')
  } else if (groupChoice !== undefined) {
    groupRank = ACTION_RANK[groupChoice]
    if (groupRank > rank) {
      rank = groupRank
      groupRaised = true
      trace.push(`group setting → ${groupChoice}`)
    } else if (groupRank < rank && !mayLoosen) {
      trace.push(`group setting ${groupChoice} not applied: preferences are not in effect`)
    } else if (groupRank < rank) {
      const next = Math.max(groupRank, bounds.group, locked)
      trace.push(`group setting ${groupChoice} → ${ACTION_NAMES[next] ?? 'block'} (within bounds)`)
      rank = Math.min(rank, next)
    }
  }

  // The user's own choices: a muted provider warns without a card; a trusted one asks to open.
  let userReason: ReasonRef | null = null
  const prefs = input.userPreferences
  if (prefs !== undefined) {
    const provider = link.provider
    const choice = choiceFor(prefs.byScenario[scenario], link.category)
    let wanted: number | null = choice === 'open' ? 0 : choice === 'warn' ? 1 : null
    let why = 'user preference'
    let ref = compiled.refs.userPreference
    if (choice === 'hide-card') hideCard = true
    if (provider !== null && prefs.mutedProviders.includes(provider)) {
      wanted = ACTION_RANK.warn
      hideCard = true
      why = 'user muted provider'
      ref = compiled.refs.userMuted
    } else if (provider !== null && prefs.trustedProviders.includes(provider)) {
      wanted = ACTION_RANK.open
      why = 'user trusted provider'
    }
    if (wanted !== null && wanted > rank) {
      rank = wanted
      userReason = ref
      trace.push(`${why} → ${ACTION_NAMES[wanted] ?? 'block'}`)
    } else if (wanted !== null && wanted < rank && !mayLoosen) {
      trace.push(`${why} not applied: preferences are not in effect`)
    } else if (wanted !== null && wanted < rank) {
      // Group settings outrank the user: a user cannot loosen past what the group owner chose.
      const next = Math.max(wanted, bounds.user, locked, groupRank)
      trace.push(`${why} → ${ACTION_NAMES[next] ?? 'block'} (within bounds)`)
      rank = Math.min(rank, next)
    } else if (hideCard && choice === 'hide-card') {
      trace.push('user preference hide-card')
    }
  }
  const afterPreferences = rank

  // Reviewed case actions override everything except the floor; they can only restrict.
  const cases = caseReasons(compiled, input, trace)
  rank = Math.max(rank, cases.rank)

  // The safety floor is applied last so that nothing above can ever open past it.
  const floor =
    link.verdict === 'malicious'
      ? compiled.floorMalicious
      : link.verdict === 'suspicious'
        ? compiled.floorSuspicious
        : null
  let safety: readonly ReasonRef[] = NO_REASONS
  if (floor !== null) {
    trace.push(floor.trace)
    rank = Math.max(rank, floor.rank)
    card = floor.card ?? card
    openInApp = floor.openInApp ?? openInApp
    safety = safetyReasons(compiled, floor, link, trace)
  }

  const action = actionOfRank(rank)
  if (action === 'block') {
    card = 'none'
    openInApp = false
  } else if (hideCard) {
    card = 'none'
  }
  const external = prefs?.systemBrowser === true && action !== 'block'
  if (external) trace.push('user chose the system browser')

  const reasons: ReasonRef[] = []
  if (action !== 'open') {
    for (const r of safety) reasons.push(r)
    for (const r of cases.reasons) reasons.push(r)
    if (afterPreferences > 0) {
      for (const r of platform) if (r.rank > 0) reasons.push(...r.reasons)
      if (groupRaised) reasons.push(compiled.refs.groupSetting)
      if (userReason !== null) reasons.push(userReason)
    }
  }
  return {
    action,
    reasons,
    policyVersion: compiled.version,
    phaseId: phase?.id ?? null,
    card,
    openInApp,
    external,
    trace,
  }
}
