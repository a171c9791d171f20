import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { ACTION_RANK } from './action-order.js'
import { compilePolicy } from './compile-policy.js'
import type { CaseAction, PolicyInput } from './decision.js'
import { evaluatePolicy } from './evaluate-policy.js'
import { PREFERENCE_CHOICES, type UserPreferences } from './preferences.js'
import { loadReasonCatalogueFromYamlText } from './reason-catalogue.js'
import { validatePolicy } from './validate-policy.js'
import { CATEGORIES, GRADES, SCENARIOS, VERDICTS, type Action } from '../vocabulary.js'

const catalogueResult = loadReasonCatalogueFromYamlText(readFileSync('data/reasons.yaml', 'utf8'))
if (!catalogueResult.ok) throw new Error('catalogue')
const catalogue = catalogueResult.value
const CODES = catalogue.reasons.map((r) => r.code)

// Variants of the default policy: any rollout, any preference bounds.
function variant(percent: number, loosest: Action[]) {
  const doc = parse(readFileSync('data/default-policy.yaml', 'utf8'))
  doc.phases[1].rules[1].match.rollout.percent = percent
  SCENARIOS.forEach((s, i) => {
    doc.preferenceBounds[s] = {
      loosestUser: loosest[i % loosest.length],
      loosestGroup: loosest[(i + 1) % loosest.length],
    }
  })
  const result = validatePolicy(doc, catalogue)
  if (!result.ok) throw new Error(JSON.stringify(result.issues))
  return compilePolicy(result.value, catalogue)
}
const POLICIES = [
  variant(100, ['open']),
  variant(30, ['open', 'warn']),
  variant(0, ['warn', 'block', 'open']),
]

const PROVIDERS = ['jd', 'taobao', 'bilibili', 'p4', null] as const
const choices = fc.dictionary(fc.constantFrom('*', ...CATEGORIES), fc.constantFrom(...PREFERENCE_CHOICES), {
  maxKeys: 4,
})
const prefs: fc.Arbitrary<UserPreferences> = fc.record({
  byScenario: fc.dictionary(fc.constantFrom(...SCENARIOS), choices, { maxKeys: 4 }),
  trustedProviders: fc.subarray(['jd', 'taobao', 'bilibili']),
  mutedProviders: fc.subarray(['taobao', 'p4']),
  systemBrowser: fc.boolean(),
})
const caseAction: fc.Arbitrary<CaseAction> = fc.record(
  {
    action: fc.constantFrom('warn', 'block'),
    reason: fc.oneof(fc.constantFrom(...CODES), fc.string()),
    scope: fc.constantFrom('link', 'domain', 'provider'),
    scenarios: fc.subarray([...SCENARIOS], { minLength: 1 }),
    caseId: fc.string({ minLength: 1, maxLength: 8 }),
    automated: fc.boolean(),
  },
  { requiredKeys: ['action', 'reason', 'scope', 'caseId', 'automated'] },
)
const input: fc.Arbitrary<PolicyInput> = fc.record(
  {
    link: fc.record(
      {
        provider: fc.constantFrom(...PROVIDERS),
        category: fc.constantFrom(...CATEGORIES),
        verdict: fc.constantFrom(...VERDICTS),
        grade: fc.constantFrom(...GRADES),
        caseActions: fc.array(caseAction, { maxLength: 3 }),
        safetySignals: fc.array(fc.record({ code: fc.oneof(fc.constantFrom(...CODES), fc.string()) }), {
          maxLength: 3,
        }),
      },
      { requiredKeys: ['provider', 'category', 'verdict', 'grade'] },
    ),
    scenario: fc.constantFrom(...SCENARIOS),
    at: fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }),
    userId: fc.string({ maxLength: 12 }),
    clientVersion: fc.oneof(
      fc.constantFrom('8.0.13', '8.0.14', '8.0.16', '9', 'x'),
      fc.string({ maxLength: 6 }),
    ),
    userPreferences: prefs,
    groupSettings: fc.record({ defaults: choices }),
  },
  { requiredKeys: ['link', 'scenario', 'at'] },
)

describe('evaluatePolicy invariants (any input)', () => {
  it('gives every restriction a catalogued reason and never breaches the floor or a case action', () => {
    fc.assert(
      fc.property(fc.constantFrom(...POLICIES), input, (compiled, inp) => {
        const d = evaluatePolicy(compiled, inp)
        if (d.action === 'open') {
          expect(d.reasons).toEqual([])
        } else {
          expect(d.reasons.length).toBeGreaterThan(0)
          for (const r of d.reasons) expect(catalogue.byCode.get(r.code)?.kind).toBe(r.kind)
        }
        if (inp.link.verdict === 'malicious') expect(d.action).toBe('block')
        if (inp.link.verdict === 'suspicious') expect(d.action).not.toBe('open')
        for (const a of inp.link.caseActions ?? []) {
          if (a.scenarios === undefined || a.scenarios.includes(inp.scenario)) {
            expect(ACTION_RANK[d.action]).toBeGreaterThanOrEqual(ACTION_RANK[a.action])
          }
        }
        if (d.action === 'block') expect(d.card).toBe('none')
        expect(d.external).toBe(inp.userPreferences?.systemBrowser === true && d.action !== 'block')
        expect(evaluatePolicy(compiled, inp)).toEqual(d)
      }),
      { numRuns: 3000, seed: 20211130 },
    )
  })

  it('lets a user be stricter, but never makes a decision more open than the user asked', () => {
    fc.assert(
      fc.property(fc.constantFrom(...POLICIES), input, (compiled, inp) => {
        const { userPreferences: _drop, ...withoutUser } = inp
        const before = evaluatePolicy(compiled, withoutUser)
        const strict: UserPreferences = {
          byScenario: { [inp.scenario]: { '*': 'warn' } },
          trustedProviders: [],
          mutedProviders: [],
          systemBrowser: false,
        }
        const after = evaluatePolicy(compiled, { ...withoutUser, userPreferences: strict })
        expect(ACTION_RANK[after.action]).toBeGreaterThanOrEqual(
          Math.max(ACTION_RANK[before.action], ACTION_RANK.warn),
        )
      }),
      { numRuns: 2000, seed: 917 },
    )
  })
})
