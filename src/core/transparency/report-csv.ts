import type { CountTable } from './count-table.js'
import type { TransparencyReport } from './report-types.js'

function cell(value: string | number | boolean | null): string {
  if (value === null) return ''
  const text = String(value)
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/**
 * The report as one long CSV table, `section,dimension,key,count,share,suppressed`: one row per
 * published cell, so a spreadsheet can pivot it. Suppressed cells have empty count and share.
 * @example renderTransparencyCsv(report).split('\n')[0] // 'section,dimension,key,count,share,suppressed'
 */
export function renderTransparencyCsv(report: TransparencyReport): string {
  const rows: (string | number | boolean | null)[][] = [
    ['section', 'dimension', 'key', 'count', 'share', 'suppressed'],
  ]
  const single = (section: string, dimension: string, value: number | null) =>
    rows.push([section, dimension, '', value, null, value === null])
  const table = (section: string, dimension: string, t: CountTable) => {
    rows.push([section, dimension, '(total)', t.total, t.total === null ? null : 1, t.totalSuppressed])
    for (const c of t.cells) rows.push([section, dimension, c.key, c.count, c.share, c.suppressed])
  }
  rows.push(
    ['period', 'from', report.period.from, null, null, false],
    ['period', 'to', report.period.to, null, null, false],
  )
  rows.push(['ledger', 'throughSeq', report.ledger.throughHash ?? '', report.ledger.throughSeq, null, false])
  single('reports', 'received', report.reports.received)
  single('reports', 'counted', report.reports.counted)
  single('reports', 'heldForReview', report.reports.heldForReview)
  table('reports', 'category', report.reports.byCategory)
  table('reports', 'scenario', report.reports.byScenario)
  if (report.reports.topThree)
    rows.push([
      'reports',
      'topThreeShare',
      report.reports.topThree.categories.join(' '),
      null,
      report.reports.topThree.share,
      false,
    ])
  table('decisions', 'action', report.decisions.byAction)
  table('decisions', 'ground', report.decisions.byGround)
  table('decisions', 'category', report.decisions.byCategory)
  table('decisions', 'detection', report.decisions.byDetection)
  single('decisions', 'medianHoursToDecision', report.decisions.medianHoursToDecision)
  single('appeals', 'filed', report.appeals.filed)
  table('appeals', 'outcome', report.appeals.byOutcome)
  rows.push([
    'appeals',
    'reversalRate',
    '',
    null,
    report.appeals.reversalRate,
    report.appeals.reversalRate === null,
  ])
  table('restrictions', 'provider', report.restrictions.byProvider)
  table('restrictions', 'reason', report.restrictions.byReason)
  table('grades', 'grade', report.grades.byGrade)
  for (const feed of report.threatFeeds) {
    rows.push(['threatFeeds', 'entries', feed.source, feed.entries, null, false])
    rows.push(['threatFeeds', 'ageHours', feed.source, feed.ageHours, null, false])
  }
  for (const e of report.policy.exemptions)
    rows.push([
      'policy',
      'exemption',
      `${e.id} ${e.provider} ${e.action} ${e.reasons.join(' ')}`,
      null,
      null,
      false,
    ])
  return rows.map((row) => row.map(cell).join(',')).join('\n') + '\n'
}
