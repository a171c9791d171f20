import { createHash } from 'node:crypto'
import { canonicalJson } from './canonical-json.js'

/** The hash every chain starts from. */
export const GENESIS_HASH = '0'.repeat(64)

export interface LedgerEventBody {
  seq: number
  at: string
  kind: string
  actor: string
  subject: string
  payload: unknown
}

export interface LedgerEvent extends LedgerEventBody {
  prevHash: string
  hash: string
}

/** `sha256(prev_hash ‖ canonical JSON of the event)`, hex. */
export function hashLedgerEvent(prevHash: string, body: LedgerEventBody): string {
  const { seq, at, kind, actor, subject, payload } = body
  return createHash('sha256')
    .update(prevHash)
    .update(canonicalJson({ seq, at, kind, actor, subject, payload }))
    .digest('hex')
}

export type ChainCheck =
  | { ok: true; count: number; lastSeq: number | null; headHash: string }
  | { ok: false; count: number; badSeq: number; problem: 'hash_mismatch' | 'prev_hash_mismatch' | 'seq_gap' }

/**
 * Incremental chain verifier, so a long export can be checked as a stream.
 * @example const v = createChainVerifier(); for (const e of events) if (!v.push(e)) break; v.result()
 */
export function createChainVerifier(
  start: { prevHash: string; nextSeq: number | null } = { prevHash: GENESIS_HASH, nextSeq: null },
) {
  let prevHash = start.prevHash
  let expectedSeq = start.nextSeq
  let count = 0
  let lastSeq: number | null = null
  let failure: Extract<ChainCheck, { ok: false }> | null = null
  return {
    push(event: LedgerEvent): boolean {
      if (failure) return false
      if (expectedSeq !== null && event.seq !== expectedSeq) {
        failure = { ok: false, count, badSeq: event.seq, problem: 'seq_gap' }
      } else if (event.prevHash !== prevHash) {
        failure = { ok: false, count, badSeq: event.seq, problem: 'prev_hash_mismatch' }
      } else if (hashLedgerEvent(prevHash, event) !== event.hash) {
        failure = { ok: false, count, badSeq: event.seq, problem: 'hash_mismatch' }
      }
      if (failure) return false
      prevHash = event.hash
      expectedSeq = event.seq + 1
      lastSeq = event.seq
      count++
      return true
    },
    result(): ChainCheck {
      return failure ?? { ok: true, count, lastSeq, headHash: prevHash }
    },
  }
}

/** Verifies a whole chain held in memory. */
export function verifyChain(events: Iterable<LedgerEvent>): ChainCheck {
  const verifier = createChainVerifier({ prevHash: GENESIS_HASH, nextSeq: 1 })
  for (const event of events) if (!verifier.push(event)) break
  return verifier.result()
}
