import { ACTION_RANK } from './action-order.js'
import { parseClientVersion } from './client-version.js'
import { PolicyDocumentSchema, type Outcome, type Policy, type Rule } from './policy-schema.js'
import { parsePolicyTime } from './policy-time.js'
import type { ReasonCatalogue } from './reason-catalogue.js'
import { findHostLikeToken, scanPolicyRules, type RuleScanOptions } from './rule-scan.js'
import { zodIssues } from './zod-issues.js'
import { fail, ok, type Issue, type Result } from '../result.js'
import { isCategory } from '../vocabulary.js'

type Path = (string | number)[]

class PolicyChecker {
  readonly issues: Issue[] = []
  private readonly ids = new Set<string>()

  constructor(private readonly catalogue: ReasonCatalogue) {}

  push(code: string, path: Path, message: string): void {
    this.issues.push({ code, path, message })
  }

  id(id: string, path: Path): void {
    if (this.ids.has(id)) this.push('policy_duplicate_id', path, `id "${id}" is used twice`)
    this.ids.add(id)
  }

  reasons(codes: readonly string[] | undefined, action: string, path: Path): void {
    if (action !== 'open' && (codes === undefined || codes.length === 0)) {
      this.push('policy_reason_missing', path, `a "${action}" action must state at least one reason`)
    }
    codes?.forEach((code, i) => {
      if (!this.catalogue.byCode.has(code)) {
        this.push(
          'policy_unknown_reason',
          [...path, 'reasons', i],
          `"${code}" is not in the reason catalogue`,
        )
      }
    })
  }

  categories(categories: readonly string[] | undefined, path: Path): void {
    categories?.forEach((c, i) => {
      if (!isCategory(c)) this.push('policy_unknown_category', [...path, i], `"${c}" is not a link category`)
    })
  }

  version(text: string | undefined, path: Path): void {
    if (text !== undefined && parseClientVersion(text) === null) {
      this.push('policy_invalid', path, `"${text}" is not a dotted client version`)
    }
  }

  rule(rule: Rule, path: Path): void {
    this.id(rule.id, [...path, 'id'])
    this.reasons(rule.reasons, rule.action, path)
    this.categories(rule.match?.categories, [...path, 'match', 'categories'])
    this.version(rule.match?.clientVersion?.min, [...path, 'match', 'clientVersion', 'min'])
    this.version(rule.match?.clientVersion?.below, [...path, 'match', 'clientVersion', 'below'])
  }

  outcome(outcome: Outcome, path: Path): void {
    this.reasons(outcome.reasons, outcome.action, path)
  }

  time(text: string | undefined, path: Path): number | null {
    if (text === undefined) return null
    const ms = parsePolicyTime(text)
    if (ms === null) this.push('policy_invalid', path, `"${text}" is not an ISO 8601 date-time`)
    return ms
  }
}

function checkPhases(policy: Policy, check: PolicyChecker): void {
  const spans: { index: number; id: string; from: number; to: number }[] = []
  policy.phases.forEach((phase, i) => {
    const path = ['phases', i]
    check.id(phase.id, [...path, 'id'])
    check.version(phase.minClientVersion, [...path, 'minClientVersion'])
    phase.rules.forEach((rule, j) => check.rule(rule, [...path, 'rules', j]))
    const from = check.time(phase.from, [...path, 'from'])
    const to = check.time(phase.to, [...path, 'to'])
    if (from === null) return
    if (to !== null && to <= from)
      check.push('policy_invalid', [...path, 'to'], 'a phase must end after it starts')
    spans.push({ index: i, id: phase.id, from, to: to ?? Number.POSITIVE_INFINITY })
  })
  // A phase without `to` runs until the next one starts; only an explicit end past the next start overlaps.
  spans.sort((a, b) => a.from - b.from)
  for (let i = 1; i < spans.length; i++) {
    const prev = spans[i - 1]
    const next = spans[i]
    if (prev === undefined || next === undefined) continue
    const explicitEnd = policy.phases[prev.index]?.to !== undefined
    if (next.from === prev.from || (explicitEnd && prev.to > next.from)) {
      check.push(
        'policy_phases_overlap',
        ['phases', next.index, 'from'],
        `"${next.id}" starts inside "${prev.id}"`,
      )
    }
  }
}

function checkFloor(policy: Policy, check: PolicyChecker): void {
  check.outcome(policy.floor.malicious, ['floor', 'malicious'])
  check.outcome(policy.floor.suspicious, ['floor', 'suspicious'])
  if (policy.floor.malicious.action !== 'block') {
    check.push(
      'policy_floor_too_weak',
      ['floor', 'malicious', 'action'],
      'malicious links must always be blocked',
    )
  }
  if (ACTION_RANK[policy.floor.suspicious.action] < ACTION_RANK.warn) {
    check.push(
      'policy_floor_too_weak',
      ['floor', 'suspicious', 'action'],
      'suspicious links must at least warn',
    )
  }
}

/**
 * Validate a policy document against the schema, the reason catalogue and Hutong's fairness rules.
 * Issue codes: policy_invalid, policy_names_provider, policy_forces_external, policy_adds_copy_step,
 * policy_reason_missing, policy_unknown_category, policy_unknown_reason, policy_phases_overlap,
 * policy_floor_too_weak, policy_duplicate_id.
 * @example validatePolicy(parse(yamlText), catalogue, { providerIds: registry.ids })
 */
export function validatePolicy(
  doc: unknown,
  catalogue: ReasonCatalogue,
  options: RuleScanOptions = {},
): Result<Policy> {
  const fairness = scanPolicyRules(doc, options)
  const parsed = PolicyDocumentSchema.safeParse(doc)
  if (!parsed.success) return fail(...fairness, ...zodIssues(parsed.error, 'policy_invalid'))
  const policy = parsed.data
  const check = new PolicyChecker(catalogue)
  check.issues.push(...fairness)
  checkFloor(policy, check)
  check.outcome(policy.outsidePhases, ['outsidePhases'])
  check.outcome(policy.previous, ['previous'])
  policy.standingRules.forEach((rule, i) => check.rule(rule, ['standingRules', i]))
  checkPhases(policy, check)
  policy.exemptions.forEach((exemption, i) => {
    const path = ['exemptions', i]
    check.id(exemption.id, [...path, 'id'])
    if (findHostLikeToken(exemption.provider) !== null) {
      check.push(
        'policy_invalid',
        [...path, 'provider'],
        'an exemption names a provider by registry id, not by domain',
      )
    }
    check.reasons(exemption.reasons, exemption.action, path)
    check.categories(exemption.categories, [...path, 'categories'])
    check.time(exemption.from, [...path, 'from'])
    check.time(exemption.until, [...path, 'until'])
  })
  return check.issues.length > 0 ? fail(...check.issues) : ok(policy)
}
