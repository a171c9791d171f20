import { readFileSync } from 'node:fs'
import type { Command } from 'commander'
import { parse as parseYaml } from 'yaml'
import { HutongError } from '../errors.js'
import { phaseSpans } from '../core/policy/index.js'
import { checkPolicy, currentPolicy, policyHistory, publishPolicy } from '../services/policy.js'
import { simulatePolicy } from '../services/simulate.js'
import { EXIT, output, withContext } from './runtime.js'

function readPolicyFile(file: string): unknown {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new HutongError('file_unreadable', `cannot read ${file}: ${(error as Error).message}`)
  }
  try {
    return parseYaml(text) as unknown
  } catch (error) {
    throw new HutongError(
      'policy_yaml_invalid',
      `${file} is not valid YAML/JSON: ${(error as Error).message}`,
    )
  }
}

export function policyCommand(program: Command): void {
  const policy = program.command('policy').description('validate, publish, simulate and show link policy')
  policy
    .command('validate')
    .argument('<file>', 'policy YAML or JSON')
    .option('--json', 'print the result as JSON')
    .description('check a policy document; exits 1 listing coded issues')
    .action(async (file: string, options: { json?: boolean }) => {
      const document = readPolicyFile(file)
      const checked = await withContext(async (ctx) => checkPolicy(ctx, document))
      output(
        options.json === true,
        checked.ok ? { ok: true, version: checked.value.version } : checked,
        () =>
          checked.ok
            ? `valid: policy ${checked.value.version}`
            : checked.issues.map((i) => `${i.code}  ${i.path.join('.')}  ${i.message}`).join('\n'),
      )
      if (!checked.ok) process.exitCode = EXIT.failure
    })
  policy
    .command('publish')
    .argument('<file>', 'policy YAML or JSON')
    .option('--note <text>', 'why this version')
    .option('--json', 'print the result as JSON')
    .description('validate and publish a new version (a ledger event with the diff)')
    .action(async (file: string, options: { note?: string; json?: boolean }) => {
      const document = readPolicyFile(file)
      const published = await withContext((ctx) =>
        publishPolicy(ctx, { document, actor: 'cli', note: options.note, source: file }),
      )
      output(
        options.json === true,
        published,
        () => `published policy ${published.version} (${published.diff.length} changes)`,
      )
    })
  policy
    .command('simulate')
    .argument('<file>', 'draft policy YAML or JSON')
    .option('--json', 'print the result as JSON')
    .description('run a draft over recent inspect inputs and report what would change')
    .action(async (file: string, options: { json?: boolean }) => {
      const document = readPolicyFile(file)
      const report = await withContext((ctx) => simulatePolicy(ctx, document))
      output(options.json === true, report, () =>
        [
          `${report.changed} of ${report.total} decisions change (${report.currentVersion} → ${report.draftVersion})`,
          ...report.cells
            .filter((c) => c.changed > 0)
            .map(
              (c) =>
                `  ${c.scenario.padEnd(8)} ${c.category.padEnd(18)} ${c.changed}/${c.total}  ${Object.entries(
                  c.transitions,
                )
                  .map(([t, n]) => `${t}×${n}`)
                  .join(' ')}`,
            ),
        ].join('\n'),
      )
    })
  policy
    .command('show')
    .option('--json', 'print the result as JSON')
    .description('the policy in force, its phase timeline and the version history')
    .action(async (options: { json?: boolean }) => {
      const { compiled, history } = await withContext(async (ctx) => ({
        compiled: await currentPolicy(ctx),
        history: await policyHistory(ctx),
      }))
      const spans = phaseSpans(compiled.policy)
      output(
        options.json === true,
        { current: compiled.policy, history: history.map(({ document: _d, ...rest }) => rest) },
        () =>
          [
            `policy ${compiled.version}`,
            ...spans.map(
              (span) =>
                `  phase ${span.phase.id}: ${new Date(span.from).toISOString()} → ${Number.isFinite(span.to) ? new Date(span.to).toISOString() : '…'}`,
            ),
            'history:',
            ...history.map(
              (h) => `  ${h.publishedAt}  ${h.version}  by ${h.publishedBy}${h.note ? `  — ${h.note}` : ''}`,
            ),
          ].join('\n'),
      )
    })
}
