import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DEFAULT_AUTO_RULES, firstFiringRule } from './auto-rules.js'
import { buildCaseActionTable, type ActiveCaseAction } from './case-action-table.js'
import { caseSubject } from './case-subject.js'
import { dedupKey, reporterHash, shanghaiDay } from './dedup.js'
import { basePriority, priorityAt } from './priority.js'
import { reportWeight, standingWeight } from './standing.js'
import { isNewReporter, isStorm } from './storm.js'
import { retryDelayMs, signWebhook, verifyWebhookSignature } from './webhook-signature.js'

const at = new Date('2026-03-01T12:00:00Z')

describe('priority', () => {
  it('ranks malware/fraud/illegal above privacy above inducement above marketing and harassment', () => {
    const p = (category: string) =>
      basePriority({ categories: { [category]: 3 }, weightedReporters: 3, reach: 0 })
    expect(p('fraud')).toBe(p('malware'))
    expect(p('illegal')).toBeGreaterThan(p('privacy'))
    expect(p('privacy')).toBeGreaterThan(p('inducement'))
    expect(p('inducement')).toBeGreaterThan(p('marketing'))
    expect(p('marketing')).toBe(p('harassment'))
  })
  it('grows with weighted reporters and reach, with diminishing returns', () => {
    const w = (n: number) => basePriority({ categories: { fraud: 1 }, weightedReporters: n, reach: 0 })
    expect(w(2) - w(1)).toBeGreaterThan(w(10) - w(9))
    expect(basePriority({ categories: { fraud: 1 }, weightedReporters: 1, reach: 1000 })).toBeGreaterThan(
      w(1),
    )
  })
  it('adds age up to a cap, so old cases rise but never without bound', () => {
    const first = new Date(at.getTime() - 6 * 3_600_000)
    expect(priorityAt(10, first, at)).toBe(11)
    expect(priorityAt(10, new Date(0), at)).toBe(30)
  })
})

describe('standing', () => {
  it('weighs a new reporter 1, moves gradually with history, stays in [0, 2)', () => {
    expect(standingWeight({ upheld: 0, rejected: 0 })).toBe(1)
    expect(standingWeight({ upheld: 0, rejected: 1 })).toBeGreaterThan(0.5)
    expect(standingWeight({ upheld: 0, rejected: 6 })).toBe(0.4)
    expect(standingWeight({ upheld: 10, rejected: 0 })).toBeGreaterThan(1.5)
    fc.assert(
      fc.property(fc.nat(1000), fc.nat(1000), (u, r) => {
        const w = standingWeight({ upheld: u, rejected: r })
        return w > 0 && w < 2 && standingWeight({ upheld: u + 1, rejected: r }) >= w
      }),
    )
  })
  it('gives trusted flaggers their weight only in their categories', () => {
    const flagger = { weight: 3, categories: ['fraud'] }
    expect(reportWeight({ upheld: 0, rejected: 0 }, flagger, 'fraud')).toBe(3)
    expect(reportWeight({ upheld: 0, rejected: 0 }, flagger, 'marketing')).toBe(1)
  })
})

describe('storms', () => {
  it('needs many reports and a high share from new reporters', () => {
    expect(isStorm({ reports: 25, newReporterReports: 24 })).toBe(true)
    expect(isStorm({ reports: 10, newReporterReports: 10 })).toBe(false)
    expect(isStorm({ reports: 100, newReporterReports: 30 })).toBe(false)
  })
  it('counts a reporter as new until something is settled or a week passes', () => {
    expect(isNewReporter({ firstSeen: null, upheld: 0, rejected: 0 }, at)).toBe(true)
    expect(
      isNewReporter({ firstSeen: new Date(at.getTime() - 8 * 86_400_000), upheld: 0, rejected: 0 }, at),
    ).toBe(false)
    expect(isNewReporter({ firstSeen: at, upheld: 1, rejected: 0 }, at)).toBe(false)
  })
})

describe('keys', () => {
  it('uses the Asia/Shanghai day', () => {
    expect(shanghaiDay(new Date('2021-09-16T16:00:00Z'))).toBe('2021-09-17')
    expect(shanghaiDay(new Date('2021-09-16T15:59:59Z'))).toBe('2021-09-16')
  })
  it('dedups the same reporter, link, category and day only', () => {
    const k = dedupKey('rp', 'https://a.com/', 'fraud', at)
    expect(dedupKey('rp', 'https://a.com/', 'fraud', new Date(at.getTime() + 3_600_000))).toBe(k)
    expect(dedupKey('rp', 'https://a.com/', 'privacy', at)).not.toBe(k)
    expect(dedupKey('rp2', 'https://a.com/', 'fraud', at)).not.toBe(k)
    expect(dedupKey('rp', 'https://a.com/', 'fraud', new Date(at.getTime() + 86_400_000))).not.toBe(k)
  })
  it('pseudonymises reporters per service key', () => {
    expect(reporterHash('k1', 'u')).toBe(reporterHash('k1', 'u'))
    expect(reporterHash('k2', 'u')).not.toBe(reporterHash('k1', 'u'))
    expect(reporterHash('k1', 'u')).not.toContain('u')
  })
  it('makes one subject of a link however it is written', () => {
    const a = caseSubject('https://Item.JD.com/1.html?utm_source=x#frag')
    expect(a).toEqual({ key: 'https://item.jd.com/1.html', host: 'item.jd.com', domain: 'jd.com' })
    expect(caseSubject('item.jd.com/1.html')?.key).toBe('http://item.jd.com/1.html')
    expect(caseSubject('javascript:alert(1)')).toBeNull()
    expect(caseSubject('http://10.0.0.1/x')?.domain).toBe('10.0.0.1')
  })
})

describe('auto-rules', () => {
  const facts = {
    categoryWeights: { fraud: 3 },
    verdict: 'suspicious' as const,
    held: false,
    humanDecided: false,
    automatedActive: false,
  }
  it('fires on enough weighted malware/fraud reports for a suspicious link', () => {
    expect(firstFiringRule(DEFAULT_AUTO_RULES, facts)?.id).toBe('suspicious-malware-fraud')
    expect(firstFiringRule(DEFAULT_AUTO_RULES, { ...facts, categoryWeights: { fraud: 2.9 } })).toBeNull()
    expect(firstFiringRule(DEFAULT_AUTO_RULES, { ...facts, verdict: 'clean' })).toBeNull()
    expect(
      firstFiringRule(DEFAULT_AUTO_RULES, { ...facts, verdict: 'clean', categoryWeights: { illegal: 10 } })
        ?.id,
    ).toBe('mass-malware-fraud-illegal')
  })
  it('never acts on storms, decided cases, or twice', () => {
    expect(firstFiringRule(DEFAULT_AUTO_RULES, { ...facts, held: true })).toBeNull()
    expect(firstFiringRule(DEFAULT_AUTO_RULES, { ...facts, humanDecided: true })).toBeNull()
    expect(firstFiringRule(DEFAULT_AUTO_RULES, { ...facts, automatedActive: true })).toBeNull()
  })
})

describe('case-action table', () => {
  const row = (over: Partial<ActiveCaseAction>): ActiveCaseAction => ({
    decisionId: 'd',
    caseId: 'c',
    action: 'block',
    scope: 'url',
    target: 'https://a.com/shop/1',
    domain: 'a.com',
    scenarios: null,
    reason: 'CONTENT_FRAUD',
    automated: false,
    startsAt: new Date(at.getTime() - 1000),
    endsAt: null,
    ...over,
  })
  it('matches exact links through their card key, prefixes at path boundaries, and whole domains', () => {
    const table = buildCaseActionTable([
      row({}),
      row({ caseId: 'p', scope: 'url-prefix', target: 'https://a.com/sale' }),
      row({ caseId: 'dom', scope: 'domain', target: 'b.com', domain: 'b.com', action: 'warn' }),
    ])
    const ids = (url: string, domain: string) => table.forLink({ url, domain }, at).map((a) => a.caseId)
    expect(ids('https://a.com/shop/1?utm_source=x', 'a.com')).toEqual(['c'])
    expect(ids('https://a.com/shop/10', 'a.com')).toEqual([])
    expect(ids('https://a.com/sale/x?y=1', 'a.com')).toEqual(['p'])
    expect(ids('https://a.com/salesman', 'a.com')).toEqual([])
    expect(ids('https://x.b.com/anything', 'b.com')).toEqual(['dom'])
    expect(ids('https://c.com/', 'c.com')).toEqual([])
  })
  it('honours start, end and scenarios', () => {
    const table = buildCaseActionTable([row({ endsAt: new Date(at.getTime() + 1000), scenarios: ['group'] })])
    expect(table.forLink({ url: 'https://a.com/shop/1', domain: 'a.com' }, at)).toEqual([
      {
        action: 'block',
        reason: 'CONTENT_FRAUD',
        scope: 'link',
        caseId: 'c',
        automated: false,
        scenarios: ['group'],
      },
    ])
    expect(
      table.forLink({ url: 'https://a.com/shop/1', domain: 'a.com' }, new Date(at.getTime() + 1000)),
    ).toEqual([])
    expect(
      table.forLink({ url: 'https://a.com/shop/1', domain: 'a.com' }, new Date(at.getTime() - 5000)),
    ).toEqual([])
  })
})

describe('webhook signatures', () => {
  const body = '{"event":"case.decision"}'
  it('verifies what it signs, and refuses tampering, other secrets and stale times', () => {
    const header = signWebhook('s3cret', body, at)
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/)
    expect(verifyWebhookSignature('s3cret', header, body, at)).toEqual({
      ok: true,
      timestamp: Math.floor(at.getTime() / 1000),
    })
    expect(verifyWebhookSignature('s3cret', header, body + ' ', at)).toEqual({
      ok: false,
      problem: 'mismatch',
    })
    expect(verifyWebhookSignature('other', header, body, at)).toEqual({ ok: false, problem: 'mismatch' })
    expect(verifyWebhookSignature('s3cret', header, body, new Date(at.getTime() + 301_000))).toEqual({
      ok: false,
      problem: 'stale',
    })
    expect(verifyWebhookSignature('s3cret', `${header},v1=${'0'.repeat(64)}`, body, at).ok).toBe(true)
  })
  it('never throws on junk headers', () => {
    fc.assert(
      fc.property(fc.string(), (header) => verifyWebhookSignature('s', header, body, at).ok === false),
    )
    expect(verifyWebhookSignature('s', undefined, body, at)).toEqual({ ok: false, problem: 'malformed' })
  })
  it('backs off exponentially with a cap', () => {
    expect(retryDelayMs(1, 1000, 60_000, 0.5)).toBe(1000)
    expect(retryDelayMs(4, 1000, 60_000, 0.5)).toBe(8000)
    expect(retryDelayMs(20, 1000, 60_000, 0.5)).toBe(60_000)
  })
})
