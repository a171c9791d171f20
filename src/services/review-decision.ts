import { randomUUID } from 'node:crypto'
import { and, eq, isNull, ne } from 'drizzle-orm'
import type { Context } from '../context.js'
import type { Tx } from '../db/client.js'
import type { complaintCase } from '../db/schema/index.js'
import { caseDecision } from '../db/schema/index.js'
import {
  buildStatementOfReasons,
  type DecisionAction,
  type DecisionGround,
  type DecisionScope,
  type StatementOfReasons,
} from '../core/complaints/index.js'
import type { Scenario } from '../core/vocabulary.js'
import { appendLedger } from './ledger.js'
import { reasonCatalogueOf } from './reference-data.js'
import { complaintsConfig } from './reports-config.js'
import { enqueueWebhooks } from './webhooks.js'

type CaseRow = typeof complaintCase.$inferSelect
export type DecisionRow = typeof caseDecision.$inferSelect

export interface DecisionParams {
  action: DecisionAction
  scope: DecisionScope
  target: string
  scenarios: readonly Scenario[] | null
  durationHours: number | null
  ground: DecisionGround
  reason: string
  category: string
  explanation: string
  facts: string | null
  automated: boolean
  autoRule: string | null
  decidedBy: string
  /** Ledger kind: `case.decision` for people, `case.auto_action` for auto-rules, `appeal.new_decision` for modifications. */
  ledgerKind: string
  extra?: Record<string, unknown>
}

/** The domain a decision's target lies in: the case's registrable domain for every scope. */
function domainOf(row: CaseRow): string {
  return row.domain
}

/**
 * Records one decision with its statement of reasons inside the caller's transaction: supersedes the
 * case's earlier actions, writes the ledger event and queues the webhooks to the platform and provider.
 */
export async function recordDecision(
  tx: Tx,
  ctx: Context,
  row: CaseRow,
  params: DecisionParams,
  at: Date,
): Promise<{ decision: DecisionRow; statement: StatementOfReasons }> {
  const id = randomUUID()
  const endsAt =
    params.durationHours === null ? null : new Date(at.getTime() + params.durationHours * 3_600_000)
  const entry = reasonCatalogueOf(ctx).byCode.get(params.reason)
  const statement = buildStatementOfReasons({
    decisionId: id,
    caseId: row.id,
    action: params.action,
    scope: params.scope,
    target: params.target,
    scenarios: params.scenarios,
    ground: params.ground,
    reason: params.reason,
    cites: entry?.cites ?? null,
    category: params.category,
    explanation: params.explanation,
    facts: params.facts,
    automated: params.automated,
    trustedFlagger: row.trustedFlagged,
    startsAt: at,
    endsAt,
    appealWindowDays: complaintsConfig(ctx).appealWindowDays,
  })
  const superseded = await tx
    .update(caseDecision)
    .set({ liftedAt: at, liftedBy: params.decidedBy, liftedReason: 'superseded' })
    .where(
      and(eq(caseDecision.caseId, row.id), isNull(caseDecision.liftedAt), ne(caseDecision.action, 'dismiss')),
    )
    .returning({ id: caseDecision.id })
  const [decision] = await tx
    .insert(caseDecision)
    .values({
      id,
      caseId: row.id,
      action: params.action,
      scope: params.scope,
      target: params.target,
      domain: domainOf(row),
      scenarios: params.scenarios === null ? null : [...params.scenarios],
      durationHours: params.durationHours,
      ground: params.ground,
      reason: params.reason,
      category: params.category,
      explanation: params.explanation,
      facts: params.facts,
      automated: params.automated,
      autoRule: params.autoRule,
      decidedBy: params.decidedBy,
      decidedAt: at,
      startsAt: at,
      endsAt,
      statement,
    })
    .returning()
  const payload = {
    decisionId: id,
    caseId: row.id,
    url: row.subjectKey,
    domain: row.domain,
    provider: row.provider,
    action: params.action,
    category: params.category,
    automated: params.automated,
    autoRule: params.autoRule,
    superseded: superseded.map((s) => s.id),
    firstReportAt: row.firstSeen.toISOString(),
    statement,
    ...params.extra,
  }
  await appendLedger(tx, {
    kind: params.ledgerKind,
    actor: params.decidedBy,
    subject: `case:${row.id}`,
    payload,
    at,
  })
  const owners = ['platform', ...(row.provider ? [`provider:${row.provider}`] : [])]
  await enqueueWebhooks(
    tx,
    owners,
    'case.decision',
    { caseId: row.id, url: row.subjectKey, provider: row.provider, statement },
    at,
  )
  return { decision: decision!, statement }
}

/** Lifts a decision's action (appeal reversal, verified fix); the caller announces the change after commit. */
export async function liftDecision(
  tx: Tx,
  decisionId: string,
  by: string,
  reason: string,
  at: Date,
): Promise<void> {
  await tx
    .update(caseDecision)
    .set({ liftedAt: at, liftedBy: by, liftedReason: reason })
    .where(and(eq(caseDecision.id, decisionId), isNull(caseDecision.liftedAt)))
}
