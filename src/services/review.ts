import { eq, sql } from 'drizzle-orm'
import type { Context } from '../context.js'
import type { Tx } from '../db/client.js'
import { complaintCase } from '../db/schema/index.js'
import {
  CATEGORY_REASON,
  caseSubject,
  defaultPrefix,
  type DecisionAction,
  type DecisionGround,
  type DecisionScope,
  type StatementOfReasons,
} from '../core/complaints/index.js'
import type { ComplaintCategory, Scenario } from '../core/vocabulary.js'
import { COMPLAINT_CATEGORIES } from '../core/vocabulary.js'
import { ConflictError, InvalidInputError, NotFoundError } from '../errors.js'
import { announceCaseActionsChanged } from './case-actions.js'
import { reasonCatalogueOf } from './reference-data.js'
import { recordDecision, type DecisionRow } from './review-decision.js'

type CaseRow = typeof complaintCase.$inferSelect

/** The body of POST /v1/cases/:id/decision. */
export interface DecisionInput {
  action: DecisionAction
  scope: DecisionScope
  scenarios?: Scenario[] | undefined
  durationHours?: number | undefined
  ground: DecisionGround
  reason: string
  explanation: string
  facts?: string | undefined
  /** url-prefix only: the prefix; defaults to the case URL without its query. */
  target?: string | undefined
  /** The complaint category decided; defaults to the one the reason names, else the most reported. */
  category?: ComplaintCategory | undefined
}

export interface DecisionResult {
  decisionId: string
  caseId: string
  statement: StatementOfReasons
}

const REASON_CATEGORY = new Map(
  Object.entries(CATEGORY_REASON).map(([category, reason]) => [reason, category]),
)

function mostReported(categories: Record<string, number>): string {
  let best = 'other'
  let count = 0
  for (const [category, n] of Object.entries(categories)) if (n > count) [best, count] = [category, n]
  return best
}

/** Checks a decision against the case and the catalogue and works out its target. */
export function resolveDecision(
  ctx: Context,
  row: CaseRow,
  input: DecisionInput,
): { target: string; category: string } {
  if (!reasonCatalogueOf(ctx).byCode.has(input.reason)) {
    throw new InvalidInputError(
      'unknown_reason',
      `reason ${input.reason} is not in the published catalogue`,
      [{ code: 'unknown_reason', path: ['reason'], message: 'not in data/reasons.yaml' }],
    )
  }
  let target = row.subjectKey
  if (input.scope === 'domain') target = row.domain
  if (input.scope === 'url-prefix') {
    const subject = caseSubject(input.target ?? defaultPrefix(row.subjectKey))
    target = subject?.key ?? ''
    if (subject === null || subject.domain !== row.domain || !row.subjectKey.startsWith(target)) {
      throw new InvalidInputError('invalid_target', 'a url-prefix must be a prefix of the case URL', [
        { code: 'invalid_target', path: ['target'], message: 'not a prefix of the case URL' },
      ])
    }
  }
  const category = input.category ?? REASON_CATEGORY.get(input.reason) ?? mostReported(row.categories)
  return {
    target,
    category: (COMPLAINT_CATEGORIES as readonly string[]).includes(category) ? category : 'other',
  }
}

/** Settles the case's open reports as upheld or rejected and moves each reporter's standing once per case. */
export async function settleReports(tx: Tx, caseId: string, outcome: 'upheld' | 'rejected'): Promise<void> {
  const column = outcome === 'upheld' ? sql.raw('upheld') : sql.raw('rejected')
  await tx.execute(sql`
    WITH settled AS (
      UPDATE report SET outcome = ${outcome} WHERE case_id = ${caseId} AND counted AND outcome IS NULL RETURNING reporter_hash
    )
    UPDATE reporter_standing s SET ${column} = s.${column} + 1
    FROM (SELECT DISTINCT reporter_hash FROM settled) x WHERE s.reporter_hash = x.reporter_hash`)
}

/**
 * A reviewer's decision: claims the case implicitly (409 `case_claimed` if someone else holds it),
 * records the statement of reasons, settles the reports, notifies, and takes effect on every node.
 */
export async function decideCase(
  ctx: Context,
  caseId: string,
  reviewer: string,
  input: DecisionInput,
): Promise<DecisionResult> {
  const at = ctx.now()
  const result = await ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(complaintCase).where(eq(complaintCase.id, caseId)).for('update')
    if (!row) throw new NotFoundError('case', caseId)
    if (
      row.claimedBy !== null &&
      row.claimedBy !== reviewer &&
      row.claimUntil !== null &&
      row.claimUntil > at
    ) {
      throw new ConflictError(
        'case_claimed',
        `case ${caseId} is claimed by ${row.claimedBy} until ${row.claimUntil.toISOString()}`,
      )
    }
    const { target, category } = resolveDecision(ctx, row, input)
    const restricting = input.action !== 'dismiss'
    const { decision, statement } = await recordDecision(
      tx,
      ctx,
      row,
      {
        action: input.action,
        scope: input.scope,
        target,
        scenarios: input.scenarios && input.scenarios.length > 0 ? input.scenarios : null,
        durationHours: input.durationHours ?? null,
        ground: input.ground,
        reason: input.reason,
        category,
        explanation: input.explanation,
        facts: input.facts ?? null,
        automated: false,
        autoRule: null,
        decidedBy: reviewer,
        ledgerKind: 'case.decision',
        extra: { noticedAt: restricting && row.provider ? at.toISOString() : null },
      },
      at,
    )
    await tx
      .update(complaintCase)
      .set({
        state: 'closed',
        decidedAt: at,
        decidedBy: reviewer,
        claimedBy: null,
        claimUntil: null,
        ...(restricting && row.provider
          ? {
              noticeState: 'notified' as const,
              noticedAt: at,
              acknowledgedAt: null,
              fixedAt: null,
              fixVerifiedAt: null,
            }
          : {}),
      })
      .where(eq(complaintCase.id, caseId))
    await settleReports(tx, caseId, restricting ? 'upheld' : 'rejected')
    return { decision, statement }
  })
  await announceCaseActionsChanged(ctx, caseId)
  return { decisionId: result.decision.id, caseId, statement: result.statement }
}

export type { DecisionRow }
