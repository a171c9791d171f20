import { and, asc, eq, gt, inArray, lt } from 'drizzle-orm'
import type { Context, SingletonKey } from '../context.js'
import { ledgerEvent } from '../db/schema/index.js'
import type { LedgerEvent } from '../core/ledger/chain.js'
import {
  computeTransparencyReport,
  DECISION_KINDS,
  parsePeriod,
  redactStatement,
  type TransparencyPeriod,
  type TransparencyReport,
} from '../core/transparency/index.js'
import { InvalidInputError } from '../errors.js'
import { ledgerEventOf, ledgerHead } from './ledger.js'
import { currentPolicy, policyHistory } from './policy.js'

const PAGE = 5000
const DAY = 86_400_000

/** Every ledger event before `to`, oldest first: exactly what an export holds up to that time. */
export async function ledgerEventsBefore(ctx: Context, to: Date): Promise<LedgerEvent[]> {
  const events: LedgerEvent[] = []
  let after = 0
  for (;;) {
    const rows = await ctx.db
      .select()
      .from(ledgerEvent)
      .where(and(gt(ledgerEvent.seq, after), lt(ledgerEvent.at, to)))
      .orderBy(asc(ledgerEvent.seq))
      .limit(PAGE)
    for (const row of rows) events.push(ledgerEventOf(row))
    if (rows.length < PAGE) return events
    after = rows[rows.length - 1]!.seq
  }
}

/** The period of "the latest report": the 365 days up to the end of today (UTC). */
export function latestPeriod(now: Date): TransparencyPeriod {
  const to = Math.floor(now.getTime() / DAY) * DAY + DAY
  return { from: new Date(to - 365 * DAY).toISOString(), to: new Date(to).toISOString() }
}

interface ReportCache {
  entries: Map<string, { headSeq: number; computedAt: number; report: TransparencyReport }>
}

// A public route must not recompute over the whole ledger on every request while reports stream in:
// a report may be this old when the ledger has grown. It names the seq it read, so it stays recomputable.
const MAX_STALE_MS = 30_000

const CACHE: SingletonKey<ReportCache> = Symbol('transparency-cache')

/**
 * The transparency report for a period, computed by the same pure function an auditor runs on an export.
 * Cached per period until the ledger grows, and for at least 30 s; `ledger.throughSeq` says what it read.
 * @example await transparencyReport(ctx, { from: '2021-11-01', to: '2021-12-01' })
 */
export async function transparencyReport(
  ctx: Context,
  input: { from?: string | undefined; to?: string | undefined } = {},
): Promise<TransparencyReport> {
  const fallback = latestPeriod(ctx.now())
  const to = input.to ?? fallback.to
  const from = input.from ?? new Date(Date.parse(to) - 365 * DAY).toISOString()
  const period = parsePeriod(from, to)
  if (!period.ok) throw new InvalidInputError('period_invalid', period.issues[0]!.message, period.issues)
  // A store that never decided anything still has a policy in force: seed it, so the ledger says so.
  await currentPolicy(ctx)
  const cache = ctx.singleton(CACHE, (): ReportCache => ({ entries: new Map() }))
  const key = `${period.value.from}|${period.value.to}`
  const head = await ledgerHead(ctx.db)
  const hit = cache.entries.get(key)
  if (hit && (hit.headSeq === head.seq || Date.now() - hit.computedAt < MAX_STALE_MS)) return hit.report
  const computed = computeTransparencyReport(
    await ledgerEventsBefore(ctx, new Date(period.value.to)),
    period.value,
  )
  if (!computed.ok)
    throw new InvalidInputError('period_invalid', computed.issues[0]!.message, computed.issues)
  if (cache.entries.size > 64) cache.entries.clear()
  cache.entries.set(key, { headSeq: head.seq, computedAt: Date.now(), report: computed.value })
  return computed.value
}

/** A decision (or appeal outcome) from the ledger as an auditor sees it: reporter identities removed. */
export interface AuditedDecision {
  seq: number
  at: string
  kind: string
  actor: string
  subject: string
  hash: string
  payload: unknown
}

export const AUDITED_DECISION_KINDS: readonly string[] = [...DECISION_KINDS, 'appeal.decision']

/**
 * Decisions with their statements of reasons, read from the ledger (so an auditor can match each one
 * to its hash in an export), reporter identities redacted; oldest first, after `after`.
 */
export async function auditedDecisions(
  ctx: Context,
  page: { after: number; limit: number; kind?: string | undefined },
): Promise<{ items: AuditedDecision[]; next: number | null }> {
  const kinds = page.kind ? [page.kind] : [...AUDITED_DECISION_KINDS]
  const rows = await ctx.db
    .select()
    .from(ledgerEvent)
    .where(and(gt(ledgerEvent.seq, page.after), inArray(ledgerEvent.kind, kinds)))
    .orderBy(asc(ledgerEvent.seq))
    .limit(page.limit)
  const items = rows.map((row) => ({
    seq: row.seq,
    at: row.at.toISOString(),
    kind: row.kind,
    actor: row.actor,
    subject: row.subject,
    hash: row.hash,
    payload: redactStatement(row.payload),
  }))
  return { items, next: rows.length === page.limit ? rows[rows.length - 1]!.seq : null }
}

export interface AuditedPolicyVersion {
  version: string
  publishedAt: string
  publishedBy: string
  note: string | null
  previousVersion: string | null
  sha256: string | null
  ledgerSeq: number | null
  diff: unknown
  document?: unknown
}

/** Every published policy version with its diff from the ledger; the documents themselves on request. */
export async function auditedPolicyHistory(
  ctx: Context,
  withDocuments: boolean,
): Promise<AuditedPolicyVersion[]> {
  const history = await policyHistory(ctx)
  const events = await ctx.db
    .select()
    .from(ledgerEvent)
    .where(eq(ledgerEvent.kind, 'policy.published'))
    .orderBy(asc(ledgerEvent.seq))
  const byVersion = new Map(events.map((e) => [e.subject.replace(/^policy:/, ''), e]))
  return history.map((record) => {
    const event = byVersion.get(record.version)
    const payload = (event?.payload ?? {}) as {
      previousVersion?: string | null
      sha256?: string
      diff?: unknown
    }
    return {
      version: record.version,
      publishedAt: record.publishedAt,
      publishedBy: record.publishedBy,
      note: record.note,
      previousVersion: payload.previousVersion ?? null,
      sha256: payload.sha256 ?? null,
      ledgerSeq: event?.seq ?? null,
      diff: payload.diff ?? null,
      ...(withDocuments ? { document: record.document } : {}),
    }
  })
}
