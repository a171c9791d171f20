import { and, asc, desc, eq, isNull, lte, or, sql, type SQL } from 'drizzle-orm'
import type { Context } from '../context.js'
import { appeal, caseDecision, complaintCase, evidence, report } from '../db/schema/index.js'
import { AGE_POINTS_MAX, AGE_POINTS_PER_HOUR, priorityAt } from '../core/complaints/index.js'
import { ConflictError, NotFoundError } from '../errors.js'
import { complaintsConfig } from './reports-config.js'
import { newestFirst } from './reports.js'

type CaseRow = typeof complaintCase.$inferSelect

export interface CaseSummary {
  id: string
  url: string
  domain: string
  provider: string | null
  state: 'open' | 'escalated' | 'closed'
  priority: number
  reportCount: number
  distinctReporters: number
  weightedReporters: number
  categories: Record<string, number>
  heldReason: string | null
  claimedBy: string | null
  claimUntil: string | null
  firstSeen: string
  lastSeen: string
  noticeState: string
}

export function summarise(row: CaseRow, now: Date): CaseSummary {
  const claimed = row.claimUntil !== null && row.claimUntil > now
  return {
    id: row.id,
    url: row.subjectKey,
    domain: row.domain,
    provider: row.provider,
    state: row.state,
    priority: priorityAt(row.basePriority, row.firstSeen, now),
    reportCount: row.reportCount,
    distinctReporters: row.distinctReporters,
    weightedReporters: row.weightedReporters,
    categories: row.categories,
    heldReason: row.heldReason,
    claimedBy: claimed ? row.claimedBy : null,
    claimUntil: claimed ? row.claimUntil!.toISOString() : null,
    firstSeen: row.firstSeen.toISOString(),
    lastSeen: row.lastSeen.toISOString(),
    noticeState: row.noticeState,
  }
}

export interface CaseQuery {
  state?: 'open' | 'escalated' | 'closed' | undefined
  category?: string | undefined
  provider?: string | undefined
  domain?: string | undefined
  sort?: 'priority' | 'recent' | undefined
  limit?: number | undefined
}

/**
 * The review queue. `sort=priority` orders by the base score plus the age term, in SQL.
 * @example (await listCases(ctx, { state: 'open', sort: 'priority' }))[0]?.priority
 */
export async function listCases(ctx: Context, query: CaseQuery): Promise<CaseSummary[]> {
  const now = ctx.now()
  const filters: SQL[] = []
  if (query.state) filters.push(eq(complaintCase.state, query.state))
  if (query.category) filters.push(sql`jsonb_exists(${complaintCase.categories}, ${query.category})`)
  if (query.provider) filters.push(eq(complaintCase.provider, query.provider))
  if (query.domain) filters.push(eq(complaintCase.domain, query.domain))
  // keep in sync with priorityAt in src/core/complaints/priority.ts
  const priority = sql`${complaintCase.basePriority} + LEAST(${AGE_POINTS_MAX}::float8, GREATEST(0::float8, EXTRACT(EPOCH FROM (${now}::timestamptz - ${complaintCase.firstSeen})) / 3600.0 * ${AGE_POINTS_PER_HOUR}::float8))`
  const rows = await ctx.db
    .select()
    .from(complaintCase)
    .where(filters.length > 0 ? and(...filters) : undefined)
    .orderBy(query.sort === 'recent' ? desc(complaintCase.lastSeen) : desc(priority), asc(complaintCase.id))
    .limit(query.limit ?? 100)
  return rows.map((row) => summarise(row, now))
}

export async function caseRow(ctx: Context, id: string): Promise<CaseRow> {
  const [row] = await ctx.db.select().from(complaintCase).where(eq(complaintCase.id, id))
  if (!row) throw new NotFoundError('case', id)
  return row
}

export interface CaseDetail extends CaseSummary {
  categoryWeights: Record<string, number>
  trustedFlagged: boolean
  notice: {
    state: string
    noticedAt: string | null
    acknowledgedAt: string | null
    fixedAt: string | null
    fixVerifiedAt: string | null
  }
  reports: {
    id: string
    category: string
    subCategory: string | null
    scenario: string
    reporter: string
    counted: boolean
    weight: number
    held: boolean
    text: string | null
    evidence: unknown
    outcome: string | null
    createdAt: string
  }[]
  evidence: {
    id: string
    state: string
    url: string
    finalUrl: string | null
    chain: { url: string; status: number }[] | null
    httpStatus: number | null
    contentSha256: string | null
    title: string | null
    error: string | null
    capturedAt: string | null
  }[]
  history: { at: string; kind: string; by: string; detail: Record<string, unknown> }[]
  decisions: {
    id: string
    action: string
    reason: string
    automated: boolean
    decidedBy: string
    decidedAt: string
    liftedAt: string | null
    liftedReason: string | null
    statement: unknown
  }[]
}

/** One case with its reports (pseudonymous reporters), evidence, decisions and history. */
export async function getCase(ctx: Context, id: string): Promise<CaseDetail> {
  const row = await caseRow(ctx, id)
  const [reports, captured, decisions, appeals] = await Promise.all([
    ctx.db.select().from(report).where(eq(report.caseId, id)).orderBy(asc(report.createdAt)).limit(1000),
    ctx.db.select().from(evidence).where(eq(evidence.caseId, id)).orderBy(asc(evidence.requestedAt)),
    ctx.db.select().from(caseDecision).where(eq(caseDecision.caseId, id)),
    ctx.db.select().from(appeal).where(eq(appeal.caseId, id)).orderBy(asc(appeal.filedAt)),
  ])
  decisions.sort(newestFirst)
  const history: CaseDetail['history'] = [
    { at: row.firstSeen.toISOString(), kind: 'opened', by: 'reporters', detail: {} },
  ]
  for (const d of [...decisions].reverse()) {
    history.push({
      at: d.decidedAt.toISOString(),
      kind: d.automated ? 'auto_action' : 'decision',
      by: d.decidedBy,
      detail: { decisionId: d.id, action: d.action, reason: d.reason },
    })
    if (d.liftedAt)
      history.push({
        at: d.liftedAt.toISOString(),
        kind: 'lifted',
        by: d.liftedBy ?? '',
        detail: { decisionId: d.id, reason: d.liftedReason },
      })
  }
  for (const a of appeals) {
    history.push({ at: a.filedAt.toISOString(), kind: 'appeal_filed', by: a.by, detail: { appealId: a.id } })
    if (a.decidedAt)
      history.push({
        at: a.decidedAt.toISOString(),
        kind: 'appeal_decided',
        by: a.decidedBy ?? '',
        detail: { appealId: a.id, outcome: a.state },
      })
  }
  for (const [kind, at] of [
    ['notice_acknowledged', row.acknowledgedAt],
    ['notice_fixed', row.fixedAt],
    ['fix_verified', row.fixVerifiedAt],
  ] as const) {
    if (at)
      history.push({
        at: at.toISOString(),
        kind,
        by: kind === 'fix_verified' ? 'reviewer' : 'provider',
        detail: {},
      })
  }
  history.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
  return {
    ...summarise(row, ctx.now()),
    categoryWeights: row.categoryWeights,
    trustedFlagged: row.trustedFlagged,
    notice: {
      state: row.noticeState,
      noticedAt: row.noticedAt?.toISOString() ?? null,
      acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
      fixedAt: row.fixedAt?.toISOString() ?? null,
      fixVerifiedAt: row.fixVerifiedAt?.toISOString() ?? null,
    },
    reports: reports.map((r) => ({
      id: r.id,
      category: r.category,
      subCategory: r.subCategory,
      scenario: r.scenario,
      reporter: r.reporterHash,
      counted: r.counted,
      weight: r.weight,
      held: r.held,
      text: r.text,
      evidence: r.evidence,
      outcome: r.outcome,
      createdAt: r.createdAt.toISOString(),
    })),
    evidence: captured.map((e) => ({
      id: e.id,
      state: e.state,
      url: e.url,
      finalUrl: e.finalUrl,
      chain: e.chain,
      httpStatus: e.httpStatus,
      contentSha256: e.contentSha256,
      title: e.title,
      error: e.error,
      capturedAt: e.capturedAt?.toISOString() ?? null,
    })),
    history,
    decisions: decisions.map((d) => ({
      id: d.id,
      action: d.action,
      reason: d.reason,
      automated: d.automated,
      decidedBy: d.decidedBy,
      decidedAt: d.decidedAt.toISOString(),
      liftedAt: d.liftedAt?.toISOString() ?? null,
      liftedReason: d.liftedReason,
      statement: d.statement,
    })),
  }
}

/**
 * Claims a case for `reviewer` with a lease (5 minutes by default); renewing your own claim is allowed.
 * @example await claimCase(ctx, id, 'reviewer:k1') // throws ConflictError case_claimed when another holds it
 */
export async function claimCase(ctx: Context, id: string, reviewer: string): Promise<CaseSummary> {
  const now = ctx.now()
  const until = new Date(now.getTime() + complaintsConfig(ctx).leaseMinutes * 60_000)
  const [row] = await ctx.db
    .update(complaintCase)
    .set({ claimedBy: reviewer, claimUntil: until })
    .where(
      and(
        eq(complaintCase.id, id),
        or(
          isNull(complaintCase.claimedBy),
          isNull(complaintCase.claimUntil),
          lte(complaintCase.claimUntil, now),
          eq(complaintCase.claimedBy, reviewer),
        ),
      ),
    )
    .returning()
  if (row) return summarise(row, now)
  const existing = await caseRow(ctx, id)
  throw new ConflictError(
    'case_claimed',
    `case ${id} is claimed by ${existing.claimedBy ?? 'another reviewer'} until ${existing.claimUntil?.toISOString() ?? '?'}`,
  )
}

/** Gives a claim back before its lease ends. */
export async function releaseCase(ctx: Context, id: string, reviewer: string): Promise<void> {
  await ctx.db
    .update(complaintCase)
    .set({ claimedBy: null, claimUntil: null })
    .where(and(eq(complaintCase.id, id), eq(complaintCase.claimedBy, reviewer)))
}
