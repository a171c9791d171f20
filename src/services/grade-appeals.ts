import { randomUUID } from 'node:crypto'
import { and, asc, eq } from 'drizzle-orm'
import type { Context } from '../context.js'
import { gradeAppeal, gradeState } from '../db/schema/index.js'
import { parseGradeState } from '../core/grading/index.js'
import { ConflictError, NotFoundError } from '../errors.js'
import { recomputeGrades, type ProviderRecompute } from './grade-recompute.js'
import { appendLedger } from './ledger.js'

export type GradeAppealState = 'pending' | 'upheld' | 'corrected'
export type GradeAppealOutcome = Exclude<GradeAppealState, 'pending'>

export interface GradeAppealView {
  id: string
  provider: string
  grade: string
  gradeSince: string
  text: string
  state: GradeAppealState
  filedAt: string
  decidedAt: string | null
  decidedBy: string | null
  response: string | null
}

function view(row: typeof gradeAppeal.$inferSelect): GradeAppealView {
  return {
    id: row.id,
    provider: row.provider,
    grade: row.grade,
    gradeSince: row.gradeSince,
    text: row.text,
    state: row.state,
    filedAt: row.filedAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decidedBy: row.decidedBy,
    response: row.response,
  }
}

/**
 * A provider appeals the grade it holds. One pending appeal per provider at a time; the appeal, and the grade it
 * is against, go to the ledger as `grade.appealed`, and reviewers see it in their grade-appeal queue.
 * @example await fileGradeAppeal(ctx, 'jd', 'provider:key1', '3 of the 20 cases were reversed on appeal')
 */
export async function fileGradeAppeal(
  ctx: Context,
  provider: string,
  actor: string,
  text: string,
): Promise<GradeAppealView> {
  const at = ctx.now()
  const row = await ctx.db.transaction(async (tx) => {
    const [held] = await tx.select().from(gradeState).where(eq(gradeState.provider, provider))
    const state = held ? parseGradeState(held.state) : null
    if (!state?.ok)
      throw new ConflictError('nothing_to_appeal', `provider ${provider} holds no grade to appeal`)
    const pending = await tx
      .select({ id: gradeAppeal.id })
      .from(gradeAppeal)
      .where(and(eq(gradeAppeal.provider, provider), eq(gradeAppeal.state, 'pending')))
    if (pending.length > 0)
      throw new ConflictError('grade_appeal_pending', `an appeal of ${provider}'s grade is already pending`)
    const [saved] = await tx
      .insert(gradeAppeal)
      .values({
        id: randomUUID(),
        provider,
        filedBy: actor,
        grade: state.value.grade,
        gradeSince: state.value.since,
        text,
        state: 'pending',
        filedAt: at,
      })
      .returning()
    await appendLedger(tx, {
      kind: 'grade.appealed',
      actor,
      subject: `provider:${provider}`,
      payload: {
        appealId: saved!.id,
        provider,
        grade: state.value.grade,
        gradeSince: state.value.since,
        text,
      },
      at,
    })
    return saved!
  })
  return view(row)
}

/**
 * Grade appeals, oldest first: the reviewers' queue (`state: 'pending'`) or one provider's.
 * @example await listGradeAppeals(ctx, { state: 'pending' })
 */
export async function listGradeAppeals(
  ctx: Context,
  filter: { state?: GradeAppealState | undefined; provider?: string | undefined },
): Promise<GradeAppealView[]> {
  const where = []
  if (filter.state) where.push(eq(gradeAppeal.state, filter.state))
  if (filter.provider) where.push(eq(gradeAppeal.provider, filter.provider))
  const rows = await ctx.db
    .select()
    .from(gradeAppeal)
    .where(where.length > 0 ? and(...where) : undefined)
    .orderBy(asc(gradeAppeal.filedAt))
    .limit(500)
  return rows.map(view)
}

/**
 * A reviewer decides a grade appeal. `upheld`: the grade stands. `corrected`: the data behind the grade was wrong
 * and has been put right (for example the case decisions it rested on were reversed on appeal), so the grade is
 * recomputed at once and hysteresis restarts from the corrected numbers instead of holding the old grade for
 * 14 more days. Both go to the ledger as `grade.appeal.decided`.
 * @example await decideGradeAppeal(ctx, id, 'reviewer:k2', { outcome: 'upheld', response: 'the violations stand' })
 */
export async function decideGradeAppeal(
  ctx: Context,
  id: string,
  reviewer: string,
  input: { outcome: GradeAppealOutcome; response: string },
): Promise<GradeAppealView & { recompute: ProviderRecompute | null }> {
  const at = ctx.now()
  const saved = await ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(gradeAppeal).where(eq(gradeAppeal.id, id)).for('update')
    if (!row) throw new NotFoundError('grade appeal', id)
    if (row.state !== 'pending')
      throw new ConflictError('appeal_decided', `grade appeal ${id} was already decided (${row.state})`)
    const [updated] = await tx
      .update(gradeAppeal)
      .set({ state: input.outcome, decidedAt: at, decidedBy: reviewer, response: input.response })
      .where(eq(gradeAppeal.id, id))
      .returning()
    await appendLedger(tx, {
      kind: 'grade.appeal.decided',
      actor: reviewer,
      subject: `provider:${row.provider}`,
      payload: {
        appealId: id,
        provider: row.provider,
        grade: row.grade,
        outcome: input.outcome,
        response: input.response,
        filedAt: row.filedAt.toISOString(),
      },
      at,
    })
    return updated!
  })
  const recompute =
    input.outcome === 'corrected'
      ? ((
          await recomputeGrades(ctx, {
            at,
            provider: saved.provider,
            actor: reviewer,
            reset: { appealId: id },
          })
        ).providers[0] ?? null)
      : null
  return { ...view(saved), recompute }
}
