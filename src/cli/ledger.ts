import { createReadStream, createWriteStream } from 'node:fs'
import { createInterface } from 'node:readline'
import type { Command } from 'commander'
import { createChainVerifier, GENESIS_HASH, type ChainCheck, type LedgerEvent } from '../core/ledger/chain.js'
import { HutongError } from '../errors.js'
import { listLedger, verifyStoredLedger } from '../services/ledger.js'
import { callServer, EXIT, output, withContext } from './runtime.js'

interface LedgerPage {
  items: LedgerEvent[]
  next: number | null
}

/** Pages through a server's ledger export; the auditor recomputes every hash locally. */
async function* remoteEvents(server: string, key: string | undefined): AsyncGenerator<LedgerEvent> {
  let after = 0
  for (;;) {
    const page = await callServer<LedgerPage>(server, key, 'GET', `/v1/ledger?after=${after}&limit=1000`)
    yield* page.items
    if (page.next === null) return
    after = page.next
  }
}

/** Reads an export: JSON Lines (one event a line), as `hutong ledger export` writes. */
async function* fileEvents(file: string): AsyncGenerator<LedgerEvent> {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity })
  let lineNo = 0
  for await (const line of lines) {
    lineNo++
    if (line.trim() === '') continue
    try {
      yield JSON.parse(line) as LedgerEvent
    } catch {
      throw new HutongError('invalid_export', `${file}:${lineNo} is not a JSON ledger event`)
    }
  }
}

async function verifyStream(events: AsyncIterable<LedgerEvent>): Promise<ChainCheck> {
  const verifier = createChainVerifier({ prevHash: GENESIS_HASH, nextSeq: 1 })
  for await (const event of events) if (!verifier.push(event)) break
  return verifier.result()
}

function describeCheck(check: ChainCheck): string {
  if (check.ok) return `ledger verified: ${check.count} events, head ${check.headHash.slice(0, 16)}…`
  return `ledger BROKEN at seq ${check.badSeq}: ${check.problem.replace(/_/g, ' ')} (${check.count} events verified before it)`
}

export function ledgerCommand(program: Command): void {
  const ledger = program.command('ledger').description('the hash-chained governance ledger')
  ledger
    .command('verify')
    .description('recompute the hash chain; exits 1 naming the first bad seq')
    .option('--file <file>', 'verify an exported JSON Lines file offline')
    .option('--server <url>', 'verify a running Hutong through its export API')
    .option('--key <key>', 'auditor or admin API key for --server')
    .option('--json', 'print the result as JSON')
    .action(async (options: { file?: string; server?: string; key?: string; json?: boolean }) => {
      const check = options.file
        ? await verifyStream(fileEvents(options.file))
        : options.server
          ? await verifyStream(remoteEvents(options.server, options.key))
          : await withContext((ctx) => verifyStoredLedger(ctx.db))
      output(options.json === true, check, () => describeCheck(check))
      if (!check.ok) process.exitCode = EXIT.failure
    })
  ledger
    .command('export')
    .description('write the ledger as JSON Lines, for offline verification')
    .option('--out <file>', 'write to a file instead of stdout')
    .action(async (options: { out?: string }) => {
      const sink = options.out ? createWriteStream(options.out) : process.stdout
      await withContext(async (ctx) => {
        let after = 0
        for (;;) {
          const page = await listLedger(ctx.db, after, 1000)
          for (const event of page) sink.write(JSON.stringify(event) + '\n')
          if (page.length < 1000) break
          after = page[page.length - 1]!.seq
        }
      })
      if (options.out)
        await new Promise<void>((resolve) => (sink as ReturnType<typeof createWriteStream>).end(resolve))
    })
}
