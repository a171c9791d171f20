import { createReadStream, statSync } from 'node:fs'
import type { Command } from 'commander'
import { FEED_FORMATS, type FeedFormat } from '../core/safety/index.js'
import { HutongError } from '../errors.js'
import { importThreatFeed, threatSources } from '../services/threats.js'
import { progressBar } from './progress.js'
import { output, UsageError, withContext } from './runtime.js'

export function threatsCommand(program: Command): void {
  const threats = program.command('threats').description('threat feeds behind the safety floor')
  threats
    .command('import')
    .description('import a feed; re-importing a source replaces its entries atomically')
    .argument('<file>', 'the feed file')
    .requiredOption('--format <format>', FEED_FORMATS.join(' | '))
    .option('--source <name>', 'source name (default: the format)')
    .option('--json', 'print the summary as JSON')
    .action(async (file: string, options: { format: string; source?: string; json?: boolean }) => {
      if (!(FEED_FORMATS as readonly string[]).includes(options.format))
        throw new UsageError(`unknown --format "${options.format}": use ${FEED_FORMATS.join(', ')}`)
      let size: number
      try {
        size = statSync(file).size
      } catch (error) {
        throw new HutongError('file_unreadable', `cannot read ${file}: ${(error as Error).message}`)
      }
      const bar = progressBar(size, 'importing')
      const summary = await withContext((ctx) =>
        importThreatFeed(
          ctx,
          {
            chunks: createReadStream(file),
            format: options.format as FeedFormat,
            source: options.source ?? options.format,
            actor: 'cli',
          },
          (p) => bar.tick(p.bytes),
        ),
      )
      bar.done()
      output(options.json === true, summary, () =>
        [
          `imported ${summary.imported} entries into source "${summary.source}" (${summary.skipped} skipped, ${summary.invalid} invalid, ${summary.duplicates} duplicates)`,
          `sha256 ${summary.sha256}`,
          ...summary.problems.slice(0, 10).map((p) => `  line ${p.line}: ${p.type} ${p.code} — ${p.message}`),
        ].join('\n'),
      )
    })
  threats
    .command('list')
    .description('the imported feeds and the in-memory set size')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }) => {
      const result = await withContext((ctx) => threatSources(ctx))
      output(options.json === true, result, () =>
        [
          `set: ${result.setEntries} entries, ${(result.setBytes / 1024).toFixed(1)} KiB`,
          ...result.sources.map(
            (s) =>
              `  ${s.name.padEnd(16)} ${s.format.padEnd(10)} ${String(s.entries).padStart(8)} entries  imported ${s.importedAt}`,
          ),
        ].join('\n'),
      )
    })
}
