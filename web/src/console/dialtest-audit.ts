/** One dial-test row as `POST /v1/dialtest` returns it; keep in sync with src/services/dialtest.ts (DialTestRow). */
export interface DialTestRow {
  url: string
  scenario: string
  provider: string | null
  category: string | null
  verdict: string | null
  grade: string | null
  action: string | null
  card: string | null
  openInApp: boolean | null
  external: boolean | null
  reasons: { code: string; zh?: string; en?: string }[]
  policyVersion: string
  error?: string
}

export interface Finding {
  standard: 1 | 2 | 3 | 'reasons'
  rows: DialTestRow[]
  detail: string
}

const presentation = (row: DialTestRow) => `${row.action}/${row.card}/${row.openInApp ? 'app' : 'no-app'}`

/**
 * MIIT's three standards over dial-test rows (BRIEF §1), checked in the browser:
 * 1. clean links of one category get the same action and presentation per scenario;
 * 2. clean links open directly in `direct`;
 * 3. no platform-imposed extra step (the external browser) for anyone.
 * Plus: every restriction carries a reason.
 */
export function auditRows(rows: readonly DialTestRow[]): Finding[] {
  const findings: Finding[] = []
  const clean = rows.filter((r) => r.verdict === 'clean' && r.action !== null)
  const groups = new Map<string, DialTestRow[]>()
  for (const row of clean) {
    const key = `${row.scenario}\u0000${row.category}`
    groups.set(key, [...(groups.get(key) ?? []), row])
  }
  for (const [key, group] of groups) {
    const shapes = new Set(group.map(presentation))
    if (shapes.size > 1)
      findings.push({
        standard: 1,
        rows: group,
        detail: `${key.replace('\u0000', ' × ')}: ${[...shapes].join(' ≠ ')}`,
      })
  }
  const notOpen = clean.filter((r) => r.scenario === 'direct' && r.action !== 'open')
  if (notOpen.length > 0) findings.push({ standard: 2, rows: notOpen, detail: 'direct' })
  const external = rows.filter((r) => r.external === true)
  if (external.length > 0) findings.push({ standard: 3, rows: external, detail: 'external browser' })
  const unexplained = rows.filter((r) => r.action !== null && r.action !== 'open' && r.reasons.length === 0)
  if (unexplained.length > 0) findings.push({ standard: 'reasons', rows: unexplained, detail: 'no reason' })
  return findings
}
