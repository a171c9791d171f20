import type { Command } from 'commander'
import { listCases } from '../services/cases.js'
import { purgeExpiredReports } from '../services/reports.js'
import { drainEvidence } from '../services/evidence.js'
import { drainWebhooks } from '../services/webhooks.js'
import { output, withContext } from './runtime.js'

export function complaintsCommand(program: Command): void {
  const complaints = program
    .command('complaints')
    .description('the complaint desk: queue, deliveries, retention')
  complaints
    .command('queue')
    .description('list cases by priority')
    .option('--state <state>', 'open, escalated or closed', 'open')
    .option('--limit <n>', 'how many', '20')
    .option('--json', 'print JSON')
    .action(async (options: { state: 'open' | 'escalated' | 'closed'; limit: string; json?: boolean }) => {
      const items = await withContext((ctx) =>
        listCases(ctx, { state: options.state, sort: 'priority', limit: Number(options.limit) }),
      )
      output(options.json === true, items, () =>
        items.length === 0
          ? 'no cases'
          : items
              .map(
                (c) =>
                  `${c.priority.toFixed(1).padStart(6)}  ${c.reportCount}×  ${Object.keys(c.categories).join(',')}  ${c.url}  ${c.id}`,
              )
              .join('\n'),
      )
    })
  complaints
    .command('drain')
    .description('send due webhooks and capture pending evidence once (the server does this every second)')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const result = await withContext(async (ctx) => ({
        webhooks: await drainWebhooks(ctx, 1000),
        evidence: await drainEvidence(ctx, 50),
      }))
      output(
        options.json === true,
        result,
        () =>
          `webhooks: ${result.webhooks.delivered} delivered, ${result.webhooks.retrying} retrying, ${result.webhooks.dead} dead; evidence jobs: ${result.evidence}`,
      )
    })
  complaints
    .command('purge')
    .description('erase report text, message evidence and reporter ids past the retention window')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const erased = await withContext((ctx) => purgeExpiredReports(ctx))
      output(options.json === true, { erased }, () => `erased personal data from ${erased} reports`)
    })
}
