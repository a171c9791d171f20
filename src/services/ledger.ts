import { asc, desc, gt, sql } from 'drizzle-orm'
import type { Db, Executor } from '../db/client.js'
import { ledgerEvent } from '../db/schema/index.js'
import {
  GENESIS_HASH,
  createChainVerifier,
  hashLedgerEvent,
  type ChainCheck,
  type LedgerEvent,
} from '../core/ledger/chain.js'

// pg_advisory_xact_lock key for ledger appends: one writer at a time, so the chain never forks.
const LEDGER_LOCK_KEY = 7_311_447_021_110_902

export interface LedgerAppend {
  kind: string
  actor: string
  subject: string
  payload: unknown
  at?: Date
}

/**
 * Appends one event inside the caller's transaction, so the event commits with the change it records.
 * @example await db.transaction(async (tx) => { await change(tx); await appendLedger(tx, { kind, actor, subject, payload }) })
 */
export async function appendLedger(tx: Executor, event: LedgerAppend): Promise<LedgerEvent> {
  const [appended] = await appendLedgerBatch(tx, [event])
  return appended!
}

/**
 * Appends several events in order inside the caller's transaction, with one lock, one head read and
 * one INSERT: group-committed report intake needs this to reach thousands of events per second.
 */
export async function appendLedgerBatch(
  tx: Executor,
  events: readonly LedgerAppend[],
): Promise<LedgerEvent[]> {
  if (events.length === 0) return []
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${LEDGER_LOCK_KEY})`)
  const [last] = await tx
    .select({ seq: ledgerEvent.seq, hash: ledgerEvent.hash })
    .from(ledgerEvent)
    .orderBy(desc(ledgerEvent.seq))
    .limit(1)
  let seq = last?.seq ?? 0
  let prevHash = last?.hash ?? GENESIS_HASH
  const appended: LedgerEvent[] = []
  const rows: (typeof ledgerEvent.$inferInsert)[] = []
  for (const event of events) {
    seq += 1
    const at = event.at ?? new Date()
    // Hash exactly what jsonb will give back: JSON-safe values only.
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
    appended.push({ ...body, prevHash, hash })
    rows.push({ ...body, at, prevHash, hash })
    prevHash = hash
  }
  await tx.insert(ledgerEvent).values(rows)
  return appended
}

/** A stored row as the chain's event shape (ISO times), as exports and verification read it. */
export function ledgerEventOf(row: typeof ledgerEvent.$inferSelect): LedgerEvent {
  return {
    seq: row.seq,
    at: row.at.toISOString(),
    kind: row.kind,
    actor: row.actor,
    subject: row.subject,
    payload: row.payload,
    prevHash: row.prevHash,
    hash: row.hash,
  }
}

/** A page of the ledger after `after`, oldest first. */
export async function listLedger(db: Executor, after: number, limit: number): Promise<LedgerEvent[]> {
  const rows = await db
    .select()
    .from(ledgerEvent)
    .where(gt(ledgerEvent.seq, after))
    .orderBy(asc(ledgerEvent.seq))
    .limit(limit)
  return rows.map(ledgerEventOf)
}

/** Recomputes the stored chain page by page; reports the first bad seq. */
export async function verifyStoredLedger(db: Db, pageSize = 1000): Promise<ChainCheck> {
  const verifier = createChainVerifier({ prevHash: GENESIS_HASH, nextSeq: 1 })
  let after = 0
  for (;;) {
    const page = await listLedger(db, after, pageSize)
    for (const event of page) if (!verifier.push(event)) return verifier.result()
    if (page.length < pageSize) return verifier.result()
    after = page[page.length - 1]!.seq
  }
}

/** The newest event's seq and hash; seq 0 and the genesis hash for an empty ledger. */
export async function ledgerHead(db: Executor): Promise<{ seq: number; hash: string }> {
  const [last] = await db
    .select({ seq: ledgerEvent.seq, hash: ledgerEvent.hash })
    .from(ledgerEvent)
    .orderBy(desc(ledgerEvent.seq))
    .limit(1)
  return last ?? { seq: 0, hash: GENESIS_HASH }
}
