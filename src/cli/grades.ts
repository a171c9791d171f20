import { readFileSync } from 'node:fs'
import type { Command } from 'commander'
import { parse as parseYaml } from 'yaml'
import { InvalidInputError } from '../errors.js'
import { configureGrading, recomputeGrades, type RecomputeSummary } from '../services/grade-recompute.js'
import { gradeDistribution, storedGrade } from '../services/grades.js'
import { EXIT, output, UsageError, withContext } from './runtime.js'

function parseAt(text: string | undefined): Date | undefined {
  if (text === undefined) return undefined
  const at = new Date(text)
  if (Number.isNaN(at.getTime())) throw new UsageError(`--at must be an ISO instant, got "${text}"`)
  return at
}

function readThresholds(file: string): unknown {
  try {
    return parseYaml(readFileSync(file, 'utf8')) as unknown
  } catch (error) {
    throw new InvalidInputError(
      'thresholds_unreadable',
      `cannot read thresholds from ${file}: ${(error as Error).message}`,
    )
  }
}

function describeRecompute(summary: RecomputeSummary): string {
  const lines = [
    `graded ${summary.providers.length} providers at ${summary.at}: ${summary.changed} changed (thresholds ${summary.thresholdsHash.slice(0, 12)}…)`,
  ]
  for (const p of summary.providers) {
    if (!p.changed && p.pendingUpgrade === null && p.skipped === undefined) continue
    const pending = p.pendingUpgrade
      ? `  rising to ${p.pendingUpgrade.to}, clean since ${p.pendingUpgrade.cleanSince}`
      : ''
    const note = p.skipped ? '  skipped: graded for a later instant already' : ''
    lines.push(
      `  ${p.provider.padEnd(20)} ${p.previousGrade ?? '-'} → ${p.grade}${p.changed ? `  (ledger #${p.ledgerSeq})` : ''}${pending}${note}`,
    )
  }
  return lines.join('\n')
}

export function gradesCommand(program: Command): void {
  const grades = program
    .command('grades')
    .description('provider credit grades (信用分级): recompute, show, list')
  grades
    .command('recompute')
    .description('recompute every provider’s grade now (or as of --at); each change is a ledger event')
    .option('--at <iso>', 'grade as of this instant, e.g. 2022-03-31T23:59:59+08:00')
    .option('--provider <id>', 'only this provider')
    .option('--thresholds <file>', 'grading thresholds (YAML/JSON); fields left out keep their defaults')
    .option('--json', 'print the result as JSON')
    .action(async (options: { at?: string; provider?: string; thresholds?: string; json?: boolean }) => {
      const at = parseAt(options.at)
      const thresholds = options.thresholds === undefined ? undefined : readThresholds(options.thresholds)
      const summary = await withContext(async (ctx) => {
        if (thresholds !== undefined) {
          const configured = configureGrading(ctx, thresholds)
          if (!configured.ok)
            throw new InvalidInputError(
              'invalid_grading_threshold',
              'the thresholds do not validate',
              configured.issues,
            )
        }
        return recomputeGrades(ctx, { at, provider: options.provider, actor: 'cli' })
      })
      output(options.json === true, summary, () => describeRecompute(summary))
    })
  grades
    .command('show')
    .argument('<provider>', 'provider id')
    .option('--json', 'print the full card as JSON')
    .description('the full grade card of one provider')
    .action(async (provider: string, options: { json?: boolean }) => {
      const stored = await withContext((ctx) => storedGrade(ctx, provider))
      if (!stored) {
        process.stderr.write(`hutong: provider ${provider} has not been graded\n`)
        process.exitCode = EXIT.failure
        return
      }
      const card = stored.card
      output(options.json === true, stored, () =>
        [
          `${provider}: ${card.grade} since ${card.since} (computed ${card.computedGrade} at ${stored.computedAt}, trend ${card.trend.direction})`,
          `  ${card.decidingThreshold.statement.en}`,
          ...card.whatWouldMoveUp.map((step) => `  → ${step.en}`),
        ].join('\n'),
      )
    })
  grades
    .command('list')
    .option('--json', 'print as JSON')
    .description('every provider’s held grade and the distribution')
    .action(async (options: { json?: boolean }) => {
      const distribution = await withContext((ctx) => gradeDistribution(ctx))
      output(options.json === true, distribution, () =>
        [
          Object.entries(distribution.counts)
            .map(([grade, n]) => `${grade}: ${n}`)
            .join('  '),
          ...distribution.providers.map((p) => `  ${p.provider.padEnd(20)} ${p.grade}  since ${p.since}`),
        ].join('\n'),
      )
    })
}
