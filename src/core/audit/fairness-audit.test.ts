import { describe, expect, it } from 'vitest'
import type { AuditRow } from './audit-row.js'
import { buildAuditMatrix, renderAuditMatrixHtml, renderAuditMatrixMarkdown } from './audit-matrix.js'
import { auditDialTest } from './fairness-audit.js'

const KINDS = new Map([
  ['POLICY_GROUP_NON_ECOMMERCE', 'policy'],
  ['SAFETY_MALICIOUS_FEED', 'safety'],
  ['CONTENT_FRAUD', 'content'],
  ['GRADE_D', 'grade'],
])

function row(
  provider: string,
  category: string,
  scenario: AuditRow['scenario'],
  over: Partial<AuditRow> = {},
): AuditRow {
  return {
    url: `https://${provider}.example/${category}/${scenario}`,
    scenario,
    provider,
    category,
    verdict: 'clean',
    action: 'open',
    card: 'full',
    openInApp: true,
    external: false,
    reasons: [],
    ...over,
  }
}

const fair: AuditRow[] = [
  row('jd', 'e-commerce', 'direct'),
  row('taobao', 'e-commerce', 'direct'),
  row('bilibili', 'video', 'direct'),
  row('jd', 'e-commerce', 'group'),
  row('taobao', 'e-commerce', 'group'),
  row('bilibili', 'video', 'group', { action: 'warn', reasons: [{ code: 'POLICY_GROUP_NON_ECOMMERCE' }] }),
]

describe('auditDialTest', () => {
  it('passes a fair dial test, where categories differ only by a stated policy reason', () => {
    const result = auditDialTest(fair, KINDS)
    expect(result.findings).toEqual([])
    expect(result.clean).toBe(true)
  })

  it('names standard 1 when one provider of a category gets a worse card than its peers', () => {
    const rows = fair.map((r) =>
      r.provider === 'taobao' && r.scenario === 'direct' ? { ...r, card: 'none' } : r,
    )
    const result = auditDialTest(rows, KINDS)
    const one = result.findings.filter((f) => f.standard === 'standard-1')
    expect(one[0]).toMatchObject({
      code: 'same_category_treated_differently',
      scenario: 'direct',
      category: 'e-commerce',
    })
    expect(one[0]!.rows.map((r) => r.provider)).toEqual(['taobao'])
    expect(
      result.findings.some(
        (f) => f.standard === 'standard-3' && f.code === 'worse_card' && f.provider === 'taobao',
      ),
    ).toBe(true)
    expect(result.clean).toBe(false)
  })

  it('names standard 1 when a whole category quietly gets a worse card under the same action and reasons', () => {
    const rows = fair.map((r) =>
      r.category === 'video' && r.scenario === 'direct' ? { ...r, card: 'compact' } : r,
    )
    const result = auditDialTest(rows, KINDS)
    expect(result.findings.find((f) => f.code === 'presentation_differs_without_reason')).toMatchObject({
      standard: 'standard-1',
      scenario: 'direct',
      category: 'video',
    })
  })

  it('names standard 2 when a clean link does not open in direct, and standard 3 for a forced browser or a missing app button', () => {
    const rows = [
      ...fair.filter((r) => r.scenario !== 'direct'),
      row('jd', 'e-commerce', 'direct'),
      row('taobao', 'e-commerce', 'direct', { external: true }),
      row('douyin', 'short-video', 'direct', {
        action: 'warn',
        reasons: [{ code: 'POLICY_GROUP_NON_ECOMMERCE' }],
      }),
      row('kuaishou', 'short-video', 'direct', {
        action: 'warn',
        openInApp: false,
        reasons: [{ code: 'POLICY_GROUP_NON_ECOMMERCE' }],
      }),
    ]
    const result = auditDialTest(rows, KINDS)
    const codes = result.findings.map((f) => `${f.standard}:${f.code}:${f.provider ?? ''}`)
    expect(codes).toContain('standard-2:clean_link_not_open_in_direct:douyin')
    expect(codes).toContain('standard-3:forced_external_browser:taobao')
    expect(codes).toContain('standard-3:no_open_in_app:kuaishou')
  })

  it('lists a threat hit as a justified restriction with its reason, not as unfair', () => {
    const hit = row('taobao', 'e-commerce', 'direct', {
      url: 'https://item.taobao.com/evil',
      verdict: 'malicious',
      action: 'block',
      card: 'none',
      openInApp: false,
      reasons: [{ code: 'SAFETY_MALICIOUS_FEED', kind: 'safety' }],
    })
    const result = auditDialTest([...fair, hit], KINDS)
    expect(result.clean).toBe(true)
    expect(result.justified).toEqual([{ row: hit, reasons: ['SAFETY_MALICIOUS_FEED'] }])
  })

  it('treats a reviewed case on a clean link as justified, but a case action without a reason as a finding', () => {
    const reviewed = row('jd', 'e-commerce', 'direct', {
      url: 'https://item.jd.com/fraud',
      action: 'block',
      card: 'none',
      reasons: [{ code: 'CONTENT_FRAUD' }],
    })
    expect(auditDialTest([...fair, reviewed], KINDS).clean).toBe(true)
    const silent = { ...reviewed, reasons: [] }
    const result = auditDialTest([...fair, silent], KINDS)
    expect(result.findings.map((f) => f.standard)).toContain('reasons')
  })

  it('finds reason codes that are not in the published catalogue, and rows that could not be decided', () => {
    const unknown = row('jd', 'e-commerce', 'feed', { action: 'warn', reasons: [{ code: 'SECRET_RULE' }] })
    const broken: AuditRow = {
      ...row('x', 'other', 'direct'),
      provider: null,
      action: null,
      error: 'not_a_link',
    }
    const result = auditDialTest([...fair, unknown, broken], KINDS)
    expect(result.findings.find((f) => f.standard === 'catalogue')).toMatchObject({
      code: 'reason_not_in_catalogue',
      message: expect.stringContaining('SECRET_RULE'),
    })
    expect(result.findings.find((f) => f.standard === 'completeness')!.rows).toEqual([broken])
  })

  it('renders the provider × scenario matrix in md and html, marking failing cells', () => {
    const rows = fair.map((r) =>
      r.provider === 'taobao' && r.scenario === 'direct' ? { ...r, card: 'none' } : r,
    )
    const result = auditDialTest(rows, KINDS)
    const matrix = buildAuditMatrix(rows, result)
    expect(matrix.providers.map((p) => p.id)).toEqual(['bilibili', 'jd', 'taobao'])
    expect(matrix.providers[2]!.cells.direct!.findings).toContain('standard-1')
    const md = renderAuditMatrixMarkdown(matrix, result)
    expect(md).toContain('| provider | categories | direct | group |')
    expect(md).toMatch(/\| taobao \| e-commerce \| \*\*standard-1, standard-3\*\*: open · card none/)
    const html = renderAuditMatrixHtml(matrix, result)
    expect(html).toContain('<td class="open finding">')
    expect(html).not.toMatch(/<script|https?:\/\/(?!taobao|jd|bilibili)/)
  })
})
