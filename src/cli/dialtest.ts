import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Command } from 'commander'
import {
  auditDialTest,
  buildAuditMatrix,
  renderAuditMatrixHtml,
  renderAuditMatrixMarkdown,
  type AuditResult,
  type CatalogueKinds,
} from '../core/audit/index.js'
import { SCENARIOS, type Scenario } from '../core/vocabulary.js'
import { HutongError } from '../errors.js'
import { parseDialTestList, runDialTest, type DialTestCase, type DialTestRow } from '../services/dialtest.js'
import { reasonCatalogueOf, registryOf } from '../services/reference-data.js'
import { progressBar } from './progress.js'
import { callServer, EXIT, UsageError, withContext } from './runtime.js'
import { parseAt, parseScenario } from './inspect.js'

const CHUNK = 200

/** Sends cases grouped by scenario and time, at most CHUNK URLs a request, as an outside auditor would. */
async function runRemote(
  server: string,
  key: string | undefined,
  cases: DialTestCase[],
  onProgress: (n: number) => void,
): Promise<DialTestRow[]> {
  const groups = new Map<string, DialTestCase[]>()
  for (const item of cases) {
    const group = `${item.scenario}|${item.at?.toISOString() ?? ''}`
    groups.set(group, [...(groups.get(group) ?? []), item])
  }
  const rows: DialTestRow[] = []
  for (const group of groups.values()) {
    for (let i = 0; i < group.length; i += CHUNK) {
      const chunk = group.slice(i, i + CHUNK)
      const first = chunk[0]!
      const body = {
        urls: chunk.map((c) => c.url),
        scenarios: [first.scenario],
        ...(first.at ? { at: first.at.toISOString() } : {}),
      }
      rows.push(
        ...(await callServer<{ rows: DialTestRow[] }>(server, key, 'POST', '/v1/dialtest', body)).rows,
      )
      onProgress(rows.length)
    }
  }
  return rows
}

function csvCell(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

export function formatDialTestRows(rows: DialTestRow[], format: string): string {
  const reasonCodes = (row: DialTestRow) => row.reasons.map((r) => r.code).join(' ')
  if (format === 'jsonl') return rows.map((row) => JSON.stringify(row)).join('\n')
  const columns = [
    'url',
    'scenario',
    'provider',
    'category',
    'verdict',
    'grade',
    'action',
    'reasons',
    'policyVersion',
    'phaseId',
  ] as const
  const cells = (row: DialTestRow) =>
    columns.map((c) => (c === 'reasons' ? reasonCodes(row) : String(row[c] ?? row.error ?? '')))
  if (format === 'csv')
    return [columns.join(','), ...rows.map((row) => cells(row).map(csvCell).join(','))].join('\n')
  return [
    `| ${columns.join(' | ')} |`,
    `|${columns.map(() => '---').join('|')}|`,
    ...rows.map(
      (row) =>
        `| ${cells(row)
          .map((c) => c.replace(/\|/g, '\\|'))
          .join(' | ')} |`,
    ),
  ].join('\n')
}

export function dialtestCommand(program: Command): void {
  program
    .command('dialtest')
    .description('dial test (拨测): run a list of links × scenarios through the decision path')
    .argument('<file>', 'one URL a line (# comments), or TSV url[\\tscenario][\\tat]')
    .option('--scenarios <list>', 'comma-separated scenarios', SCENARIOS.join(','))
    .option('--at <iso>', 'evaluate as of this time')
    .option('--format <format>', 'jsonl | csv | md', 'jsonl')
    .option('--server <url>', 'run through a running Hutong’s public API, as an outside auditor')
    .option('--key <key>', 'auditor API key for --server')
    .option('--audit', 'check the fairness standards on the rows; exit 1 on any finding')
    .option(
      '--matrix-out <dir>',
      'with --audit: where to write audit-matrix.md and audit-matrix.html',
      'dialtest-audit',
    )
    .option('--json', 'with --audit: print the audit result as JSON')
    .action(async (file: string, options: DialTestOptions) => {
      if (!['jsonl', 'csv', 'md'].includes(options.format))
        throw new UsageError(`unknown --format "${options.format}": use jsonl, csv or md`)
      const scenarios: Scenario[] = options.scenarios.split(',').map((s) => parseScenario(s.trim()))
      let text: string
      try {
        text = readFileSync(file, 'utf8')
      } catch (error) {
        throw new HutongError('file_unreadable', `cannot read ${file}: ${(error as Error).message}`)
      }
      const { cases, problems } = parseDialTestList(text, scenarios, parseAt(options.at))
      for (const problem of problems) process.stderr.write(`${file}:${problem.line}: ${problem.message}\n`)
      const bar = progressBar(cases.length, 'dial test')
      const run = options.server
        ? {
            rows: await runRemote(options.server, options.key, cases, (n) => bar.tick(n)),
            ...(options.audit
              ? await remoteReference(options.server)
              : { catalogue: new Map<string, string>(), registry: null }),
          }
        : await withContext(async (ctx) => {
            const out: DialTestRow[] = []
            for (let i = 0; i < cases.length; i += CHUNK) {
              out.push(...(await runDialTest(ctx, cases.slice(i, i + CHUNK))))
              bar.tick(Math.min(cases.length, i + CHUNK))
            }
            const catalogue: CatalogueKinds = new Map(
              reasonCatalogueOf(ctx).reasons.map((r) => [r.code, r.kind]),
            )
            return { rows: out, catalogue, registry: registryOf(ctx).providers.map((p) => p.id) }
          })
      bar.done()
      if (!options.audit) {
        process.stdout.write(formatDialTestRows(run.rows, options.format) + '\n')
        return
      }
      const result = auditDialTest(run.rows, run.catalogue)
      const matrix = buildAuditMatrix(run.rows, result)
      mkdirSync(options.matrixOut, { recursive: true })
      writeFileSync(
        path.join(options.matrixOut, 'audit-matrix.md'),
        renderAuditMatrixMarkdown(matrix, result),
      )
      writeFileSync(path.join(options.matrixOut, 'audit-matrix.html'), renderAuditMatrixHtml(matrix, result))
      const coverage = coverageOf(run.rows, run.registry)
      if (options.json)
        process.stdout.write(JSON.stringify({ ...result, coverage, matrixOut: options.matrixOut }) + '\n')
      else process.stdout.write(describeAudit(result, coverage, options.matrixOut))
      if (!result.clean) process.exitCode = EXIT.failure
    })
}

interface DialTestOptions {
  scenarios: string
  at?: string
  format: string
  server?: string
  key?: string
  audit?: boolean
  matrixOut: string
  json?: boolean
}

/** The published catalogue (GET /v1/reasons) and registry (GET /v1/providers) of the server under audit. */
async function remoteReference(
  server: string,
): Promise<{ catalogue: CatalogueKinds; registry: string[] | null }> {
  const reasons = await callServer<{ reasons: { code: string; kind: string }[] }>(
    server,
    undefined,
    'GET',
    '/v1/reasons',
  )
  const providers = await callServer<{ items: { id: string }[] }>(
    server,
    undefined,
    'GET',
    '/v1/providers',
  ).catch(() => null)
  return {
    catalogue: new Map(reasons.reasons.map((r) => [r.code, r.kind])),
    registry: providers ? providers.items.map((p) => p.id) : null,
  }
}

/** Which registered providers the list covers with at least three distinct links. */
export function coverageOf(
  rows: readonly DialTestRow[],
  registry: readonly string[] | null,
): { providers: number; missing: string[]; thin: string[] } | null {
  if (registry === null) return null
  const links = new Map<string, Set<string>>()
  for (const row of rows)
    if (row.provider) links.set(row.provider, (links.get(row.provider) ?? new Set()).add(row.url))
  return {
    providers: registry.length,
    missing: registry.filter((id) => !links.has(id)),
    thin: registry.filter((id) => links.has(id) && links.get(id)!.size < 3),
  }
}

function describeAudit(result: AuditResult, coverage: ReturnType<typeof coverageOf>, dir: string): string {
  const s = result.summary
  const lines = [
    `fairness audit: ${result.clean ? 'CLEAN' : `${result.findings.length} FINDING(S)`} — ${s.rows} rows, ${s.providers} providers, ${s.scenarios} scenarios, ${s.comparable} comparable rows`,
  ]
  if (coverage)
    lines.push(
      `registry coverage: ${coverage.providers - coverage.missing.length}/${coverage.providers} providers${coverage.missing.length ? `; missing ${coverage.missing.join(', ')}` : ''}${coverage.thin.length ? `; fewer than 3 links: ${coverage.thin.join(', ')}` : ''}`,
    )
  for (const f of result.findings) {
    lines.push(`${f.standard} ${f.code}: ${f.message}`)
    for (const row of f.rows.slice(0, 5))
      lines.push(
        `    ${row.scenario}\t${row.url}\t${row.action ?? row.error ?? ''} card=${row.card ?? '-'} app=${String(row.openInApp)} reasons=${row.reasons.map((r) => r.code).join(',') || '-'}`,
      )
    if (f.rows.length > 5) lines.push(`    … and ${f.rows.length - 5} more`)
  }
  lines.push(`justified restrictions (safety, case, content or grade reasons): ${result.justified.length}`)
  for (const j of result.justified.slice(0, 20))
    lines.push(`    ${j.row.scenario}\t${j.row.url}\t${j.row.action ?? ''} ${j.reasons.join(',')}`)
  lines.push(`matrix: ${path.join(dir, 'audit-matrix.md')} and ${path.join(dir, 'audit-matrix.html')}`)
  return lines.join('\n') + '\n'
}
