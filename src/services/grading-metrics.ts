import { and, eq, gte, inArray, lte, ne, sql } from 'drizzle-orm'
import type { Executor } from '../db/client.js'
import { appeal, caseDecision, complaintCase, linkCount, report } from '../db/schema/index.js'
import {
  collectDailyStats,
  dayNumberAt,
  dayStart,
  dayText,
  type DailyStats,
  type ProviderActivity,
  type ReportRecord,
  type ViolationRecord,
} from '../core/grading/index.js'
import { COMPLAINT_CATEGORIES, type ComplaintCategory } from '../core/vocabulary.js'

/** Days of daily rows a recompute loads: two low-volume windows, so the card can show a trend. */
export const STATS_DAYS = 730
/** Extra days of decisions loaded before the first day, so a repeat of an older violation is still seen. */
const REPEAT_LOOKBACK_DAYS = 90

/** One reviewer's decision on a provider's case, with the case facts grading needs. */
export interface DecisionFact {
  provider: string
  caseId: string
  decisionId: string
  action: 'dismiss' | 'warn' | 'block'
  scope: 'url' | 'url-prefix' | 'domain'
  target: string
  category: string
  decidedAt: Date
  liftedAt: Date | null
  liftedReason: string | null
  caseUrl: string
  caseHost: string
  noticeState: string
  noticedAt: Date | null
  fixedAt: Date | null
}

/** One counted report on a provider's case, as stored. */
export interface ReportFact {
  provider: string
  caseId: string
  filedAt: Date
  weight: number
  outcome: string | null
}

/** The raw rows behind one recompute, read with `readGradingFacts`. */
export interface GradingFacts {
  links: { provider: string; day: string; count: number }[]
  reports: ReportFact[]
  decisions: DecisionFact[]
  /** Appeals decided as `modified`: the decision replaced, and the action of the one that replaced it. */
  replacements: Map<string, { newDecisionId: string; newAction: string; at: Date }>
}

/**
 * Reads everything grading counts for every provider (or one), as it stood at `at`: link counters summed over
 * scenario, action and category, counted reports, and reviewers' decisions with their cases' notice and fix.
 * @example await readGradingFacts(ctx.db, new Date('2022-03-31T23:59:59+08:00'))
 */
export async function readGradingFacts(db: Executor, at: Date, provider?: string): Promise<GradingFacts> {
  const today = dayNumberAt(at)
  const firstDay = today - STATS_DAYS + 1
  const statsFrom = dayStart(firstDay)
  const decisionsFrom = dayStart(firstDay - REPEAT_LOOKBACK_DAYS)
  const total = sql<string>`sum(${linkCount.count})`
  const links = await db
    .select({ provider: linkCount.provider, day: linkCount.day, count: total })
    .from(linkCount)
    .where(
      and(
        provider === undefined ? ne(linkCount.provider, '') : eq(linkCount.provider, provider),
        gte(linkCount.day, dayText(firstDay)),
        lte(linkCount.day, dayText(today)),
      ),
    )
    .groupBy(linkCount.provider, linkCount.day)
  const caseProvider =
    provider === undefined ? sql`${complaintCase.provider} IS NOT NULL` : eq(complaintCase.provider, provider)
  const reports = await db
    .select({
      provider: complaintCase.provider,
      caseId: report.caseId,
      filedAt: report.createdAt,
      weight: report.weight,
      outcome: report.outcome,
    })
    .from(report)
    .innerJoin(complaintCase, eq(complaintCase.id, report.caseId))
    .where(
      and(
        caseProvider,
        eq(report.counted, true),
        gte(report.createdAt, statsFrom),
        lte(report.createdAt, at),
      ),
    )
  // Automated decisions are interim actions pending review, not findings: only reviewers' decisions count.
  const decisions = await db
    .select({
      provider: complaintCase.provider,
      caseId: caseDecision.caseId,
      decisionId: caseDecision.id,
      action: caseDecision.action,
      scope: caseDecision.scope,
      target: caseDecision.target,
      category: caseDecision.category,
      decidedAt: caseDecision.decidedAt,
      liftedAt: caseDecision.liftedAt,
      liftedReason: caseDecision.liftedReason,
      caseUrl: complaintCase.subjectKey,
      caseHost: complaintCase.host,
      noticeState: complaintCase.noticeState,
      noticedAt: complaintCase.noticedAt,
      fixedAt: complaintCase.fixedAt,
    })
    .from(caseDecision)
    .innerJoin(complaintCase, eq(complaintCase.id, caseDecision.caseId))
    .where(
      and(
        caseProvider,
        eq(caseDecision.automated, false),
        gte(caseDecision.decidedAt, decisionsFrom),
        lte(caseDecision.decidedAt, at),
      ),
    )
  const replacements = new Map<string, { newDecisionId: string; newAction: string; at: Date }>()
  const modifiedIds = decisions.filter((d) => d.liftedReason === 'appeal_modified').map((d) => d.decisionId)
  if (modifiedIds.length > 0) {
    const rows = await db
      .select({
        decisionId: appeal.decisionId,
        newDecisionId: appeal.newDecisionId,
        newAction: caseDecision.action,
        at: appeal.decidedAt,
      })
      .from(appeal)
      .innerJoin(caseDecision, eq(caseDecision.id, appeal.newDecisionId))
      .where(and(eq(appeal.state, 'modified'), inArray(appeal.decisionId, modifiedIds)))
    for (const row of rows) {
      if (row.newDecisionId !== null)
        replacements.set(row.decisionId, {
          newDecisionId: row.newDecisionId,
          newAction: row.newAction,
          at: row.at ?? at,
        })
    }
  }
  return {
    links: links.map((l) => ({ provider: l.provider, day: l.day, count: Number(l.count) })),
    reports: reports.flatMap((r) => (r.provider === null ? [] : [{ ...r, provider: r.provider }])),
    decisions: decisions.flatMap((d) => (d.provider === null ? [] : [{ ...d, provider: d.provider }])),
    replacements,
  }
}

const KNOWN_CATEGORIES: ReadonlySet<string> = new Set(COMPLAINT_CATEGORIES)

/** How one decision counts at `at`. */
type Standing = 'violation' | 'reversed' | 'none'

/**
 * A decision other than dismiss is a violation; one reversed on appeal by `at` is not. A decision replaced on
 * appeal (`modified`) stays the violation, on its own day, unless its replacement dismissed the case; the
 * replacement itself is a restatement and does not count again.
 */
function standingOf(
  d: DecisionFact,
  facts: GradingFacts,
  replacementIds: ReadonlySet<string>,
  at: Date,
): Standing {
  if (d.action === 'dismiss' || replacementIds.has(d.decisionId)) return 'none'
  const liftedByAt = d.liftedAt !== null && d.liftedAt <= at
  if (liftedByAt && d.liftedReason === 'appeal_reversed') return 'reversed'
  if (liftedByAt && d.liftedReason === 'appeal_modified') {
    const replaced = facts.replacements.get(d.decisionId)
    return replaced?.newAction === 'dismiss' ? 'reversed' : 'violation'
  }
  return 'violation'
}

/**
 * Turns the stored rows into each provider's activity as the grading core reads it (docs/grading.md §1).
 * Notice and fix times live on the case row and belong to the case's latest standing violation; a claimed
 * fix counts from the moment the provider made it, and a reviewer who rejects the claim clears it again.
 * @example activityByProvider(await readGradingFacts(db, at), at).get('jd')
 */
export function activityByProvider(facts: GradingFacts, at: Date): Map<string, ProviderActivity> {
  const out = new Map<
    string,
    { sharedLinks: { day: string; count: number }[]; reports: ReportRecord[]; violations: ViolationRecord[] }
  >()
  const of = (provider: string) => {
    let entry = out.get(provider)
    if (!entry) {
      entry = { sharedLinks: [], reports: [], violations: [] }
      out.set(provider, entry)
    }
    return entry
  }
  for (const l of facts.links) of(l.provider).sharedLinks.push({ day: l.day, count: l.count })
  const replacementIds = new Set(
    [...facts.replacements.values()].filter((r) => r.at <= at).map((r) => r.newDecisionId),
  )
  const ordered = [...facts.decisions].sort((a, b) => a.decidedAt.getTime() - b.decidedAt.getTime())
  const decided = new Set<string>()
  const standingCases = new Set<string>()
  const latestViolation = new Map<string, ViolationRecord>()
  for (const d of ordered) {
    decided.add(d.caseId)
    const standing = standingOf(d, facts, replacementIds, at)
    if (standing === 'none') continue
    const record: ViolationRecord = {
      decidedAt: d.decidedAt,
      subject: d.scope === 'domain' ? d.caseHost : d.scope === 'url-prefix' ? d.target : d.caseUrl,
      category: (KNOWN_CATEGORIES.has(d.category) ? d.category : 'other') as ComplaintCategory,
      ...(standing === 'reversed' ? { reversed: true } : {}),
    }
    of(d.provider).violations.push(record)
    if (standing === 'violation') {
      standingCases.add(d.caseId)
      latestViolation.set(d.caseId, record)
    }
  }
  const caseFacts = new Map(facts.decisions.map((d) => [d.caseId, d]))
  for (const [caseId, record] of latestViolation) {
    const c = caseFacts.get(caseId)
    if (!c || c.noticeState === 'none' || c.noticedAt === null || c.noticedAt > at) continue
    const fixed =
      (c.noticeState === 'fixed' || c.noticeState === 'verified') && c.fixedAt !== null && c.fixedAt <= at
    record.noticedAt = c.noticedAt
    record.fixedAt = fixed ? c.fixedAt : null
  }
  for (const r of facts.reports) {
    of(r.provider).reports.push({
      filedAt: r.filedAt,
      weight: r.weight,
      outcome: reportOutcome(r, decided, standingCases),
    })
  }
  return out
}

/**
 * Where review left a report at `at`: pending until its case is decided; upheld only while the case has a
 * standing violation, so a report on a decision later reversed on appeal counts as rejected.
 */
function reportOutcome(
  r: ReportFact,
  decided: ReadonlySet<string>,
  standing: ReadonlySet<string>,
): ReportRecord['outcome'] {
  if (r.outcome === null || !decided.has(r.caseId)) return 'pending'
  if (r.outcome === 'upheld' && standing.has(r.caseId)) return 'upheld'
  return 'rejected'
}

/**
 * Daily stats for every provider with any activity, at `at`.
 * @example (await dailyStatsByProvider(ctx.db, at)).get('jd')?.length
 */
export async function dailyStatsByProvider(
  db: Executor,
  at: Date,
  provider?: string,
): Promise<Map<string, DailyStats[]>> {
  const activity = activityByProvider(await readGradingFacts(db, at, provider), at)
  const out = new Map<string, DailyStats[]>()
  for (const [id, a] of activity) out.set(id, collectDailyStats(a))
  return out
}
