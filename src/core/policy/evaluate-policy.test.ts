import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { compilePolicy } from './compile-policy.js'
import type { LinkFacts } from './decision.js'
import { evaluatePolicy } from './evaluate-policy.js'
import { loadReasonCatalogueFromYamlText } from './reason-catalogue.js'
import { validatePolicy } from './validate-policy.js'

const catalogueResult = loadReasonCatalogueFromYamlText(readFileSync('data/reasons.yaml', 'utf8'))
if (!catalogueResult.ok) throw new Error('catalogue')
const catalogue = catalogueResult.value

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any

function compiledFrom(mutate: (doc: Doc) => void = () => undefined) {
  const doc = parse(readFileSync('data/default-policy.yaml', 'utf8'))
  mutate(doc)
  const result = validatePolicy(doc, catalogue)
  if (!result.ok) throw new Error(JSON.stringify(result.issues))
  return compilePolicy(result.value, catalogue)
}

const compiled = compiledFrom()
const at = new Date('2026-11-22T12:00+08:00')
const link: LinkFacts = { provider: 'jd', category: 'e-commerce', verdict: 'clean', grade: 'none' }

describe('evaluatePolicy', () => {
  it('lists the rules that fired, in precedence order', () => {
    const d = evaluatePolicy(compiled, {
      link: {
        ...link,
        grade: 'C',
        verdict: 'suspicious',
        caseActions: [
          { action: 'warn', reason: 'CASE_PENDING_REVIEW', scope: 'domain', caseId: 'c-9', automated: true },
        ],
      },
      scenario: 'group',
      at,
    })
    expect(d.trace).toEqual([
      'phase phase-2',
      'rule p2-group-ecommerce-trial → open',
      'standing grade-c → warn',
      'case c-9 (domain, automated) → warn',
      'floor suspicious → warn',
    ])
    expect(d.reasons.map((r) => [r.code, r.decidedBy.type])).toEqual([
      ['SAFETY_SUSPICIOUS', 'safety'],
      ['CASE_PENDING_REVIEW', 'case'],
      ['GRADE_C', 'policy'],
    ])
    expect(d.reasons[1]?.decidedBy).toEqual({ type: 'case', caseId: 'c-9', automated: true })
  })

  it('names each safety signal, and the feed behind a malicious verdict', () => {
    const suspicious = evaluatePolicy(compiled, {
      link: {
        ...link,
        verdict: 'suspicious',
        safetySignals: [{ code: 'SAFETY_LOOKALIKE', detail: 'jd.com' }, { code: 'SAFETY_IP_HOST' }],
      },
      scenario: 'direct',
      at,
    })
    expect(suspicious.reasons.map((r) => r.code)).toEqual([
      'SAFETY_SUSPICIOUS',
      'SAFETY_LOOKALIKE',
      'SAFETY_IP_HOST',
    ])
    expect(suspicious.reasons[1]?.detail).toBe('jd.com')
    expect(suspicious.card).toBe('compact')
    expect(suspicious.openInApp).toBe(false)
    const malicious = evaluatePolicy(compiled, {
      link: {
        ...link,
        verdict: 'malicious',
        safetySignals: [{ code: 'SAFETY_MALICIOUS_FEED', detail: 'urlhaus' }],
      },
      scenario: 'channel',
      at,
    })
    expect(malicious.reasons).toEqual([
      { code: 'SAFETY_MALICIOUS_FEED', kind: 'safety', decidedBy: { type: 'safety' }, detail: 'urlhaus' },
    ])
  })

  it('ignores signals on a clean verdict: the verdict decides, not the raw signals', () => {
    const d = evaluatePolicy(compiled, {
      link: { ...link, safetySignals: [{ code: 'SAFETY_RISKY_TLD' }] },
      scenario: 'direct',
      at,
    })
    expect(d).toMatchObject({ action: 'open', reasons: [] })
  })

  it('applies case actions only in their scenarios, and keeps an uncatalogued case code as detail', () => {
    const caseActions = [
      {
        action: 'block',
        reason: 'SPAM_WAVE_7',
        scope: 'link',
        scenarios: ['group'],
        caseId: 'c-2',
        automated: false,
      },
    ] as const
    expect(evaluatePolicy(compiled, { link: { ...link, caseActions }, scenario: 'direct', at }).action).toBe(
      'open',
    )
    const d = evaluatePolicy(compiled, { link: { ...link, caseActions }, scenario: 'group', at })
    expect(d).toMatchObject({ action: 'block', card: 'none', openInApp: false })
    expect(d.reasons).toEqual([
      {
        code: 'CONTENT_OTHER',
        kind: 'content',
        decidedBy: { type: 'case', caseId: 'c-2', automated: false },
        detail: 'SPAM_WAVE_7',
      },
    ])
  })

  it('applies a declared exemption for its provider only, never past the floor', () => {
    const exempt = compiledFrom((doc) => {
      doc.exemptions = [
        {
          id: 'ex-video',
          provider: 'bilibili',
          scenarios: ['group'],
          action: 'open',
          reasons: ['POLICY_EXEMPTION'],
          statement: 'pilot',
        },
      ]
    })
    const video: LinkFacts = { ...link, category: 'video' }
    expect(
      evaluatePolicy(exempt, { link: { ...video, provider: 'bilibili' }, scenario: 'group', at }).action,
    ).toBe('open')
    expect(
      evaluatePolicy(exempt, { link: { ...video, provider: 'youku' }, scenario: 'group', at }).action,
    ).toBe('warn')
    const bad = evaluatePolicy(exempt, {
      link: { ...video, provider: 'bilibili', verdict: 'malicious' },
      scenario: 'group',
      at,
    })
    expect(bad.action).toBe('block')
    expect(bad.trace).toContain('exemption ex-video → open')
  })

  it('opens when no rule matches, and matches client-version ranges', () => {
    const ranged = compiledFrom((doc) => {
      doc.phases[1].rules = [
        {
          id: 'new-clients-warn-feed',
          match: { scenarios: ['feed'], clientVersion: { min: '9.0' } },
          action: 'warn',
          reasons: ['POLICY_FEED_INTERSTITIAL'],
        },
      ]
    })
    const feed = (clientVersion?: string) =>
      evaluatePolicy(ranged, { link, scenario: 'feed', at, ...(clientVersion ? { clientVersion } : {}) })
        .action
    expect(feed('9.1.0')).toBe('warn')
    expect(feed('8.9')).toBe('open')
    expect(feed()).toBe('warn')
    expect(evaluatePolicy(ranged, { link, scenario: 'direct', at }).trace).toEqual([
      'phase phase-2',
      'policy no-rule-matched → open',
    ])
  })

  it('treats an unreadable client version as outdated', () => {
    const d = evaluatePolicy(compiled, { link, scenario: 'direct', at, clientVersion: 'banana' })
    expect(d.reasons.map((r) => r.code)).toEqual(['POLICY_CLIENT_OUTDATED'])
  })

  it('is deterministic: the same input gives an equal decision', () => {
    const input = { link, scenario: 'group', at, userId: 'u-3' } as const
    expect(evaluatePolicy(compiled, input)).toEqual(evaluatePolicy(compiled, input))
  })
})
