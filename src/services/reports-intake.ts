import { randomUUID } from 'node:crypto'
import { and, eq, gt, inArray, isNull, ne, or, sql } from 'drizzle-orm'
import type { Context } from '../context.js'
import type { Tx } from '../db/client.js'
import {
  caseDecision,
  complaintCase,
  evidence,
  report,
  reporterStanding,
  trustedFlagger,
} from '../db/schema/index.js'
import {
  basePriority,
  CATEGORY_REASON,
  firstFiringRule,
  isNewReporter,
  isStorm,
  LOW_STANDING,
  reportWeight,
  standingWeight,
} from '../core/complaints/index.js'
import type { ComplaintCategory } from '../core/vocabulary.js'
import { ConflictError, HutongError } from '../errors.js'
import type { LedgerAppend } from './ledger.js'
import { appendLedgerBatch } from './ledger.js'
import { complaintsConfig } from './reports-config.js'
import type { PreparedReport, ReportReceipt, IntakeOutcome } from './reports-types.js'
import { recordDecision } from './review-decision.js'
import { enqueueWebhookBatch } from './webhooks.js'

interface CaseDelta {
  id: string
  existing: boolean
  held: boolean
  first: PreparedReport
  reportCount: number
  distinct: number
  weighted: number
  categories: Record<string, number>
  categoryWeights: Record<string, number>
  trusted: boolean
}

const bump = (map: Record<string, number>, key: string, by: number) => {
  map[key] = Math.round(((map[key] ?? 0) + by) * 1000) / 1000
}

// Numbers are summed key by key; keep the rounding in step with `bump`.
const mergeJson = (column: string) =>
  sql.raw(
    `(SELECT coalesce(jsonb_object_agg(k, round((coalesce((complaint_case.${column}->>k)::numeric, 0) + coalesce((excluded.${column}->>k)::numeric, 0)), 3)), '{}'::jsonb) FROM jsonb_object_keys(complaint_case.${column} || excluded.${column}) AS k)`,
  )

/**
 * Commits a batch of prepared reports in ONE transaction: cases upserted, reports stored, standing
 * rows created, ledger events chained, webhooks queued, evidence jobs created and auto-rules applied.
 * Per-report refusals (rate limit, idempotency conflict) are outcomes, not failures of the batch.
 * Returns the outcomes in input order and whether case actions changed.
 */
export async function commitReportBatch(
  ctx: Context,
  items: readonly PreparedReport[],
): Promise<{ outcomes: IntakeOutcome[]; actionsChanged: string[] }> {
  const cfg = complaintsConfig(ctx)
  const at = ctx.now()
  return ctx.db.transaction(async (tx) => {
    const hashes = [...new Set(items.map((i) => i.reporter))]
    const subjects = [...new Set(items.map((i) => i.subject.key))]
    const stormKeys = [...new Set(items.map((i) => i.stormKey))]
    const keyed = items.filter((i) => i.input.idempotencyKey !== undefined)
    const since = new Date(at.getTime() - 86_400_000)
    const windowStart = new Date(at.getTime() - cfg.storm.windowMinutes * 60_000)

    // One connection per transaction: the reads run one after another (node-postgres does not pipeline).
    const replays = await (keyed.length === 0
      ? []
      : tx
          .select({
            id: report.id,
            caseId: report.caseId,
            submittedBy: report.submittedBy,
            key: report.idempotencyKey,
            requestHash: report.requestHash,
            held: report.held,
            counted: report.counted,
          })
          .from(report)
          .where(
            and(
              inArray(
                report.idempotencyKey,
                keyed.map((i) => i.input.idempotencyKey!),
              ),
              inArray(report.submittedBy, [...new Set(keyed.map((i) => i.submitter.keyId))]),
            ),
          ))
    const counts = await tx
      .select({ hash: report.reporterHash, n: sql<number>`count(*)::int` })
      .from(report)
      .where(and(inArray(report.reporterHash, hashes), gt(report.createdAt, since)))
      .groupBy(report.reporterHash)
    const standing = await tx
      .select()
      .from(reporterStanding)
      .where(inArray(reporterStanding.reporterHash, hashes))
    const dups = await tx
      .select({ key: report.dedupKey })
      .from(report)
      .where(
        and(
          inArray(
            report.dedupKey,
            items.map((i) => i.dedup),
          ),
          eq(report.counted, true),
        ),
      )
    const prior = await tx
      .select({ subject: complaintCase.subjectKey, hash: report.reporterHash })
      .from(report)
      .innerJoin(complaintCase, eq(complaintCase.id, report.caseId))
      .where(
        and(
          inArray(complaintCase.subjectKey, subjects),
          inArray(report.reporterHash, hashes),
          eq(report.counted, true),
        ),
      )
    const cases = await tx
      .select({ id: complaintCase.id, subject: complaintCase.subjectKey, held: complaintCase.heldReason })
      .from(complaintCase)
      .where(inArray(complaintCase.subjectKey, subjects))
    const storms = await tx
      .select({
        key: report.stormKey,
        total: sql<number>`count(*)::int`,
        fresh: sql<number>`(count(*) FILTER (WHERE ${report.reporterNew}))::int`,
      })
      .from(report)
      .where(and(inArray(report.stormKey, stormKeys), gt(report.createdAt, windowStart)))
      .groupBy(report.stormKey)
    const flaggers = await (items.some((i) => i.submitter.flagger)
      ? tx
          .select()
          .from(trustedFlagger)
          .where(
            inArray(trustedFlagger.keyId, [
              ...new Set(items.filter((i) => i.submitter.flagger).map((i) => i.submitter.keyId)),
            ]),
          )
      : [])

    const replayBy = new Map(replays.map((r) => [`${r.submittedBy}\0${r.key}`, r]))
    const countBy = new Map(counts.map((c) => [c.hash, c.n]))
    const standingBy = new Map(standing.map((s) => [s.reporterHash, s]))
    const dupSet = new Set(dups.map((d) => d.key))
    const priorSet = new Set(prior.map((p) => `${p.subject}\0${p.hash}`))
    const caseBy = new Map(cases.map((c) => [c.subject, c]))
    const stormBy = new Map(storms.map((s) => [s.key, { reports: s.total, newReporterReports: s.fresh }]))
    const flaggerBy = new Map(flaggers.map((f) => [f.keyId, f]))

    const outcomes: IntakeOutcome[] = []
    const deltas = new Map<string, CaseDelta>()
    const rows: Record<string, unknown>[] = []
    const accepted: {
      item: PreparedReport
      receipt: ReportReceipt
      counted: boolean
      weight: number
      trusted: boolean
    }[] = []
    const newReporters = new Set<string>()
    const inBatchKeys = new Map<string, PreparedReport>()

    for (const item of items) {
      const idem = item.input.idempotencyKey
      if (idem !== undefined) {
        const key = `${item.submitter.keyId}\0${idem}`
        const earlier = replayBy.get(key)
        const sibling = inBatchKeys.get(key)
        if (earlier || sibling) {
          const sameRequest = earlier
            ? earlier.requestHash === item.requestHash
            : sibling!.requestHash === item.requestHash
          if (!sameRequest) {
            outcomes.push({
              ok: false,
              error: new ConflictError(
                'idempotency_conflict',
                `idempotency key ${idem} was used for a different report`,
              ),
            })
          } else if (earlier) {
            outcomes.push({
              ok: true,
              value: {
                id: earlier.id,
                status: earlier.held ? 'held_for_review' : 'received',
                caseId: earlier.caseId,
                duplicate: !earlier.counted,
                replayed: true,
              },
            })
          } else {
            outcomes.push({
              ok: true,
              value: { ...accepted.find((a) => a.item === sibling)!.receipt, replayed: true },
            })
          }
          continue
        }
        inBatchKeys.set(key, item)
      }
      const used = countBy.get(item.reporter) ?? 0
      if (used >= cfg.dailyLimit) {
        outcomes.push({
          ok: false,
          error: new HutongError(
            'rate_limited',
            `this reporter has sent ${used} reports in 24 hours; the limit is ${cfg.dailyLimit}. Try again later.`,
          ),
        })
        continue
      }
      countBy.set(item.reporter, used + 1)
      const history = standingBy.get(item.reporter) ?? null
      if (history === null) newReporters.add(item.reporter)
      const fresh = isNewReporter(
        {
          firstSeen: history?.firstSeen ?? null,
          upheld: history?.upheld ?? 0,
          rejected: history?.rejected ?? 0,
        },
        at,
      )
      const flagger = flaggerBy.get(item.submitter.keyId)
      const flaggerTrust =
        item.submitter.flagger && flagger
          ? { weight: flagger.weight, categories: flagger.categories }
          : item.submitter.flagger
            ? { weight: cfg.flaggerWeight, categories: [] }
            : null
      const weight = reportWeight(history ?? { upheld: 0, rejected: 0 }, flaggerTrust, item.input.category)
      const trusted = flaggerTrust !== null && flaggerTrust.categories.includes(item.input.category)
      const counted = !dupSet.has(item.dedup)
      dupSet.add(item.dedup)
      const pair = `${item.subject.key}\0${item.reporter}`
      const newDistinct = counted && !priorSet.has(pair)
      priorSet.add(pair)
      const window = stormBy.get(item.stormKey) ?? { reports: 0, newReporterReports: 0 }
      window.reports += 1
      if (fresh) window.newReporterReports += 1
      stormBy.set(item.stormKey, window)
      const existing = caseBy.get(item.subject.key)
      const held =
        isStorm(window, cfg.storm) ||
        (existing?.held ?? null) !== null ||
        deltas.get(item.subject.key)?.held === true
      let delta = deltas.get(item.subject.key)
      if (!delta) {
        delta = {
          id: existing?.id ?? randomUUID(),
          existing: existing !== undefined,
          held: false,
          first: item,
          reportCount: 0,
          distinct: 0,
          weighted: 0,
          categories: {},
          categoryWeights: {},
          trusted: false,
        }
        deltas.set(item.subject.key, delta)
      }
      delta.held ||= held
      if (counted) {
        delta.reportCount += 1
        bump(delta.categories, item.input.category, 1)
        bump(delta.categoryWeights, item.input.category, weight)
      }
      if (newDistinct) {
        delta.distinct += 1
        delta.weighted = Math.round((delta.weighted + weight) * 1000) / 1000
      }
      delta.trusted ||= trusted
      const receipt: ReportReceipt = {
        id: item.id,
        status: held ? 'held_for_review' : 'received',
        caseId: delta.id,
        duplicate: !counted,
      }
      const remaining = cfg.dailyLimit - (used + 1)
      if (used + 1 >= Math.ceil(cfg.dailyLimit * cfg.warnAt)) {
        receipt.warning = {
          code: 'rate_limit_near',
          message: `${remaining} of ${cfg.dailyLimit} reports left in the next 24 hours`,
          remaining,
        }
      } else if (history !== null && standingWeight(history) < LOW_STANDING) {
        receipt.warning = {
          code: 'standing_low',
          message: 'most earlier reports from this reporter were not upheld; their reports now weigh less',
        }
      }
      rows.push({
        id: item.id,
        case_id: delta.id,
        submitted_by: item.submitter.keyId,
        reporter_id: item.input.reporterId,
        reporter_hash: item.reporter,
        url: item.input.url,
        scenario: item.input.scenario,
        category: item.input.category,
        sub_category: item.input.subCategory ?? null,
        text: item.input.text ?? null,
        evidence: item.input.evidence ?? null,
        idempotency_key: idem ?? null,
        request_hash: item.requestHash,
        dedup_key: item.dedup,
        counted,
        weight,
        held,
        storm_key: item.stormKey,
        reporter_new: fresh,
      })
      accepted.push({ item, receipt, counted, weight, trusted })
      outcomes.push({ ok: true, value: receipt })
    }
    if (accepted.length === 0) return { outcomes, actionsChanged: [] }

    // Cases in key order, so two batches lock the same rows in the same order and cannot deadlock.
    const caseRows = [...deltas.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, d]) => ({
        id: d.id,
        subjectKey: key,
        url: d.first.subject.key,
        host: d.first.subject.host,
        domain: d.first.subject.domain,
        provider: d.first.provider,
        state: d.held ? ('escalated' as const) : ('open' as const),
        heldReason: d.held ? 'storm' : null,
        reportCount: d.reportCount,
        distinctReporters: d.distinct,
        weightedReporters: d.weighted,
        categories: d.categories,
        categoryWeights: d.categoryWeights,
        trustedFlagged: d.trusted,
        basePriority: 0,
        reach: 0,
        firstSeen: at,
        lastSeen: at,
        noticeState: 'none' as const,
      }))
    const upserted = await tx
      .insert(complaintCase)
      .values(caseRows)
      .onConflictDoUpdate({
        target: complaintCase.subjectKey,
        set: {
          reportCount: sql`complaint_case.report_count + excluded.report_count`,
          distinctReporters: sql`complaint_case.distinct_reporters + excluded.distinct_reporters`,
          weightedReporters: sql`complaint_case.weighted_reporters + excluded.weighted_reporters`,
          categories: mergeJson('categories'),
          categoryWeights: mergeJson('category_weights'),
          trustedFlagged: sql`complaint_case.trusted_flagged OR excluded.trusted_flagged`,
          lastSeen: sql`GREATEST(complaint_case.last_seen, excluded.last_seen)`,
          heldReason: sql`coalesce(complaint_case.held_reason, excluded.held_reason)`,
          state: sql`CASE WHEN excluded.held_reason IS NOT NULL AND complaint_case.state = 'open' THEN 'escalated' ELSE complaint_case.state END`,
        },
      })
      .returning()
    const priorities = upserted.map((c) => ({
      id: c.id,
      p: basePriority({ categories: c.categories, weightedReporters: c.weightedReporters, reach: c.reach }),
    }))
    await tx.execute(
      sql`UPDATE complaint_case SET base_priority = v.p FROM jsonb_to_recordset(${JSON.stringify(priorities)}::jsonb) AS v(id text, p real) WHERE complaint_case.id = v.id`,
    )
    // One JSON parameter instead of ~20 per row: PostgreSQL parses it faster than Drizzle builds the VALUES list.
    await tx.execute(sql`
      INSERT INTO report (id, case_id, submitted_by, reporter_id, reporter_hash, url, scenario, category, sub_category, text, evidence,
        idempotency_key, request_hash, dedup_key, counted, weight, held, storm_key, reporter_new, created_at)
      SELECT id, case_id, submitted_by, reporter_id, reporter_hash, url, scenario, category, sub_category, text, evidence,
        idempotency_key, request_hash, dedup_key, counted, weight, held, storm_key, reporter_new, ${at}::timestamptz
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(id text, case_id text, submitted_by text, reporter_id text,
        reporter_hash text, url text, scenario text, category text, sub_category text, text text, evidence jsonb,
        idempotency_key text, request_hash text, dedup_key text, counted boolean, weight real, held boolean, storm_key text, reporter_new boolean)`)
    if (newReporters.size > 0) {
      await tx
        .insert(reporterStanding)
        .values(
          [...newReporters].sort().map((h) => ({ reporterHash: h, upheld: 0, rejected: 0, firstSeen: at })),
        )
        .onConflictDoNothing()
    }
    const newCases = [...deltas.values()].filter((d) => !d.existing)
    if (newCases.length > 0) {
      await tx.insert(evidence).values(
        newCases.map((d) => ({
          id: randomUUID(),
          caseId: d.id,
          reportId: d.first.id,
          url: d.first.subject.key,
          state: 'pending' as const,
          attempts: 0,
          requestedAt: at,
        })),
      )
    }
    const events: LedgerAppend[] = accepted.map(({ item, receipt, counted, weight, trusted }) => ({
      kind: 'report.received',
      actor: item.submitter.actor,
      subject: `report:${item.id}`,
      at,
      payload: {
        reportId: item.id,
        caseId: receipt.caseId,
        url: item.subject.key,
        domain: item.subject.domain,
        provider: item.provider,
        category: item.input.category,
        subCategory: item.input.subCategory ?? null,
        scenario: item.input.scenario,
        reporter: item.reporter,
        counted,
        weight,
        trustedFlagger: trusted,
        held: receipt.status === 'held_for_review',
      },
    }))
    await appendLedgerBatch(tx, events)
    await enqueueWebhookBatch(
      tx,
      'platform',
      'report.received',
      accepted.map(({ item, receipt }) => ({
        reportId: item.id,
        reporterId: item.input.reporterId,
        caseId: receipt.caseId,
        status: receipt.status,
        url: item.subject.key,
        category: item.input.category,
      })),
      at,
    )
    const actionsChanged = await applyAutoRules(tx, ctx, upserted, deltas, at)
    return { outcomes, actionsChanged }
  })
}

async function applyAutoRules(
  tx: Tx,
  ctx: Context,
  upserted: (typeof complaintCase.$inferSelect)[],
  deltas: Map<string, CaseDelta>,
  at: Date,
): Promise<string[]> {
  const rules = complaintsConfig(ctx).autoRules
  const candidates = upserted.filter(
    (c) =>
      c.heldReason === null &&
      c.decidedAt === null &&
      firstFiringRule(rules, {
        categoryWeights: c.categoryWeights,
        verdict: deltas.get(c.subjectKey)?.first.verdict ?? 'unknown',
        held: false,
        humanDecided: false,
        automatedActive: false,
      }) !== null,
  )
  if (candidates.length === 0) return []
  const active = await tx
    .select({ caseId: caseDecision.caseId })
    .from(caseDecision)
    .where(
      and(
        inArray(
          caseDecision.caseId,
          candidates.map((c) => c.id),
        ),
        isNull(caseDecision.liftedAt),
        ne(caseDecision.action, 'dismiss'),
        or(isNull(caseDecision.endsAt), gt(caseDecision.endsAt, at)),
      ),
    )
  const busy = new Set(active.map((a) => a.caseId))
  const changed: string[] = []
  for (const c of candidates) {
    const rule = firstFiringRule(rules, {
      categoryWeights: c.categoryWeights,
      verdict: deltas.get(c.subjectKey)?.first.verdict ?? 'unknown',
      held: false,
      humanDecided: false,
      automatedActive: busy.has(c.id),
    })
    if (rule === null) continue
    const category = topCategory(c.categoryWeights, rule.categories)
    await recordDecision(
      tx,
      ctx,
      c,
      {
        action: 'warn',
        scope: 'url',
        target: c.subjectKey,
        scenarios: null,
        durationHours: rule.durationHours,
        ground: 'terms',
        reason: 'CASE_PENDING_REVIEW',
        category,
        explanation: `Automatic temporary warning under rule ${rule.id}: weighted ${rule.categories.join('/')} reports reached ${rule.minWeightedReports}. A reviewer will decide.`,
        facts: `weighted reports by category: ${JSON.stringify(c.categoryWeights)}; suggested reason ${CATEGORY_REASON[category as ComplaintCategory] ?? 'CONTENT_OTHER'}`,
        automated: true,
        autoRule: rule.id,
        decidedBy: 'automation',
        ledgerKind: 'case.auto_action',
      },
      at,
    )
    changed.push(c.id)
  }
  return changed
}

function topCategory(weights: Record<string, number>, among: readonly string[]): string {
  let best = among[0] ?? 'other'
  for (const category of among) if ((weights[category] ?? 0) > (weights[best] ?? 0)) best = category
  return best
}
