import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { compilePolicy } from './compile-policy.js'
import { evaluatePolicy } from './evaluate-policy.js'
import { loadReasonCatalogueFromYamlText } from './reason-catalogue.js'
import { inRollout, rolloutBucket, ROLLOUT_BUCKETS } from './rollout.js'
import { validatePolicy } from './validate-policy.js'

const catalogueResult = loadReasonCatalogueFromYamlText(readFileSync('data/reasons.yaml', 'utf8'))
if (!catalogueResult.ok) throw new Error('catalogue')
const catalogue = catalogueResult.value

function defaultPolicyWithGroupRollout(percent: number, salt = 'hutong-default-2021') {
  const doc = parse(readFileSync('data/default-policy.yaml', 'utf8'))
  doc.salt = salt
  doc.phases[1].rules[1].match.rollout.percent = percent
  const result = validatePolicy(doc, catalogue)
  if (!result.ok) throw new Error(JSON.stringify(result.issues))
  return compilePolicy(result.value, catalogue)
}

const USERS = Array.from({ length: 100_000 }, (_, i) => `user-${i}`)
const AT = new Date('2026-11-22T12:00+08:00')

function trialCohort(percent: number, salt?: string): Set<string> {
  const compiled = defaultPolicyWithGroupRollout(percent, salt)
  const link = { provider: 'jd', category: 'e-commerce', verdict: 'clean', grade: 'none' } as const
  return new Set(
    USERS.filter(
      (userId) => evaluatePolicy(compiled, { link, scenario: 'group', at: AT, userId }).action === 'open',
    ),
  )
}

describe('rollout', () => {
  it('puts 30% ± 1 point of 100,000 users in a 30% group trial, the same users every time', () => {
    const first = trialCohort(30)
    expect(first.size / USERS.length).toBeGreaterThanOrEqual(0.29)
    expect(first.size / USERS.length).toBeLessThanOrEqual(0.31)
    const second = trialCohort(30)
    expect([...second]).toEqual([...first])
  })

  it('grows the cohort without dropping anyone when the percentage rises', () => {
    const thirty = trialCohort(30)
    const fifty = trialCohort(50)
    expect(fifty.size).toBeGreaterThan(thirty.size)
    for (const user of thirty) expect(fifty.has(user)).toBe(true)
  })

  it('reshuffles cohorts under a new salt', () => {
    const a = trialCohort(30)
    const b = trialCohort(30, 'another-salt')
    const overlap = [...a].filter((u) => b.has(u)).length / a.size
    // Independent 30% cohorts overlap on about 30% of their members.
    expect(overlap).toBeGreaterThan(0.27)
    expect(overlap).toBeLessThan(0.33)
  })

  it('tells users outside the trial why they still see the safety page', () => {
    const compiled = defaultPolicyWithGroupRollout(0)
    const link = { provider: 'jd', category: 'e-commerce', verdict: 'clean', grade: 'none' } as const
    const d = evaluatePolicy(compiled, { link, scenario: 'group', at: AT, userId: 'u1' })
    expect(d.reasons.map((r) => r.code)).toEqual(['POLICY_GROUP_TRIAL_PENDING'])
    // A request without a user id cannot be placed in a partial cohort.
    const partial = defaultPolicyWithGroupRollout(99.99)
    expect(evaluatePolicy(partial, { link, scenario: 'group', at: AT }).action).toBe('warn')
  })

  it('spreads buckets evenly over 0–9,999', () => {
    const counts = new Array<number>(10).fill(0)
    for (const u of USERS.slice(0, 20_000)) {
      const b = rolloutBucket(u, 's')
      expect(b).toBeGreaterThanOrEqual(0)
      expect(b).toBeLessThan(ROLLOUT_BUCKETS)
      counts[Math.floor(b / 1000)]! += 1
    }
    for (const c of counts) expect(Math.abs(c - 2000)).toBeLessThan(200)
    expect(inRollout(2999, 30)).toBe(true)
    expect(inRollout(3000, 30)).toBe(false)
    expect(inRollout(0, 0)).toBe(false)
  })
})
