import { randomUUID } from 'node:crypto'
import { and, asc, eq } from 'drizzle-orm'
import type { Context } from '../context.js'
import { appeal, caseDecision, complaintCase } from '../db/schema/index.js'
import { AuthError, ConflictError, InvalidInputError, NotFoundError } from '../errors.js'
import { announceCaseActionsChanged } from './case-actions.js'
import { appendLedger } from './ledger.js'
import { complaintsConfig } from './reports-config.js'
import { newestFirst } from './reports.js'
import { liftDecision, recordDecision } from './review-decision.js'
import { resolveDecision, type DecisionInput } from './review.js'
import { enqueueWebhooks } from './webhooks.js'

export type AppealBy = 'provider' | 'sharer' | 'reporter'
export type AppealOutcome = 'upheld' | 'reversed' | 'modified'

export interface AppealView {
  id: string
  caseId: string
  decisionId: string
  by: AppealBy
  provider: string | null
  text: string
  state: 'pending' | AppealOutcome
  filedAt: string
  decidedAt: string | null
  decidedBy: string | null
  response: string | null
  newDecisionId: string | null
}

function view(row: typeof appeal.$inferSelect): AppealView {
  return {
    id: row.id,
    caseId: row.caseId,
    decisionId: row.decisionId,
    by: row.by,
    provider: row.provider,
    text: row.text,
    state: row.state,
    filedAt: row.filedAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decidedBy: row.decidedBy,
    response: row.response,
    newDecisionId: row.newDecisionId,
  }
}

/** Who is filing: the acting key, and the provider it speaks for when it is a provider key. */
export interface Appellant {
  actor: string
  provider: string | null
}

/**
 * Files an appeal against a case's standing decision, within the window (180 days by default).
 * Providers may appeal only cases about their own domains, and only as `provider`.
 */
export async function fileAppeal(
  ctx: Context,
  caseId: string,
  who: Appellant,
  input: { by: AppealBy; text: string },
): Promise<AppealView> {
  const at = ctx.now()
  const row = await ctx.db.transaction(async (tx) => {
    const [kase] = await tx.select().from(complaintCase).where(eq(complaintCase.id, caseId))
    if (!kase) throw new NotFoundError('case', caseId)
    if (input.by === 'provider' || who.provider !== null) {
      if (input.by !== 'provider' || who.provider === null || who.provider !== kase.provider) {
        throw new AuthError(
          'forbidden',
          'only the provider whose domain the case is about may appeal as provider',
        )
      }
    }
    const decisions = (await tx.select().from(caseDecision).where(eq(caseDecision.caseId, caseId))).sort(
      newestFirst,
    )
    const standing = decisions.find(
      (d) =>
        d.liftedReason !== 'superseded' &&
        d.liftedReason !== 'appeal_reversed' &&
        d.liftedReason !== 'appeal_modified',
    )
    if (!standing) throw new ConflictError('nothing_to_appeal', `case ${caseId} has no decision to appeal`)
    const windowDays = complaintsConfig(ctx).appealWindowDays
    if (at.getTime() - standing.decidedAt.getTime() > windowDays * 86_400_000) {
      throw new InvalidInputError(
        'appeal_window_closed',
        `appeals close ${windowDays} days after the decision`,
      )
    }
    const pending = await tx
      .select({ id: appeal.id })
      .from(appeal)
      .where(and(eq(appeal.decisionId, standing.id), eq(appeal.by, input.by), eq(appeal.state, 'pending')))
    if (pending.length > 0)
      throw new ConflictError(
        'appeal_pending',
        `an appeal by the ${input.by} on this decision is already pending`,
      )
    const [saved] = await tx
      .insert(appeal)
      .values({
        id: randomUUID(),
        caseId,
        decisionId: standing.id,
        by: input.by,
        filedBy: who.actor,
        provider: who.provider,
        text: input.text,
        state: 'pending',
        filedAt: at,
      })
      .returning()
    await appendLedger(tx, {
      kind: 'appeal.filed',
      actor: who.actor,
      subject: `case:${caseId}`,
      payload: {
        appealId: saved!.id,
        caseId,
        decisionId: standing.id,
        by: input.by,
        provider: kase.provider,
        decisionAt: standing.decidedAt.toISOString(),
      },
      at,
    })
    return saved!
  })
  return view(row)
}

export async function listAppeals(
  ctx: Context,
  filter: { state?: string | undefined; provider?: string | undefined },
): Promise<AppealView[]> {
  const where = []
  if (filter.state) where.push(eq(appeal.state, filter.state as 'pending'))
  if (filter.provider) where.push(eq(appeal.provider, filter.provider))
  const rows = await ctx.db
    .select()
    .from(appeal)
    .where(where.length > 0 ? and(...where) : undefined)
    .orderBy(asc(appeal.filedAt))
    .limit(500)
  return rows.map(view)
}

export async function getAppeal(ctx: Context, id: string): Promise<AppealView> {
  const [row] = await ctx.db.select().from(appeal).where(eq(appeal.id, id))
  if (!row) throw new NotFoundError('appeal', id)
  return view(row)
}

/**
 * Decides an appeal. The reviewer must differ from the appealed decision's author (409
 * `appeal_same_reviewer`). A reversal lifts the action on every node at once; a modification replaces it.
 */
export async function decideAppeal(
  ctx: Context,
  id: string,
  reviewer: string,
  input: { outcome: AppealOutcome; response: string; newDecision?: DecisionInput | undefined },
): Promise<AppealView> {
  const at = ctx.now()
  if (input.outcome === 'modified' && input.newDecision === undefined) {
    throw new InvalidInputError('new_decision_required', 'a modified outcome needs newDecision', [
      { code: 'required', path: ['newDecision'], message: 'required when outcome is modified' },
    ])
  }
  const saved = await ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(appeal).where(eq(appeal.id, id)).for('update')
    if (!row) throw new NotFoundError('appeal', id)
    if (row.state !== 'pending')
      throw new ConflictError('appeal_decided', `appeal ${id} was already decided (${row.state})`)
    const [decision] = await tx.select().from(caseDecision).where(eq(caseDecision.id, row.decisionId))
    const [kase] = await tx.select().from(complaintCase).where(eq(complaintCase.id, row.caseId)).for('update')
    if (!decision || !kase) throw new NotFoundError('decision', row.decisionId)
    if (decision.decidedBy === reviewer) {
      throw new ConflictError(
        'appeal_same_reviewer',
        'the reviewer who made the appealed decision cannot decide its appeal',
      )
    }
    let newDecisionId: string | null = null
    if (input.outcome === 'reversed') {
      await liftDecision(tx, decision.id, reviewer, 'appeal_reversed', at)
      await tx.update(complaintCase).set({ noticeState: 'none' }).where(eq(complaintCase.id, kase.id))
    } else if (input.outcome === 'modified') {
      const next = input.newDecision!
      const { target, category } = resolveDecision(ctx, kase, next)
      await liftDecision(tx, decision.id, reviewer, 'appeal_modified', at)
      const made = await recordDecision(
        tx,
        ctx,
        kase,
        {
          action: next.action,
          scope: next.scope,
          target,
          scenarios: next.scenarios && next.scenarios.length > 0 ? next.scenarios : null,
          durationHours: next.durationHours ?? null,
          ground: next.ground,
          reason: next.reason,
          category,
          explanation: next.explanation,
          facts: next.facts ?? null,
          automated: false,
          autoRule: null,
          decidedBy: reviewer,
          ledgerKind: 'case.decision',
          extra: { appealId: id, replaces: decision.id },
        },
        at,
      )
      newDecisionId = made.decision.id
    }
    const [updated] = await tx
      .update(appeal)
      .set({
        state: input.outcome,
        decidedAt: at,
        decidedBy: reviewer,
        response: input.response,
        newDecisionId,
      })
      .where(eq(appeal.id, id))
      .returning()
    const payload = {
      appealId: id,
      caseId: row.caseId,
      decisionId: decision.id,
      by: row.by,
      provider: kase.provider,
      outcome: input.outcome,
      response: input.response,
      newDecisionId,
      filedAt: row.filedAt.toISOString(),
      decisionCategory: decision.category,
      decisionAction: decision.action,
    }
    await appendLedger(tx, {
      kind: 'appeal.decision',
      actor: reviewer,
      subject: `case:${row.caseId}`,
      payload,
      at,
    })
    const owners = ['platform', ...(kase.provider ? [`provider:${kase.provider}`] : [])]
    await enqueueWebhooks(tx, owners, 'appeal.decided', payload, at)
    return updated!
  })
  if (input.outcome !== 'upheld') await announceCaseActionsChanged(ctx, saved.caseId)
  return view(saved)
}
