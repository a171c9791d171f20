import { describe, expect, it } from 'vitest'
import { diffJson } from '../json-diff.js'
import type { LedgerEvent } from '../ledger/chain.js'
import { computeTransparencyReport } from './compute-report.js'
import { countTable } from './count-table.js'
import { renderTransparencyCsv } from './report-csv.js'
import { applyJsonDiff } from './policy-replay.js'
import { redactStatement } from './redact.js'

let seq = 0
function event(kind: string, at: string, payload: unknown, subject = 'x'): LedgerEvent {
  seq++
  return { seq, at, kind, actor: 'test', subject, payload, prevHash: 'p', hash: `h${seq}` }
}

const PERIOD = { from: '2021-12-01T00:00:00.000Z', to: '2022-01-01T00:00:00.000Z' }

function reports(
  n: number,
  category: string,
  scenario = 'direct',
  at = '2021-12-05T00:00:00.000Z',
): LedgerEvent[] {
  return Array.from({ length: n }, () =>
    event('report.received', at, { category, scenario, reporter: 'hash', counted: true, held: false }),
  )
}

function decision(at: string, over: Record<string, unknown> = {}): LedgerEvent {
  return event('case.decision', at, {
    action: 'block',
    category: 'fraud',
    automated: false,
    provider: 'jd',
    firstReportAt: '2021-12-05T00:00:00.000Z',
    statement: { decision: 'block', ground: 'illegal', reason: 'CONTENT_FRAUD', category: 'fraud' },
    ...over,
  })
}

describe('countTable', () => {
  it('publishes zero and large cells, suppresses 1–9, and a second cell when only one is hidden', () => {
    const t = countTable(
      new Map([
        ['fraud', 40],
        ['harassment', 20],
        ['rumor', 3],
        ['other', 0],
      ]),
    )
    expect(t.total).toBe(63)
    expect(t.cells).toEqual([
      { key: 'fraud', count: 40, share: 0.6349, suppressed: false },
      { key: 'harassment', count: null, share: null, suppressed: true },
      { key: 'rumor', count: null, share: null, suppressed: true },
      { key: 'other', count: 0, share: 0, suppressed: false },
    ])
    expect(countTable(new Map([['a', 4]]))).toEqual({
      total: null,
      totalSuppressed: true,
      cells: [{ key: 'a', count: null, share: null, suppressed: true }],
    })
  })
})

describe('computeTransparencyReport', () => {
  it('counts reports by category and scenario in the period, with the top-three share', () => {
    const events = [
      ...reports(40, 'fraud'),
      ...reports(25, 'harassment', 'group'),
      ...reports(12, 'inducement'),
      ...reports(23, 'marketing', 'feed'),
      ...reports(5, 'fraud', 'direct', '2021-11-30T23:59:59.000Z'),
      ...reports(5, 'fraud', 'direct', '2022-01-01T00:00:00.000Z'),
    ]
    const result = computeTransparencyReport(events, PERIOD)
    if (!result.ok) throw new Error('period')
    const r = result.value
    expect(r.reports.received).toBe(100)
    expect(r.reports.byCategory.cells.map((c) => [c.key, c.count])).toEqual([
      ['fraud', 40],
      ['harassment', 25],
      ['marketing', 23],
      ['inducement', 12],
    ])
    expect(r.reports.topThree).toEqual({ categories: ['fraud', 'harassment', 'marketing'], share: 0.88 })
    expect(r.reports.byScenario.cells.find((c) => c.key === 'direct')!.count).toBe(52)
    expect(r.ledger.eventsInPeriod).toBe(100)
    expect(r.ledger.throughSeq).toBe(events[104]!.seq)
    const earlier = computeTransparencyReport(events, PERIOD, { throughSeq: events[49]!.seq })
    expect(earlier.ok && earlier.value.reports.received).toBe(50)
    expect(earlier.ok && earlier.value.ledger.throughSeq).toBe(events[49]!.seq)
  })

  it('gives decisions by action, ground, category and detection, the median time, appeals and restrictions', () => {
    const events = [
      ...Array.from({ length: 12 }, (_, i) =>
        decision(`2021-12-05T${String(i + 1).padStart(2, '0')}:00:00.000Z`),
      ),
      ...Array.from({ length: 10 }, () =>
        decision('2021-12-06T00:00:00.000Z', {
          action: 'dismiss',
          automated: true,
          statement: { decision: 'dismiss', ground: 'terms', reason: 'CONTENT_OTHER' },
        }),
      ),
      decision('2021-12-20T00:00:00.000Z', { appealId: 'a1', replaces: 'd1' }),
      ...Array.from({ length: 11 }, () =>
        event('appeal.filed', '2021-12-07T00:00:00.000Z', { by: 'provider' }),
      ),
      ...Array.from({ length: 8 }, () =>
        event('appeal.decision', '2021-12-08T00:00:00.000Z', { outcome: 'upheld' }),
      ),
      ...Array.from({ length: 3 }, () =>
        event('appeal.decision', '2021-12-08T00:00:00.000Z', { outcome: 'reversed' }),
      ),
    ]
    const result = computeTransparencyReport(events, PERIOD)
    if (!result.ok) throw new Error('period')
    const d = result.value.decisions
    expect(d.byAction.cells.map((c) => [c.key, c.count])).toEqual([
      ['block', 13],
      ['dismiss', 10],
    ])
    expect(d.byDetection.cells.map((c) => [c.key, c.count])).toEqual([
      ['human', 13],
      ['automated', 10],
    ])
    expect(d.byGround.cells.map((c) => [c.key, c.count])).toEqual([
      ['illegal', 13],
      ['terms', 10],
    ])
    // 12 human decisions 1..12 h after the first report and 10 automated ones at 24 h; the appeal decision is not timed.
    expect(d.timedDecisions).toBe(22)
    expect(d.medianHoursToDecision).toBe(11.5)
    expect(result.value.appeals).toMatchObject({ filed: 11, reversalRate: 0.2727 })
    expect(result.value.appeals.byOutcome.cells.map((c) => c.count)).toEqual([null, null])
    expect(result.value.restrictions.byProvider.cells).toEqual([
      { key: 'jd', count: 13, share: 1, suppressed: false },
    ])
    expect(result.value.restrictions.byReason.cells[0]).toMatchObject({ key: 'CONTENT_FRAUD', count: 13 })
  })

  it('takes the latest grade per provider and the latest import per feed as of the period end', () => {
    const events = [
      event('grade.changed', '2021-10-01T00:00:00.000Z', { provider: 'jd', grade: 'B' }),
      event('grade.changed', '2021-12-10T00:00:00.000Z', { provider: 'jd', grade: 'A' }),
      event('grade.changed', '2021-12-10T00:00:00.000Z', { card: { grade: 'D' } }, 'provider:taobao'),
      event('grade.changed', '2022-02-10T00:00:00.000Z', { provider: 'taobao', grade: 'A' }),
      event('threats.imported', '2021-12-30T00:00:00.000Z', { source: 'urlhaus', count: 1200, sha256: 'ab' }),
      event('threats.imported', '2021-11-01T00:00:00.000Z', {
        source: 'openphish',
        count: 300,
        sha256: 'cd',
      }),
    ]
    const result = computeTransparencyReport(events, PERIOD)
    if (!result.ok) throw new Error('period')
    expect(result.value.grades.byGrade.cells.map((c) => [c.key, c.count])).toEqual([
      ['A', 1],
      ['D', 1],
    ])
    expect(result.value.threatFeeds).toEqual([
      {
        source: 'openphish',
        entries: 300,
        sha256: 'cd',
        importedAt: '2021-11-01T00:00:00.000Z',
        ageHours: 1464,
        fresh: false,
        importsInPeriod: 0,
      },
      {
        source: 'urlhaus',
        entries: 1200,
        sha256: 'ab',
        importedAt: '2021-12-30T00:00:00.000Z',
        ageHours: 48,
        fresh: true,
        importsInPeriod: 1,
      },
    ])
  })

  it('rebuilds the policy in force and its declared exemptions from the published diffs', () => {
    const v1 = { version: 'v1', exemptions: [] as unknown[] }
    const v2 = {
      version: 'v2',
      exemptions: [
        { id: 'x1', provider: 'jd', action: 'open', reasons: ['POLICY_EXEMPTION'], statement: 'court order' },
      ],
    }
    const events = [
      event('policy.published', '2021-09-01T00:00:00.000Z', { version: 'v1', diff: diffJson(null, v1) }),
      event('policy.published', '2021-12-02T00:00:00.000Z', {
        version: 'v2',
        note: 'exemption',
        diff: diffJson(v1, v2),
      }),
    ]
    const result = computeTransparencyReport(events, PERIOD)
    if (!result.ok) throw new Error('period')
    expect(result.value.policy).toEqual({
      inForce: { version: 'v2', publishedAt: '2021-12-02T00:00:00.000Z' },
      publishedInPeriod: [{ version: 'v2', publishedAt: '2021-12-02T00:00:00.000Z', note: 'exemption' }],
      exemptions: [
        { id: 'x1', provider: 'jd', action: 'open', reasons: ['POLICY_EXEMPTION'], statement: 'court order' },
      ],
    })
  })

  it('refuses an empty or reversed period with a coded issue, and reads odd payloads without throwing', () => {
    expect(computeTransparencyReport([], { from: PERIOD.to, to: PERIOD.from })).toMatchObject({
      ok: false,
      issues: [{ code: 'period_invalid' }],
    })
    expect(computeTransparencyReport([], { from: 'soon', to: PERIOD.to })).toMatchObject({ ok: false })
    const odd = [
      event('report.received', '2021-12-02T00:00:00.000Z', null),
      event('case.decision', '2021-12-02T00:00:00.000Z', 'x'),
      event('policy.published', '2021-12-02T00:00:00.000Z', { diff: 5 }),
    ]
    expect(computeTransparencyReport(odd, PERIOD).ok).toBe(true)
  })

  it('renders CSV with empty cells for suppressed counts', () => {
    const result = computeTransparencyReport(
      [...reports(30, 'fraud'), ...reports(4, 'rumor'), ...reports(12, 'privacy')],
      PERIOD,
    )
    if (!result.ok) throw new Error('period')
    const csv = renderTransparencyCsv(result.value).split('\n')
    expect(csv[0]).toBe('section,dimension,key,count,share,suppressed')
    expect(csv).toContain('reports,category,fraud,30,0.6522,false')
    expect(csv).toContain('reports,category,rumor,,,true')
    expect(csv).toContain('reports,category,privacy,,,true')
  })
})

describe('applyJsonDiff and redactStatement', () => {
  it('replays array growth and shrinkage', () => {
    const a = { rules: [{ id: 1 }, { id: 2 }, { id: 3 }], x: 1 }
    const b = { rules: [{ id: 9 }], y: 2 }
    expect(applyJsonDiff(a, diffJson(a, b))).toEqual(b)
    expect(applyJsonDiff(b, diffJson(b, a))).toEqual(a)
  })

  it('drops reporter identities at any depth and keeps the statement', () => {
    expect(
      redactStatement({
        reporter: 'h',
        caseId: 'c',
        statement: { reason: 'CONTENT_FRAUD' },
        reports: [{ reporterId: 'u1', category: 'fraud' }],
      }),
    ).toEqual({
      caseId: 'c',
      statement: { reason: 'CONTENT_FRAUD' },
      reports: [{ category: 'fraud' }],
    })
  })
})
