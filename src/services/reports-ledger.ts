import { desc, sql } from 'drizzle-orm'
import type { Executor } from '../db/client.js'
import { ledgerEvent } from '../db/schema/index.js'
import { GENESIS_HASH, hashLedgerEvent } from '../core/ledger/chain.js'
import type { LedgerAppend } from './ledger.js'

// keep in sync with src/services/ledger.ts: the same lock key, head read and hashing, for many events at once.
const LEDGER_LOCK_KEY = 7_311_447_021_110_902

/**
 * Appends several events in order inside the caller's transaction with one lock, one head read and one
 * INSERT; group-committed intake needs this to reach thousands of reports per second.
 */
export async function appendLedgerBatch(tx: Executor, events: readonly LedgerAppend[]): Promise<void> {
  if (events.length === 0) return
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${LEDGER_LOCK_KEY})`)
  const [last] = await tx
    .select({ seq: ledgerEvent.seq, hash: ledgerEvent.hash })
    .from(ledgerEvent)
    .orderBy(desc(ledgerEvent.seq))
    .limit(1)
  let seq = last?.seq ?? 0
  let prevHash = last?.hash ?? GENESIS_HASH
  const rows: {
    seq: number
    at: string
    kind: string
    actor: string
    subject: string
    payload: unknown
    prev_hash: string
    hash: string
  }[] = []
  for (const event of events) {
    seq += 1
    const at = event.at ?? new Date()
    const payload: unknown = JSON.parse(JSON.stringify(event.payload ?? null))
    const body = {
      seq,
      at: at.toISOString(),
      kind: event.kind,
      actor: event.actor,
      subject: event.subject,
      payload,
    }
    const hash = hashLedgerEvent(prevHash, body)
    rows.push({ ...body, prev_hash: prevHash, hash })
    prevHash = hash
  }
  // One JSON parameter for the whole batch; `at` goes back through timestamptz exactly (millisecond ISO strings).
  await tx.execute(sql`
    INSERT INTO ledger_event (seq, at, kind, actor, subject, payload, prev_hash, hash)
    SELECT seq, at, kind, actor, subject, payload, prev_hash, hash
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      AS r(seq bigint, at timestamptz, kind text, actor text, subject text, payload jsonb, prev_hash text, hash text)
    ORDER BY seq`)
}
