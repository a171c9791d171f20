import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { openStore, type Store } from '../src/db/client.js'
import { migrate } from '../src/db/migrate.js'
import { appendLedger } from '../src/services/ledger.js'
import type { BenchResult } from './harness.js'

const N = 1_000

// The baseline inserts the same row, with a precomputed hash, in its own transaction: the ratio is the
// cost of the chain (the advisory lock, reading the head, hashing).
async function measure(store: Store, label: string): Promise<BenchResult> {
  await store.query(`CREATE TABLE IF NOT EXISTS bench_plain (LIKE ledger_event INCLUDING ALL)`)
  const payload = { caseId: 'c1', action: 'block', reason: 'CONTENT_FRAUD', scope: 'url' }
  let t = performance.now()
  for (let i = 0; i < N; i++) {
    await store.db.transaction(async (tx) => {
      await tx.execute(
        `INSERT INTO bench_plain (seq, at, kind, actor, subject, payload, prev_hash, hash) VALUES (${i + 1}, now(), 'bench', 'bench', 's', '${JSON.stringify(payload)}'::jsonb, '${'0'.repeat(64)}', '${randomBytes(32).toString('hex')}')`,
      )
    })
  }
  const plain = (N * 1000) / (performance.now() - t)
  t = performance.now()
  for (let i = 0; i < N; i++) {
    await store.db.transaction((tx) =>
      appendLedger(tx, { kind: 'bench', actor: 'bench', subject: 's', payload }),
    )
  }
  const chained = (N * 1000) / (performance.now() - t)
  return {
    name: `ledger appends/s on ${label}`,
    value: chained,
    unit: 'appends/s',
    baseline: 'plain INSERT',
    baselineValue: plain,
    ratio: chained / plain,
  }
}

export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = []
  const lite = await openStore({ kind: 'pglite', dataDir: null })
  try {
    await migrate(lite)
    results.push(await measure(lite, 'PGlite'))
  } finally {
    await lite.close()
  }
  const adminUrl = process.env.HUTONG_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
  const name = `hutong_bench_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  try {
    await admin.connect()
  } catch {
    return results // no PostgreSQL here: the PGlite figure stands alone
  }
  await admin.query(`CREATE DATABASE ${name}`)
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  const store = await openStore({ kind: 'postgres', url: url.toString() })
  try {
    await migrate(store)
    results.push(await measure(store, 'PostgreSQL'))
  } finally {
    await store.close()
    await admin.query(`DROP DATABASE ${name} WITH (FORCE)`)
    await admin.end()
  }
  return results
}

if (import.meta.url === `file://${process.argv[1]}`) for (const r of await run()) console.log(r)
