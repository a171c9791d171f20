import { readFileSync } from 'node:fs'
import type { Command } from 'commander'
import { SCENARIOS, type Scenario } from '../core/vocabulary.js'
import { HutongError } from '../errors.js'
import { parseDialTestList, runDialTest, type DialTestCase, type DialTestRow } from '../services/dialtest.js'
import { progressBar } from './progress.js'
import { callServer, UsageError, withContext } from './runtime.js'
import { parseAt, parseScenario } from './inspect.js'

const CHUNK = 200

/** Sends cases grouped by scenario and time, at most CHUNK URLs a request, as an outside auditor would. */
async function runRemote(server: string, key: string | undefined, cases: DialTestCase[], onProgress: (n: number) => void): Promise<DialTestRow[]> {
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
      const body = { urls: chunk.map((c) => c.url), scenarios: [first.scenario], ...(first.at ? { at: first.at.toISOString() } : {}) }
      rows.push(...(await callServer<{ rows: DialTestRow[] }>(server, key, 'POST', '/v1/dialtest', body)).rows)
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
  const columns = ['url', 'scenario', 'provider', 'category', 'verdict', 'grade', 'action', 'reasons', 'policyVersion', 'phaseId'] as const
  const cells = (row: DialTestRow) => columns.map((c) => (c === 'reasons' ? reasonCodes(row) : String(row[c] ?? row.error ?? '')))
  if (format === 'csv') return [columns.join(','), ...rows.map((row) => cells(row).map(csvCell).join(','))].join('\n')
  return [`| ${columns.join(' | ')} |`, `|${columns.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${cells(row).map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`)].join('\n')
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
    .action(async (file: string, options: { scenarios: string; at?: string; format: string; server?: string; key?: string }) => {
      if (!['jsonl', 'csv', 'md'].includes(options.format)) throw new UsageError(`unknown --format "${options.format}": use jsonl, csv or md`)
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
      const rows = options.server
        ? await runRemote(options.server, options.key, cases, (n) => bar.tick(n))
        : await withContext(async (ctx) => {
            const out: DialTestRow[] = []
            for (let i = 0; i < cases.length; i += CHUNK) {
              out.push(...(await runDialTest(ctx, cases.slice(i, i + CHUNK))))
              bar.tick(Math.min(cases.length, i + CHUNK))
            }
            return out
          })
      bar.done()
      process.stdout.write(formatDialTestRows(rows, options.format) + '\n')
    })
}
