import { createHash, randomUUID } from 'node:crypto'
import { and, desc, eq, sql } from 'drizzle-orm'
import type { Context, SingletonKey } from '../context.js'
import { appeal, caseDecision, complaintCase, report } from '../db/schema/index.js'
import { caseSubject, dedupKey, reporterHash } from '../core/complaints/index.js'
import { canonicalJson } from '../core/ledger/canonical-json.js'
import { extract } from '../core/links/index.js'
import { lookupHost } from '../core/providers/index.js'
import { InvalidInputError, NotFoundError } from '../errors.js'
import { announceCaseActionsChanged } from './case-actions.js'
import { registryOf } from './reference-data.js'
import { complaintsConfig } from './reports-config.js'
import { commitReportBatch } from './reports-intake.js'
import type { IntakeOutcome, PreparedReport, ReportInput, ReportReceipt, Submitter } from './reports-types.js'
import { assessLink } from './safety.js'

export type { ReportInput, ReportReceipt, Submitter } from './reports-types.js'

/** Checks and keys one report; throws InvalidInputError on a link that is not http(s). */
export function prepareReport(ctx: Context, input: ReportInput, submitter: Submitter): PreparedReport {
  const cfg = complaintsConfig(ctx)
  const subject = caseSubject(input.url)
  if (subject === null)
    throw new InvalidInputError('invalid_url', 'url is not an http(s) link with a valid host', [
      { code: 'invalid_url', path: ['url'], message: 'not an http(s) link' },
    ])
  if (input.text !== undefined && [...input.text].length > cfg.textMax) {
    throw new InvalidInputError('text_too_long', `text is at most ${cfg.textMax} characters`, [
      { code: 'too_long', path: ['text'], message: `at most ${cfg.textMax} characters` },
    ])
  }
  const registry = registryOf(ctx)
  const at = ctx.now()
  const span = extract(subject.key, registry).links[0]
  const provider =
    span?.provider ?? lookupHost(registry, subject.host, new URL(subject.key).pathname)?.provider.id ?? null
  const reporter = reporterHash(ctx.signingKey, input.reporterId)
  return {
    id: randomUUID(),
    input,
    submitter,
    subject,
    provider,
    verdict: span ? assessLink(ctx, span, null).verdict : 'unknown',
    reporter,
    dedup: dedupKey(reporter, subject.key, input.category, at),
    stormKey: provider === null ? `domain:${subject.domain}` : `provider:${provider}`,
    requestHash: createHash('sha256').update(canonicalJson(input)).digest('hex'),
  }
}

interface Waiting {
  item: PreparedReport
  resolve(receipt: ReportReceipt): void
  reject(error: unknown): void
}

interface IntakeQueue {
  waiting: Waiting[]
  /** Batches committing now; at most INTAKE_LANES at a time, so one batch is read while another commits. */
  running: Set<Promise<void>>
}

const QUEUE: SingletonKey<IntakeQueue> = Symbol('report-intake-queue')

function queueOf(ctx: Context): IntakeQueue {
  return ctx.singleton(QUEUE, () => {
    const queue: IntakeQueue = { waiting: [], running: new Set() }
    // Let a batch in flight commit before the store closes: an acknowledged report is never lost.
    ctx.onClose(async () => {
      while (queue.running.size > 0) await Promise.all(queue.running)
    })
    return queue
  })
}

// Transient conflicts between nodes: a retry sees the other batch's rows.
const RETRYABLE = new Set(['40001', '40P01', '23505'])

async function commitWithRetry(ctx: Context, items: PreparedReport[]): Promise<IntakeOutcome[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      const { outcomes, actionsChanged } = await commitReportBatch(ctx, items)
      for (const caseId of actionsChanged) await announceCaseActionsChanged(ctx, caseId)
      return outcomes
    } catch (error) {
      const code =
        (error as { code?: string; cause?: { code?: string } }).cause?.code ??
        (error as { code?: string }).code
      if (attempt >= 3 || code === undefined || !RETRYABLE.has(code)) throw error
    }
  }
}

async function drain(ctx: Context, queue: IntakeQueue): Promise<void> {
  const max = complaintsConfig(ctx).intakeBatchMax
  while (queue.waiting.length > 0) {
    const batch = queue.waiting.splice(0, max)
    try {
      const outcomes = await commitWithRetry(
        ctx,
        batch.map((w) => w.item),
      )
      batch.forEach((w, i) => settle(w, outcomes[i]!))
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error)
        continue
      }
      // One bad report must not sink the others: commit them one by one.
      for (const w of batch) {
        try {
          settle(w, (await commitWithRetry(ctx, [w.item]))[0]!)
        } catch (single) {
          w.reject(single)
        }
      }
    }
  }
}

function settle(w: Waiting, outcome: IntakeOutcome): void {
  if (outcome.ok) w.resolve(outcome.value)
  else w.reject(outcome.error)
}

/**
 * Stores a report durably and returns its receipt after the commit. Concurrent reports are
 * group-committed: whoever arrives while a batch is committing joins the next one.
 * @example await submitReport(ctx, { reporterId: 'u1', url: 'https://x.com/a', scenario: 'group', category: 'fraud' }, submitter)
 */
export function submitReport(ctx: Context, input: ReportInput, submitter: Submitter): Promise<ReportReceipt> {
  const item = prepareReport(ctx, input, submitter)
  const queue = queueOf(ctx)
  return new Promise<ReportReceipt>((resolve, reject) => {
    queue.waiting.push({ item, resolve, reject })
    kick(ctx, queue)
  })
}

// Two lanes: while one batch waits on its commit (fsync), the next one is already reading and writing.
const INTAKE_LANES = 2

function kick(ctx: Context, queue: IntakeQueue): void {
  if (queue.running.size >= INTAKE_LANES || queue.waiting.length === 0) return
  // setImmediate lets the reports arriving in this turn join the batch.
  const lane: Promise<void> = new Promise<void>((done) => setImmediate(done))
    .then(() => drain(ctx, queue))
    .finally(() => {
      queue.running.delete(lane)
      // A report queued after the loop's last check but before this point must not wait forever.
      kick(ctx, queue)
    })
  queue.running.add(lane)
}

export type ReporterStatus =
  'received' | 'held_for_review' | 'under_review' | 'interim_action' | 'actioned' | 'no_action' | 'reversed'

export interface ReportStatusView {
  id: string
  caseId: string
  status: ReporterStatus
  url: string
  category: string
  scenario: string
  createdAt: string
  duplicate: boolean
  outcome: {
    decision: string
    reason: string
    decidedAt: string
    statement: unknown
    lifted: string | null
  } | null
  appeal: { state: string; filedAt: string; decidedAt: string | null } | null
}

/** Newest decision first; at the same instant, the one still standing before the one it superseded. */
export function newestFirst(
  a: { decidedAt: Date; liftedReason: string | null },
  b: { decidedAt: Date; liftedReason: string | null },
): number {
  const byTime = b.decidedAt.getTime() - a.decidedAt.getTime()
  if (byTime !== 0) return byTime
  return (a.liftedReason === 'superseded' ? 1 : 0) - (b.liftedReason === 'superseded' ? 1 : 0)
}

/**
 * What the reporter may be told: where the report stands, and the decision with its statement of reasons.
 * @example (await reportStatus(ctx, id)).status // 'actioned'
 */
export async function reportStatus(
  ctx: Context,
  id: string,
  submittedBy: string | null,
): Promise<ReportStatusView> {
  const [row] = await ctx.db
    .select()
    .from(report)
    .where(
      submittedBy === null ? eq(report.id, id) : and(eq(report.id, id), eq(report.submittedBy, submittedBy)),
    )
  if (!row) throw new NotFoundError('report', id)
  const [kase] = await ctx.db.select().from(complaintCase).where(eq(complaintCase.id, row.caseId))
  const decisions = (
    await ctx.db.select().from(caseDecision).where(eq(caseDecision.caseId, row.caseId))
  ).sort(newestFirst)
  const human = decisions.find((d) => !d.automated)
  const auto = decisions.find((d) => d.automated && d.liftedAt === null)
  const [latestAppeal] = await ctx.db
    .select()
    .from(appeal)
    .where(eq(appeal.caseId, row.caseId))
    .orderBy(desc(appeal.filedAt))
    .limit(1)
  let status: ReporterStatus
  if (human) {
    status =
      human.action === 'dismiss'
        ? 'no_action'
        : human.liftedReason === 'appeal_reversed'
          ? 'reversed'
          : 'actioned'
  } else if (auto) {
    status = 'interim_action'
  } else if (row.held || kase?.heldReason) {
    status = 'held_for_review'
  } else if (kase?.claimUntil && kase.claimUntil > ctx.now()) {
    status = 'under_review'
  } else {
    status = 'received'
  }
  const shown = human ?? auto
  return {
    id: row.id,
    caseId: row.caseId,
    status,
    url: kase?.subjectKey ?? row.url,
    category: row.category,
    scenario: row.scenario,
    createdAt: row.createdAt.toISOString(),
    duplicate: !row.counted,
    outcome: shown
      ? {
          decision: shown.action,
          reason: shown.reason,
          decidedAt: shown.decidedAt.toISOString(),
          statement: shown.statement,
          lifted: shown.liftedReason,
        }
      : null,
    appeal: latestAppeal
      ? {
          state: latestAppeal.state,
          filedAt: latestAppeal.filedAt.toISOString(),
          decidedAt: latestAppeal.decidedAt?.toISOString() ?? null,
        }
      : null,
  }
}

/**
 * Erases report text, message evidence and raw reporter ids older than the retention window; counts,
 * pseudonyms and the ledger stay.
 */
export async function purgeExpiredReports(ctx: Context): Promise<number> {
  const cutoff = new Date(ctx.now().getTime() - complaintsConfig(ctx).retentionDays * 86_400_000)
  const rows = await ctx.db
    .update(report)
    .set({ text: null, evidence: null, reporterId: null })
    .where(
      and(
        sql`${report.createdAt} < ${cutoff}`,
        sql`(${report.text} IS NOT NULL OR ${report.evidence} IS NOT NULL OR ${report.reporterId} IS NOT NULL)`,
      ),
    )
    .returning({ id: report.id })
  return rows.length
}
