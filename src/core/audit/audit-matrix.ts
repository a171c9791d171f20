import { escapeHtml } from '../pages/html.js'
import { renderPublicDocument } from '../transparency/public-document.js'
import { SCENARIOS, type Scenario } from '../vocabulary.js'
import type { AuditRow } from './audit-row.js'
import { STANDARD_TITLES, type AuditResult } from './fairness-audit.js'

/** One provider × scenario cell: each distinct treatment with how many links got it. */
export interface MatrixCell {
  treatments: {
    action: string
    card: string
    openInApp: boolean
    external: boolean
    reasons: string[]
    links: number
  }[]
  findings: string[]
}

export interface AuditMatrix {
  scenarios: Scenario[]
  providers: { id: string; categories: string[]; cells: Record<string, MatrixCell> }[]
}

const rowKey = (row: AuditRow): string => `${row.url}\0${row.scenario}`

/**
 * The provider × scenario matrix of a dial test, with the standards each cell's rows fail.
 * @example buildAuditMatrix(rows, auditDialTest(rows, kinds)).providers[0].cells.direct
 */
export function buildAuditMatrix(rows: readonly AuditRow[], result: AuditResult): AuditMatrix {
  const findingsByRow = new Map<string, Set<string>>()
  for (const finding of result.findings) {
    for (const row of finding.rows) {
      const set = findingsByRow.get(rowKey(row)) ?? new Set<string>()
      set.add(finding.standard)
      findingsByRow.set(rowKey(row), set)
    }
  }
  const scenarios = SCENARIOS.filter((s) => rows.some((r) => r.scenario === s))
  const byProvider = new Map<string, AuditRow[]>()
  for (const row of rows) {
    const id = row.provider ?? '(unregistered)'
    byProvider.set(id, [...(byProvider.get(id) ?? []), row])
  }
  const providers = [...byProvider.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, list]) => {
      const cells: Record<string, MatrixCell> = {}
      for (const scenario of scenarios) {
        const treatments = new Map<string, MatrixCell['treatments'][number]>()
        const findings = new Set<string>()
        for (const row of list.filter((r) => r.scenario === scenario)) {
          const reasons = row.reasons.map((r) => r.code)
          const key = `${row.action}|${row.card}|${row.openInApp}|${row.external}|${reasons.join(' ')}`
          const t = treatments.get(key)
          if (t) t.links++
          else
            treatments.set(key, {
              action: row.action ?? row.error ?? '?',
              card: row.card ?? '-',
              openInApp: row.openInApp === true,
              external: row.external === true,
              reasons,
              links: 1,
            })
          for (const f of findingsByRow.get(rowKey(row)) ?? []) findings.add(f)
        }
        cells[scenario] = { treatments: [...treatments.values()], findings: [...findings].sort() }
      }
      return { id, categories: [...new Set(list.map((r) => r.category ?? 'other'))].sort(), cells }
    })
  return { scenarios, providers }
}

function treatmentText(t: MatrixCell['treatments'][number]): string {
  const flags = [
    t.action,
    `card ${t.card}`,
    t.openInApp ? 'app' : 'no-app',
    ...(t.external ? ['external'] : []),
  ].join(' · ')
  return `${flags}${t.reasons.length > 0 ? ` (${t.reasons.join(', ')})` : ''}${t.links > 1 ? ` ×${t.links}` : ''}`
}

/** The matrix as a Markdown table, followed by the findings. */
export function renderAuditMatrixMarkdown(matrix: AuditMatrix, result: AuditResult): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|')
  const lines = [
    `# Dial-test fairness audit: ${result.clean ? 'clean' : `${result.findings.length} finding(s)`}`,
    '',
    `${result.summary.rows} rows, ${result.summary.providers} providers, ${result.summary.comparable} clean rows without a justifying reason compared.`,
    '',
    `| provider | categories | ${matrix.scenarios.join(' | ')} |`,
    `|---|---|${matrix.scenarios.map(() => '---').join('|')}|`,
    ...matrix.providers.map((p) => {
      const cells = matrix.scenarios.map((s) => {
        const cell = p.cells[s]!
        const text = cell.treatments.map(treatmentText).join('<br>')
        return esc(cell.findings.length > 0 ? `**${cell.findings.join(', ')}**: ${text}` : text)
      })
      return `| ${esc(p.id)} | ${esc(p.categories.join(', '))} | ${cells.join(' | ')} |`
    }),
    '',
    '## Findings',
    '',
    ...(result.findings.length === 0
      ? ['None.']
      : result.findings.flatMap((f) => [
          `- **${f.standard}** \`${f.code}\`: ${f.message}`,
          ...f.rows.slice(0, 10).map((r) => `  - ${r.scenario} ${r.url}`),
        ])),
    '',
    '## Justified restrictions',
    '',
    ...(result.justified.length === 0
      ? ['None.']
      : result.justified.map(
          (j) =>
            `- ${j.row.scenario} ${j.row.url} (${j.row.provider ?? 'unregistered'}): ${j.row.action} · ${j.reasons.join(', ')}`,
        )),
  ]
  return lines.join('\n') + '\n'
}

/** The matrix as a standalone HTML page (no scripts, no remote resources); English with Chinese standard titles. */
export function renderAuditMatrixHtml(matrix: AuditMatrix, result: AuditResult): string {
  const head = `<tr><th>provider</th><th>categories</th>${matrix.scenarios.map((s) => `<th>${escapeHtml(s)}</th>`).join('')}</tr>`
  const body = matrix.providers
    .map((p) => {
      const cells = matrix.scenarios.map((s) => {
        const cell = p.cells[s]!
        const worst = cell.treatments.some((t) => t.action === 'block')
          ? 'block'
          : cell.treatments.some((t) => t.action === 'warn')
            ? 'warn'
            : 'open'
        const cls = `${worst}${cell.findings.length > 0 ? ' finding' : ''}`
        const text = cell.treatments.map((t) => escapeHtml(treatmentText(t))).join('<br>')
        const marks =
          cell.findings.length > 0 ? `<br><strong>${escapeHtml(cell.findings.join(', '))}</strong>` : ''
        return `<td class="${cls}">${text}${marks}</td>`
      })
      return `<tr><th>${escapeHtml(p.id)}</th><td>${escapeHtml(p.categories.join(', '))}</td>${cells.join('')}</tr>`
    })
    .join('')
  const findings =
    result.findings.length === 0
      ? '<p>None.</p>'
      : `<ul>${result.findings
          .map(
            (f) =>
              `<li><strong>${escapeHtml(STANDARD_TITLES[f.standard].en)}</strong> · ${escapeHtml(STANDARD_TITLES[f.standard].zh)} · <code>${escapeHtml(f.code)}</code>: ${escapeHtml(f.message)}</li>`,
          )
          .join('')}</ul>`
  const justified =
    result.justified.length === 0
      ? '<p>None.</p>'
      : `<ul>${result.justified.map((j) => `<li>${escapeHtml(`${j.row.scenario} ${j.row.url} (${j.row.provider ?? 'unregistered'}): ${j.row.action} · ${j.reasons.join(', ')}`)}</li>`).join('')}</ul>`
  const title = `Dial-test fairness audit 拨测公平性审计: ${result.clean ? 'clean' : `${result.findings.length} finding(s)`}`
  return renderPublicDocument({
    lang: 'en',
    title,
    embedCsp: true,
    body:
      `<h1>${escapeHtml(title)}</h1><p class="muted">${result.summary.rows} rows · ${result.summary.providers} providers · ${result.summary.comparable} comparable rows</p>` +
      `<table>${head}${body}</table><h2>Findings</h2>${findings}<h2>Justified restrictions</h2>${justified}`,
  })
}
