import { randomBytes, randomUUID } from 'node:crypto'
import pg from 'pg'
import { testConfig } from '../src/config/config.js'
import { createContext, type Context } from '../src/context.js'
import { openStore } from '../src/db/client.js'
import { configureComplaints } from '../src/services/reports-config.js'
import { submitReport } from '../src/services/reports.js'
import type { BenchResult } from './harness.js'

const N = 8_000
const CONCURRENCY = 400

async function inParallel(
  n: number,
  concurrency: number,
  fn: (i: number) => Promise<unknown>,
): Promise<number> {
  let next = 0
  const start = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) await fn(next++)
    }),
  )
  return (n * 1000) / (performance.now() - start)
}

// Intake: the full path behind POST /v1/reports (validation, case upsert with counters, dedup, standing,
// storm window, ledger chain, webhook outbox, evidence job), group-committed. The baseline is what a
// naive desk would do: one autocommitted INSERT of the report row per request, on the same pool.
async function measure(ctx: Context, offset: number): Promise<{ intake: number; plain: number }> {
  const submitter = { keyId: 'bench', actor: 'platform:bench', flagger: false }
  const warm = await inParallel(500, CONCURRENCY, (i) =>
    submitReport(
      ctx,
      {
        reporterId: `warm-${offset}-${i}`,
        url: `https://item.jd.com/${i % 997}.html`,
        scenario: 'group',
        category: 'fraud',
      },
      submitter,
    ),
  )
  void warm
  const intake = await inParallel(N, CONCURRENCY, (i) =>
    submitReport(
      ctx,
      {
        reporterId: `r-${offset}-${i}`,
        url: `https://item.jd.com/${(i * 7) % 2003}.html?utm_source=${i}`,
        scenario: 'group',
        category: i % 3 === 0 ? 'fraud' : 'marketing',
        text: '假冒客服',
      },
      submitter,
    ),
  )
  await ctx.store.query('CREATE TABLE IF NOT EXISTS bench_report (LIKE report INCLUDING ALL)')
  const plain = await inParallel(N, CONCURRENCY, (i) =>
    ctx.store.query(
      `INSERT INTO bench_report (id, case_id, submitted_by, reporter_id, reporter_hash, url, scenario, category, text, request_hash, dedup_key, counted, weight, held, storm_key, reporter_new, created_at)
       VALUES ($1, 'c', 'bench', $2, $2, $3, 'group', 'fraud', '假冒客服', 'h', $1, true, 1, false, 'provider:jd', true, now())`,
      [randomUUID(), `p-${offset}-${i}`, `https://item.jd.com/${i % 2003}.html`],
    ),
  )
  return { intake, plain }
}

export async function run(): Promise<BenchResult[]> {
  const adminUrl = process.env.HUTONG_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
  const name = `hutong_bench_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  try {
    await admin.connect()
  } catch {
    return [] // no PostgreSQL here: this bench is about PostgreSQL intake
  }
  await admin.query(`CREATE DATABASE ${name}`)
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  const store = await openStore({ kind: 'postgres', url: url.toString() })
  const ctx = await createContext(testConfig(), { store })
  configureComplaints(ctx, { workerIntervalMs: 0 })
  try {
    const { intake, plain } = await measure(ctx, 0)
    return [
      {
        name: 'report intake/s on PostgreSQL (group commit, full path)',
        value: intake,
        unit: 'reports/s',
        baseline: 'plain INSERT per report',
        baselineValue: plain,
        ratio: intake / plain,
        target: '≥ 2,000 reports/s',
      },
    ]
  } finally {
    await ctx.close()
    await store.close()
    await admin.query(`DROP DATABASE ${name} WITH (FORCE)`)
    await admin.end()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) for (const r of await run()) console.log(r)
