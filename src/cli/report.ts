import { readFileSync, writeFileSync } from 'node:fs'
import type { Command } from 'commander'
import type { LedgerEvent } from '../core/ledger/chain.js'
import { renderTransparencyPage } from '../core/pages/transparency-page.js'
import {
  computeTransparencyReport,
  renderTransparencyCsv,
  type TransparencyReport,
} from '../core/transparency/index.js'
import { HutongError, InvalidInputError } from '../errors.js'
import { latestPeriod, transparencyReport } from '../services/transparency.js'
import { callServer, UsageError, withContext } from './runtime.js'

/** Reads a `hutong ledger export` file (JSON Lines). */
function readExport(file: string): LedgerEvent[] {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new HutongError('file_unreadable', `cannot read ${file}: ${(error as Error).message}`)
  }
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      try {
        return JSON.parse(line) as LedgerEvent
      } catch {
        throw new HutongError('invalid_export', `${file}:${index + 1} is not a JSON ledger event`)
      }
    })
}

interface Options {
  from?: string
  to?: string
  format: string
  ledger?: string
  throughSeq?: string
  server?: string
  out?: string
  lang: string
}

async function reportFor(options: Options): Promise<TransparencyReport> {
  if (options.ledger) {
    // Offline: the same pure function the server runs, over an exported ledger.
    const to = options.to ?? latestPeriod(new Date()).to
    const from = options.from ?? new Date(Date.parse(to) - 365 * 86_400_000).toISOString()
    const through = options.throughSeq === undefined ? {} : { throughSeq: Number(options.throughSeq) }
    const computed = computeTransparencyReport(readExport(options.ledger), { from, to }, through)
    if (!computed.ok)
      throw new InvalidInputError('period_invalid', computed.issues[0]!.message, computed.issues)
    return computed.value
  }
  if (options.server) {
    const query = new URLSearchParams({
      ...(options.from ? { from: options.from } : {}),
      ...(options.to ? { to: options.to } : {}),
    })
    return callServer<TransparencyReport>(
      options.server,
      undefined,
      'GET',
      `/v1/transparency?${query.toString()}`,
    )
  }
  return withContext((ctx) => transparencyReport(ctx, { from: options.from, to: options.to }))
}

export function reportCommand(program: Command): void {
  const report = program.command('report').description('public reports computed from the ledger')
  report
    .command('transparency')
    .description(
      'the transparency report for a period: from this store, a running server, or an exported ledger file',
    )
    .option('--from <iso>', 'start of the period (inclusive); default: 365 days before --to')
    .option('--to <iso>', 'end of the period (exclusive); default: the end of today (UTC)')
    .option('--format <format>', 'json | csv | html', 'json')
    .option('--lang <lang>', 'html language: zh | en', 'zh')
    .option('--ledger <file>', 'recompute offline from a `hutong ledger export` file')
    .option(
      '--through-seq <seq>',
      'with --ledger: read events up to this seq (the served report’s ledger.throughSeq)',
    )
    .option('--server <url>', 'fetch the served report from a running Hutong')
    .option('--out <file>', 'write to a file instead of stdout')
    .action(async (options: Options) => {
      if (!['json', 'csv', 'html'].includes(options.format))
        throw new UsageError(`unknown --format "${options.format}": use json, csv or html`)
      if (options.throughSeq !== undefined && !/^\d+$/.test(options.throughSeq))
        throw new UsageError('--through-seq takes a ledger seq (a whole number)')
      if (!['zh', 'zh-CN', 'en'].includes(options.lang))
        throw new UsageError(`unknown --lang "${options.lang}": use zh or en`)
      const value = await reportFor(options)
      const text =
        options.format === 'csv'
          ? renderTransparencyCsv(value)
          : options.format === 'html'
            ? renderTransparencyPage({
                report: value,
                lang: options.lang === 'en' ? 'en' : 'zh-CN',
                standalone: true,
              }) + '\n'
            : JSON.stringify(value, null, 2) + '\n'
      if (options.out) writeFileSync(options.out, text)
      else process.stdout.write(text)
    })
}
