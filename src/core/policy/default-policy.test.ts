import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { compilePolicy } from './compile-policy.js'
import type { LinkFacts, PolicyInput } from './decision.js'
import { evaluatePolicy } from './evaluate-policy.js'
import { loadPolicyFromYamlText } from './load-policy.js'
import { phaseAt } from './phase-at.js'
import { loadReasonCatalogueFromYamlText } from './reason-catalogue.js'
import { CATEGORIES, SCENARIOS, type Category, type Scenario } from '../vocabulary.js'

const catalogueResult = loadReasonCatalogueFromYamlText(readFileSync('data/reasons.yaml', 'utf8'))
if (!catalogueResult.ok) throw new Error(JSON.stringify(catalogueResult.issues))
const catalogue = catalogueResult.value
const policyResult = loadPolicyFromYamlText(readFileSync('data/default-policy.yaml', 'utf8'), catalogue)
if (!policyResult.ok) throw new Error(JSON.stringify(policyResult.issues))
const policy = policyResult.value
const compiled = compilePolicy(policy, catalogue)

const TODAY = new Date('2026-11-22T12:00:00+08:00')
// E-commerce providers from the researched seed list, including the ones reporters found treated worse in 2021.
const ECOMMERCE = [
  'taobao',
  'tmall',
  'xianyu',
  'jd',
  'pinduoduo',
  'vipshop',
  'suning',
  'dewu',
  'douyin',
  'kuaishou',
]

function clean(provider: string | null, category: Category): LinkFacts {
  return { provider, category, verdict: provider === null ? 'unknown' : 'clean', grade: 'none' }
}

function decide(link: LinkFacts, scenario: Scenario, at = TODAY, extra: Partial<PolicyInput> = {}) {
  return evaluatePolicy(compiled, { link, scenario, at, ...extra })
}

describe('the shipped default policy', () => {
  it('validates against the shipped catalogue', () => {
    expect(policy.phases.map((p) => p.id)).toEqual(['phase-1', 'phase-2'])
  })

  it('opens clean links directly in one-to-one chats and channels today, and warns in feeds', () => {
    for (const category of CATEGORIES) {
      expect(decide(clean('jd', category), 'direct').action).toBe('open')
      expect(decide(clean('jd', category), 'channel').action).toBe('open')
      const feed = decide(clean('jd', category), 'feed')
      expect(feed.action).toBe('warn')
      expect(feed.reasons.map((r) => r.code)).toEqual(['POLICY_FEED_INTERSTITIAL'])
    }
  })

  it('opens e-commerce links in groups and warns with a reason for every other category', () => {
    for (const category of CATEGORIES) {
      const d = decide(clean('some-provider', category), 'group', TODAY, { userId: 'u1' })
      if (category === 'e-commerce') {
        expect(d).toMatchObject({ action: 'open', reasons: [] })
      } else {
        expect(d.action).toBe('warn')
        expect(d.reasons).toEqual([
          {
            code: 'POLICY_GROUP_NON_ECOMMERCE',
            kind: 'policy',
            decidedBy: { type: 'policy', version: policy.version },
          },
        ])
      }
    }
  })

  it('gives every e-commerce provider the same decision and presentation in every scenario', () => {
    for (const scenario of SCENARIOS) {
      const decisions = ECOMMERCE.map((p) =>
        decide(clean(p, 'e-commerce'), scenario, TODAY, { userId: 'u7' }),
      )
      const first = decisions[0]
      for (const d of decisions) expect(d).toEqual(first)
    }
  })

  it('warns in one-to-one chats as of 2021-10-01 (phase 1)', () => {
    const d = decide(clean('taobao', 'e-commerce'), 'direct', new Date('2021-10-01T12:00+08:00'))
    expect(d).toMatchObject({ action: 'warn', phaseId: 'phase-1' })
    expect(d.reasons.map((r) => r.code)).toEqual(['POLICY_PHASE1_INTERSTITIAL'])
  })

  it('switches phases at midnight Asia/Shanghai, not UTC', () => {
    expect(phaseAt(policy, new Date('2021-11-29T23:59:59+08:00'))?.id).toBe('phase-1')
    expect(phaseAt(policy, new Date('2021-11-30T00:00:00+08:00'))?.id).toBe('phase-2')
    expect(phaseAt(policy, new Date('2021-09-16T16:00:00Z'))?.id).toBe('phase-1')
    expect(phaseAt(policy, new Date('2021-09-16T15:59:59Z'))).toBeNull()
  })

  it('warns with a stated reason before any phase took effect', () => {
    const d = decide(clean('jd', 'e-commerce'), 'direct', new Date('2021-01-01T00:00+08:00'))
    expect(d).toMatchObject({ action: 'warn', phaseId: null })
    expect(d.reasons.map((r) => r.code)).toEqual(['POLICY_PRE_PHASE'])
  })

  it('keeps clients below the minimum version on the previous behaviour, with a reason', () => {
    const old = decide(clean('jd', 'e-commerce'), 'direct', TODAY, { clientVersion: '8.0.15' })
    expect(old.action).toBe('warn')
    expect(old.reasons.map((r) => r.code)).toEqual(['POLICY_CLIENT_OUTDATED'])
    expect(decide(clean('jd', 'e-commerce'), 'direct', TODAY, { clientVersion: '8.0.16' }).action).toBe(
      'open',
    )
    expect(decide(clean('jd', 'e-commerce'), 'direct', TODAY, { clientVersion: '8.1' }).action).toBe('open')
  })

  it('applies grade effects: C warns in group and feed only, D warns everywhere', () => {
    const c: LinkFacts = { ...clean('p', 'e-commerce'), grade: 'C' }
    const d: LinkFacts = { ...clean('p', 'e-commerce'), grade: 'D' }
    expect(decide(c, 'direct').action).toBe('open')
    expect(decide(c, 'group').reasons.map((r) => r.code)).toEqual(['GRADE_C'])
    expect(decide(c, 'feed').reasons.map((r) => r.code)).toEqual(['POLICY_FEED_INTERSTITIAL', 'GRADE_C'])
    for (const scenario of SCENARIOS) {
      const decision = decide(d, scenario)
      expect(decision.action).toBe('warn')
      expect(decision.reasons.map((r) => r.code)).toContain('GRADE_D')
    }
  })

  it('blocks malicious links and warns on suspicious ones in every scenario and every phase', () => {
    for (const at of [new Date('2021-01-01'), new Date('2021-10-01'), TODAY]) {
      for (const scenario of SCENARIOS) {
        const bad = decide({ ...clean('jd', 'e-commerce'), verdict: 'malicious' }, scenario, at)
        expect(bad).toMatchObject({ action: 'block', card: 'none', openInApp: false })
        expect(bad.reasons[0]).toMatchObject({ code: 'SAFETY_MALICIOUS_FEED', decidedBy: { type: 'safety' } })
        expect(decide({ ...clean('jd', 'e-commerce'), verdict: 'suspicious' }, scenario, at).action).toBe(
          'warn',
        )
      }
    }
  })

  it('never forces the system browser', () => {
    for (const scenario of SCENARIOS) expect(decide(clean('jd', 'e-commerce'), scenario).external).toBe(false)
  })
})
