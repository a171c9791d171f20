import { and, desc, eq, inArray, isNull, ne } from 'drizzle-orm'
import type { Context } from '../context.js'
import { caseDecision, complaintCase } from '../db/schema/index.js'
import { ConflictError, NotFoundError } from '../errors.js'
import { listAppeals, type AppealView } from './appeals.js'
import { announceCaseActionsChanged } from './case-actions.js'
import { summarise, type CaseSummary } from './cases.js'
import { appendLedger } from './ledger.js'
import { enqueueWebhooks } from './webhooks.js'

type CaseRow = typeof complaintCase.$inferSelect

export interface ProviderCase extends CaseSummary {
  notice: {
    state: string
    noticedAt: string | null
    acknowledgedAt: string | null
    fixedAt: string | null
    fixVerifiedAt: string | null
  }
}

function noticeOf(row: CaseRow): ProviderCase['notice'] {
  return {
    state: row.noticeState,
    noticedAt: row.noticedAt?.toISOString() ?? null,
    acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
    fixedAt: row.fixedAt?.toISOString() ?? null,
    fixVerifiedAt: row.fixVerifiedAt?.toISOString() ?? null,
  }
}

/** A provider's cases, newest activity first, with where each notice stands. */
export async function providerCases(ctx: Context, provider: string): Promise<ProviderCase[]> {
  const rows = await ctx.db
    .select()
    .from(complaintCase)
    .where(eq(complaintCase.provider, provider))
    .orderBy(desc(complaintCase.lastSeen))
    .limit(500)
  const now = ctx.now()
  return rows.map((row) => ({ ...summarise(row, now), notice: noticeOf(row) }))
}

/** The decisions about a provider's links, each with its statement of reasons. */
export async function providerDecisions(
  ctx: Context,
  provider: string,
): Promise<
  {
    id: string
    caseId: string
    action: string
    reason: string
    automated: boolean
    decidedAt: string
    liftedAt: string | null
    liftedReason: string | null
    statement: unknown
  }[]
> {
  const cases = await ctx.db
    .select({ id: complaintCase.id })
    .from(complaintCase)
    .where(eq(complaintCase.provider, provider))
  if (cases.length === 0) return []
  const rows = await ctx.db
    .select()
    .from(caseDecision)
    .where(
      inArray(
        caseDecision.caseId,
        cases.map((c) => c.id),
      ),
    )
    .orderBy(desc(caseDecision.decidedAt))
    .limit(1000)
  return rows.map((d) => ({
    id: d.id,
    caseId: d.caseId,
    action: d.action,
    reason: d.reason,
    automated: d.automated,
    decidedAt: d.decidedAt.toISOString(),
    liftedAt: d.liftedAt?.toISOString() ?? null,
    liftedReason: d.liftedReason,
    statement: d.statement,
  }))
}

export function providerAppeals(ctx: Context, provider: string): Promise<AppealView[]> {
  return listAppeals(ctx, { provider })
}

async function ownCase(ctx: Context, provider: string, caseId: string): Promise<CaseRow> {
  const [row] = await ctx.db
    .select()
    .from(complaintCase)
    .where(and(eq(complaintCase.id, caseId), eq(complaintCase.provider, provider)))
  // Another provider's case is "not found", so ids cannot be probed.
  if (!row) throw new NotFoundError('case', caseId)
  return row
}

/** The provider has seen the notice. */
export async function acknowledgeNotice(
  ctx: Context,
  provider: string,
  caseId: string,
  actor: string,
): Promise<ProviderCase> {
  const row = await ownCase(ctx, provider, caseId)
  if (row.noticeState !== 'notified')
    throw new ConflictError('notice_state', `the notice is ${row.noticeState}, not notified`)
  const at = ctx.now()
  const updated = await ctx.db.transaction(async (tx) => {
    const [saved] = await tx
      .update(complaintCase)
      .set({ noticeState: 'acknowledged', acknowledgedAt: at })
      .where(and(eq(complaintCase.id, caseId), eq(complaintCase.noticeState, 'notified')))
      .returning()
    if (!saved) throw new ConflictError('notice_state', 'the notice changed meanwhile')
    await appendLedger(tx, {
      kind: 'case.notice.acknowledged',
      actor,
      subject: `case:${caseId}`,
      payload: {
        caseId,
        provider,
        noticedAt: row.noticedAt?.toISOString() ?? null,
        acknowledgedAt: at.toISOString(),
      },
      at,
    })
    return saved
  })
  return { ...summarise(updated, at), notice: noticeOf(updated) }
}

/** The provider says the link is fixed (taken down, cleaned); a reviewer then verifies it. */
export async function markFixed(
  ctx: Context,
  provider: string,
  caseId: string,
  actor: string,
  note: string | undefined,
): Promise<ProviderCase> {
  const row = await ownCase(ctx, provider, caseId)
  if (row.noticeState !== 'notified' && row.noticeState !== 'acknowledged')
    throw new ConflictError(
      'notice_state',
      `the notice is ${row.noticeState}; only an open notice can be marked fixed`,
    )
  const at = ctx.now()
  const updated = await ctx.db.transaction(async (tx) => {
    const [saved] = await tx
      .update(complaintCase)
      .set({ noticeState: 'fixed', fixedAt: at, acknowledgedAt: row.acknowledgedAt ?? at })
      .where(
        and(eq(complaintCase.id, caseId), inArray(complaintCase.noticeState, ['notified', 'acknowledged'])),
      )
      .returning()
    if (!saved) throw new ConflictError('notice_state', 'the notice changed meanwhile')
    await appendLedger(tx, {
      kind: 'case.notice.fixed',
      actor,
      subject: `case:${caseId}`,
      payload: {
        caseId,
        provider,
        noticedAt: row.noticedAt?.toISOString() ?? null,
        fixedAt: at.toISOString(),
        note: note ?? null,
      },
      at,
    })
    return saved
  })
  return { ...summarise(updated, at), notice: noticeOf(updated) }
}

/**
 * A reviewer checks a fix. Verified: the notice closes, the case's actions are lifted, and the
 * notice-to-fix time is recorded for grading. Not verified: the notice reopens.
 */
export async function verifyFix(
  ctx: Context,
  caseId: string,
  reviewer: string,
  input: { verified: boolean; note?: string | undefined },
): Promise<ProviderCase> {
  const at = ctx.now()
  const updated = await ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(complaintCase).where(eq(complaintCase.id, caseId)).for('update')
    if (!row) throw new NotFoundError('case', caseId)
    if (row.noticeState !== 'fixed')
      throw new ConflictError('notice_state', `the notice is ${row.noticeState}, not fixed`)
    const base = {
      caseId,
      provider: row.provider,
      noticedAt: row.noticedAt?.toISOString() ?? null,
      fixedAt: row.fixedAt?.toISOString() ?? null,
      note: input.note ?? null,
    }
    let saved: CaseRow | undefined
    if (input.verified) {
      ;[saved] = await tx
        .update(complaintCase)
        .set({ noticeState: 'verified', fixVerifiedAt: at })
        .where(eq(complaintCase.id, caseId))
        .returning()
      const lifted = await tx
        .update(caseDecision)
        .set({ liftedAt: at, liftedBy: reviewer, liftedReason: 'fix_verified' })
        .where(
          and(
            eq(caseDecision.caseId, caseId),
            isNull(caseDecision.liftedAt),
            ne(caseDecision.action, 'dismiss'),
          ),
        )
        .returning({ id: caseDecision.id })
      const hours =
        row.noticedAt && row.fixedAt ? (row.fixedAt.getTime() - row.noticedAt.getTime()) / 3_600_000 : null
      await appendLedger(tx, {
        kind: 'case.fix.verified',
        actor: reviewer,
        subject: `case:${caseId}`,
        payload: {
          ...base,
          verifiedAt: at.toISOString(),
          noticeToFixHours: hours,
          lifted: lifted.map((l) => l.id),
        },
        at,
      })
    } else {
      ;[saved] = await tx
        .update(complaintCase)
        .set({ noticeState: 'notified', fixedAt: null })
        .where(eq(complaintCase.id, caseId))
        .returning()
      await appendLedger(tx, {
        kind: 'case.fix.rejected',
        actor: reviewer,
        subject: `case:${caseId}`,
        payload: { ...base, rejectedAt: at.toISOString() },
        at,
      })
    }
    if (row.provider)
      await enqueueWebhooks(
        tx,
        [`provider:${row.provider}`],
        'case.notice',
        { caseId, verified: input.verified, note: input.note ?? null },
        at,
      )
    return saved!
  })
  if (input.verified) await announceCaseActionsChanged(ctx, caseId)
  return { ...summarise(updated, at), notice: noticeOf(updated) }
}
