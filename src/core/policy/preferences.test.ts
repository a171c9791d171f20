import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { compilePolicy } from './compile-policy.js'
import type { CaseAction, LinkFacts } from './decision.js'
import { evaluatePolicy } from './evaluate-policy.js'
import type { GroupSettings, UserPreferences } from './preferences.js'
import { loadReasonCatalogueFromYamlText } from './reason-catalogue.js'
import { validatePolicy } from './validate-policy.js'
import { validateGroupSettings, validatePreferences } from './validate-preferences.js'
import type { Action, CardStyle, Category, Grade, Scenario, Verdict } from '../vocabulary.js'

const catalogueResult = loadReasonCatalogueFromYamlText(readFileSync('data/reasons.yaml', 'utf8'))
if (!catalogueResult.ok) throw new Error('catalogue')
const catalogue = catalogueResult.value
const defaultDoc = parse(readFileSync('data/default-policy.yaml', 'utf8'))
const policyResult = validatePolicy(defaultDoc, catalogue)
if (!policyResult.ok) throw new Error('policy')
const policy = policyResult.value
const compiled = compilePolicy(policy, catalogue)

const TODAY = '2026-11-22T12:00+08:00'
const PHASE_1 = '2021-10-01T12:00+08:00'

function prefs(p: Partial<UserPreferences>): UserPreferences {
  return { byScenario: {}, trustedProviders: [], mutedProviders: [], systemBrowser: false, ...p }
}
const fraudBlock: CaseAction = {
  action: 'block',
  reason: 'CONTENT_FRAUD',
  scope: 'link',
  caseId: 'c-1',
  automated: false,
}

interface Row {
  name: string
  scenario: Scenario
  category?: Category
  verdict?: Verdict
  grade?: Grade
  at?: string
  clientVersion?: string
  caseActions?: CaseAction[]
  user?: Partial<UserPreferences>
  group?: GroupSettings
  action: Action
  reasons: string[]
  card?: CardStyle
}

// prettier-ignore
const ROWS: Row[] = [
  // Stricter choices always apply.
  { name: 'user warns on links the platform opens', scenario: 'direct', user: { byScenario: { direct: { '*': 'warn' } } }, action: 'warn', reasons: ['USER_PREFERENCE'] },
  { name: 'group owner warns on e-commerce', scenario: 'group', group: { defaults: { 'e-commerce': 'warn' } }, action: 'warn', reasons: ['GROUP_SETTING'] },
  { name: 'user stricter than an opening group owner', scenario: 'group', group: { defaults: { '*': 'open' } }, user: { byScenario: { group: { 'e-commerce': 'warn' } } }, action: 'warn', reasons: ['USER_PREFERENCE'] },
  { name: 'muting a provider warns and hides its card', scenario: 'direct', user: { mutedProviders: ['jd'] }, action: 'warn', reasons: ['USER_MUTED_PROVIDER'], card: 'none' },
  { name: 'hide-card keeps the action and hides the card', scenario: 'direct', user: { byScenario: { direct: { 'e-commerce': 'hide-card' } } }, action: 'open', reasons: [], card: 'none' },
  { name: 'stricter applies even before preferences take effect', scenario: 'direct', at: PHASE_1, user: { byScenario: { direct: { '*': 'warn' } } }, action: 'warn', reasons: ['POLICY_PHASE1_INTERSTITIAL'] },
  { name: 'the exact category beats *', scenario: 'direct', category: 'video', user: { byScenario: { direct: { '*': 'warn', 'e-commerce': 'open' } } }, action: 'warn', reasons: ['USER_PREFERENCE'] },
  // Looser only within the bounds.
  { name: 'user opens group links of other categories (bound: open)', scenario: 'group', category: 'video', user: { byScenario: { group: { video: 'open' } } }, action: 'open', reasons: [] },
  { name: 'group owner opens other categories (bound: open)', scenario: 'group', category: 'news', group: { defaults: { '*': 'open' } }, action: 'open', reasons: [] },
  { name: 'trusting a provider opens its group links', scenario: 'group', category: 'video', user: { trustedProviders: ['jd'] }, action: 'open', reasons: [] },
  { name: 'user cannot open feed links (bound: warn)', scenario: 'feed', user: { byScenario: { feed: { '*': 'open' } } }, action: 'warn', reasons: ['POLICY_FEED_INTERSTITIAL'] },
  { name: 'trust cannot open feed links either', scenario: 'feed', user: { trustedProviders: ['jd'] }, action: 'warn', reasons: ['POLICY_FEED_INTERSTITIAL'] },
  { name: 'group owner outranks a looser user', scenario: 'group', group: { defaults: { 'e-commerce': 'warn' } }, user: { byScenario: { group: { '*': 'open' } } }, action: 'warn', reasons: ['GROUP_SETTING'] },
  { name: 'a group owner keeping the platform warn holds users to it', scenario: 'group', category: 'video', group: { defaults: { '*': 'warn' } }, user: { trustedProviders: ['jd'] }, action: 'warn', reasons: ['POLICY_GROUP_NON_ECOMMERCE'] },
  { name: 'grade rules are stricter-only', scenario: 'direct', grade: 'D', user: { trustedProviders: ['jd'], byScenario: { direct: { '*': 'open' } } }, action: 'warn', reasons: ['GRADE_D'] },
  { name: 'no loosening in phase 1', scenario: 'group', category: 'video', at: PHASE_1, user: { byScenario: { group: { '*': 'open' } } }, action: 'warn', reasons: ['POLICY_PHASE1_INTERSTITIAL'] },
  { name: 'no loosening before any phase', scenario: 'direct', at: '2021-01-01T00:00+08:00', user: { trustedProviders: ['jd'] }, action: 'warn', reasons: ['POLICY_PRE_PHASE'] },
  { name: 'no loosening for an outdated client', scenario: 'direct', clientVersion: '7.0.1', user: { byScenario: { direct: { '*': 'open' } } }, action: 'warn', reasons: ['POLICY_CLIENT_OUTDATED'] },
  // Never past the floor, and never past a case action.
  { name: 'malicious stays blocked for a trusting user', scenario: 'direct', verdict: 'malicious', user: { trustedProviders: ['jd'], byScenario: { direct: { '*': 'open' } } }, action: 'block', reasons: ['SAFETY_MALICIOUS_FEED'], card: 'none' },
  { name: 'suspicious still warns when group and user open', scenario: 'group', verdict: 'suspicious', group: { defaults: { '*': 'open' } }, user: { byScenario: { group: { '*': 'open' } } }, action: 'warn', reasons: ['SAFETY_SUSPICIOUS'] },
  { name: 'a case block beats a trusting user', scenario: 'group', caseActions: [fraudBlock], user: { trustedProviders: ['jd'] }, action: 'block', reasons: ['CONTENT_FRAUD'] },
  { name: 'user strictness adds to a case warning', scenario: 'direct', caseActions: [{ ...fraudBlock, action: 'warn', reason: 'CASE_PENDING_REVIEW' }], user: { byScenario: { direct: { '*': 'warn' } } }, action: 'warn', reasons: ['CASE_PENDING_REVIEW', 'USER_PREFERENCE'] },
  { name: 'group settings do nothing outside groups', scenario: 'direct', group: { defaults: { '*': 'warn' } }, action: 'open', reasons: [] },
]

describe('preferences within bounds (default policy)', () => {
  it.each(ROWS)('$name', (row) => {
    const link: LinkFacts = {
      provider: 'jd',
      category: row.category ?? 'e-commerce',
      verdict: row.verdict ?? 'clean',
      grade: row.grade ?? 'none',
      ...(row.caseActions ? { caseActions: row.caseActions } : {}),
    }
    const d = evaluatePolicy(compiled, {
      link,
      scenario: row.scenario,
      at: new Date(row.at ?? TODAY),
      userId: 'u-1',
      ...(row.clientVersion ? { clientVersion: row.clientVersion } : {}),
      ...(row.user ? { userPreferences: prefs(row.user) } : {}),
      ...(row.group ? { groupSettings: row.group } : {}),
    })
    expect(d.action).toBe(row.action)
    expect(d.reasons.map((r) => r.code)).toEqual(row.reasons)
    if (row.card) expect(d.card).toBe(row.card)
  })

  it('says in the trace when a looser choice was not applied, and why', () => {
    const link: LinkFacts = { provider: 'jd', category: 'video', verdict: 'clean', grade: 'none' }
    const userPreferences = prefs({ byScenario: { group: { '*': 'open' } } })
    const phase1 = evaluatePolicy(compiled, {
      link,
      scenario: 'group',
      at: new Date(PHASE_1),
      userPreferences,
    })
    expect(phase1.trace).toContain('user preference not applied: preferences are not in effect')
    const feed = evaluatePolicy(compiled, {
      link,
      scenario: 'feed',
      at: new Date(TODAY),
      userPreferences: prefs({ byScenario: { feed: { '*': 'open' } } }),
    })
    expect(feed.trace).toContain('user preference → warn (within bounds)')
  })

  it('opens in the system browser only when the user chose it, and never for a blocked link', () => {
    const link: LinkFacts = { provider: 'jd', category: 'e-commerce', verdict: 'clean', grade: 'none' }
    const at = new Date(TODAY)
    const userPreferences = prefs({ systemBrowser: true })
    expect(evaluatePolicy(compiled, { link, scenario: 'direct', at, userPreferences }).external).toBe(true)
    expect(evaluatePolicy(compiled, { link, scenario: 'feed', at, userPreferences }).external).toBe(true)
    expect(
      evaluatePolicy(compiled, {
        link: { ...link, verdict: 'malicious' },
        scenario: 'direct',
        at,
        userPreferences,
      }).external,
    ).toBe(false)
  })
})

describe('validatePreferences', () => {
  it('accepts choices within the bounds and any stricter choice', () => {
    const result = validatePreferences(policy, {
      byScenario: {
        direct: { '*': 'open' },
        group: { video: 'open' },
        feed: { '*': 'warn', news: 'hide-card' },
      },
      trustedProviders: ['jd'],
      systemBrowser: true,
    })
    expect(result.ok).toBe(true)
    if (result.ok) expect(result.value.mutedProviders).toEqual([])
  })

  it('refuses opening feed links, with the path of the offending choice', () => {
    const result = validatePreferences(policy, { byScenario: { feed: { '*': 'open' } } })
    expect(result).toEqual({
      ok: false,
      issues: [
        expect.objectContaining({ code: 'preference_out_of_bounds', path: ['byScenario', 'feed', '*'] }),
      ],
    })
  })

  it('refuses unknown categories, unknown scenarios, bad values and trusting a muted provider', () => {
    const codes = (p: unknown) => {
      const r = validatePreferences(policy, p)
      return r.ok ? [] : r.issues.map((i) => i.code)
    }
    expect(codes({ byScenario: { direct: { crypto: 'open' } } })).toEqual(['preference_unknown_category'])
    expect(codes({ byScenario: { email: { '*': 'open' } } })).toEqual(['preference_invalid'])
    expect(codes({ byScenario: { direct: { '*': 'block-forever' } } })).toEqual(['preference_invalid'])
    expect(codes({ trustedProviders: ['jd'], mutedProviders: ['jd'] })).toEqual(['preference_conflict'])
  })

  it('holds group owners to the group bound', () => {
    const strict = structuredClone(defaultDoc)
    strict.preferenceBounds.group.loosestGroup = 'warn'
    const strictPolicy = validatePolicy(strict, catalogue)
    if (!strictPolicy.ok) throw new Error('policy')
    expect(validateGroupSettings(policy, { defaults: { '*': 'open' } }).ok).toBe(true)
    const refused = validateGroupSettings(strictPolicy.value, { defaults: { '*': 'open', video: 'warn' } })
    expect(refused.ok ? [] : refused.issues.map((i) => [i.code, i.path])).toEqual([
      ['preference_out_of_bounds', ['defaults', '*']],
    ])
    // Evaluation clamps a stored setting that a later policy tightened: warn, not open.
    const link: LinkFacts = { provider: 'x', category: 'video', verdict: 'clean', grade: 'none' }
    const d = evaluatePolicy(compilePolicy(strictPolicy.value, catalogue), {
      link,
      scenario: 'group',
      at: new Date(TODAY),
      groupSettings: { defaults: { '*': 'open' } },
    })
    expect(d.action).toBe('warn')
  })
})
