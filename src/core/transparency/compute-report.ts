import type { LedgerEvent } from '../ledger/chain.js'
import { fail, ok, type Result } from '../result.js'
import { DEFAULT_FRESHNESS } from '../safety/freshness.js'
import { bump, countTable, openCountTable, SUPPRESSION_THRESHOLD } from './count-table.js'
import {
  booleanField,
  firstString,
  numberField,
  payloadOf,
  stringField,
  timeField,
} from './payload-fields.js'
import { applyJsonDiff } from './policy-replay.js'
import type {
  PolicyExemptionFigure,
  ThreatFeedFigure,
  TransparencyPeriod,
  TransparencyReport,
} from './report-types.js'

/** Ledger kinds that record a decision on a case (docs/transparency.md lists the payload fields read). */
export const DECISION_KINDS: readonly string[] = ['case.decision', 'case.auto_action']

export interface TransparencyOptions {
  /** Hours after which a threat feed's latest import counts as stale; docs/safety.md's source limit by default. */
  feedMaxAgeHours?: number
  /** Read only events up to this seq: recomputes a report served while its period was still open. */
  throughSeq?: number
}

const HOUR = 3_600_000
const round2 = (x: number): number => Math.round(x * 100) / 100
const round4 = (x: number): number => Math.round(x * 10_000) / 10_000
const UNREGISTERED = '(unregistered)'

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

function subjectId(subject: string, prefix: string): string | null {
  return subject.startsWith(prefix) && subject.length > prefix.length ? subject.slice(prefix.length) : null
}

/** A count published only from the threshold up; zero stays zero. */
function gated(n: number): number | null {
  return n > 0 && n < SUPPRESSION_THRESHOLD ? null : n
}

/** Parses and normalises a period; `from` must come before `to`. */
export function parsePeriod(from: string, to: string): Result<TransparencyPeriod> {
  const start = Date.parse(from)
  const end = Date.parse(to)
  if (Number.isNaN(start))
    return fail({ code: 'period_invalid', path: ['from'], message: `"${from}" is not an ISO 8601 time` })
  if (Number.isNaN(end))
    return fail({ code: 'period_invalid', path: ['to'], message: `"${to}" is not an ISO 8601 time` })
  if (start >= end)
    return fail({ code: 'period_invalid', path: ['to'], message: '`to` must come after `from`' })
  return ok({ from: new Date(start).toISOString(), to: new Date(end).toISOString() })
}

/**
 * The transparency report for a period, computed from ledger events only: the server serves exactly
 * this, and anyone holding an export can recompute it. Events after the period end are ignored, so a
 * report stays the same as the ledger grows.
 * @example computeTransparencyReport(events, { from: '2021-11-01T00:00:00Z', to: '2021-12-01T00:00:00Z' })
 */
export function computeTransparencyReport(
  events: readonly LedgerEvent[],
  periodInput: TransparencyPeriod,
  options: TransparencyOptions = {},
): Result<TransparencyReport> {
  const parsed = parsePeriod(periodInput.from, periodInput.to)
  if (!parsed.ok) return parsed
  const period = parsed.value
  const from = Date.parse(period.from)
  const to = Date.parse(period.to)
  const feedLimit = (options.feedMaxAgeHours ?? DEFAULT_FRESHNESS.maxSourceAgeMs / HOUR) * HOUR

  const lastSeq = options.throughSeq ?? Number.POSITIVE_INFINITY
  const upToEnd = events
    .filter((e) => e.seq <= lastSeq && Date.parse(e.at) < to)
    .sort((a, b) => a.seq - b.seq)
  const inPeriod = upToEnd.filter((e) => Date.parse(e.at) >= from)
  const last = upToEnd[upToEnd.length - 1]

  // Reports (report.received: category, scenario, counted, held).
  const reportCategories = new Map<string, number>()
  const reportScenarios = new Map<string, number>()
  let received = 0
  let counted = 0
  let held = 0
  // Decisions and restrictions (case.decision, case.auto_action).
  const byAction = new Map<string, number>()
  const byGround = new Map<string, number>()
  const byDecisionCategory = new Map<string, number>()
  const byDetection = new Map<string, number>()
  const byProvider = new Map<string, number>()
  const byReason = new Map<string, number>()
  const hoursToDecision: number[] = []
  // Appeals (appeal.filed, appeal.decision).
  let appealsFiled = 0
  const byOutcome = new Map<string, number>()

  for (const event of inPeriod) {
    const p = payloadOf(event.payload)
    if (event.kind === 'report.received') {
      received++
      if (booleanField(p, 'counted') !== false) counted++
      if (booleanField(p, 'held') === true) held++
      bump(reportCategories, stringField(p, 'category') ?? 'other')
      bump(reportScenarios, stringField(p, 'scenario') ?? 'unknown')
    } else if (DECISION_KINDS.includes(event.kind)) {
      const statement = payloadOf(p.statement)
      const action = firstString(p, ['action']) ?? stringField(statement, 'decision') ?? 'unknown'
      const automated =
        booleanField(p, 'automated') ?? stringField(statement, 'automatedDecision') === 'fully'
      bump(byAction, action)
      bump(byGround, firstString(statement, ['ground']) ?? stringField(p, 'ground') ?? 'unknown')
      bump(byDecisionCategory, firstString(p, ['category']) ?? stringField(statement, 'category') ?? 'other')
      bump(byDetection, automated ? 'automated' : 'human')
      if (action !== 'dismiss') {
        bump(byProvider, stringField(p, 'provider') ?? UNREGISTERED)
        bump(byReason, stringField(statement, 'reason') ?? stringField(p, 'reason') ?? 'unknown')
      }
      const firstReport = timeField(p, 'firstReportAt')
      // A decision made on appeal is timed by the appeal, not by the first report.
      const onAppeal = stringField(p, 'appealId') !== null || stringField(p, 'replaces') !== null
      if (firstReport !== null && !onAppeal)
        hoursToDecision.push(Math.max(0, Date.parse(event.at) - firstReport) / HOUR)
    } else if (event.kind === 'appeal.filed') {
      appealsFiled++
    } else if (event.kind === 'appeal.decision') {
      bump(byOutcome, stringField(p, 'outcome') ?? 'unknown')
    }
  }

  const categoryTable = countTable(reportCategories)
  const top = categoryTable.cells.filter((c) => c.count !== null && c.count > 0).slice(0, 3)
  const topThree =
    categoryTable.total !== null &&
    categoryTable.total > 0 &&
    top.length === 3 &&
    categoryTable.cells.slice(0, 3).every((c) => !c.suppressed)
      ? {
          categories: top.map((c) => c.key),
          share: round4(top.reduce((s, c) => s + (c.count ?? 0), 0) / categoryTable.total),
        }
      : null
  const decided = [...byOutcome.values()].reduce((s, n) => s + n, 0)
  const reversed = byOutcome.get('reversed') ?? 0
  const timed = hoursToDecision.length

  return ok({
    schema: 'hutong.transparency/1',
    period,
    ledger: { throughSeq: last?.seq ?? 0, throughHash: last?.hash ?? null, eventsInPeriod: inPeriod.length },
    suppressionThreshold: SUPPRESSION_THRESHOLD,
    reports: {
      received: gated(received),
      counted: gated(counted),
      heldForReview: gated(held),
      byCategory: categoryTable,
      byScenario: countTable(reportScenarios),
      topThree,
    },
    decisions: {
      byAction: countTable(byAction),
      byGround: countTable(byGround),
      byCategory: countTable(byDecisionCategory),
      byDetection: countTable(byDetection),
      medianHoursToDecision: timed >= SUPPRESSION_THRESHOLD ? round2(median(hoursToDecision)) : null,
      timedDecisions: gated(timed),
    },
    appeals: {
      filed: gated(appealsFiled),
      byOutcome: countTable(byOutcome),
      reversalRate: decided >= SUPPRESSION_THRESHOLD ? round4(reversed / decided) : null,
    },
    restrictions: { byProvider: countTable(byProvider), byReason: countTable(byReason) },
    grades: { byGrade: openCountTable(latestGrades(upToEnd)) },
    threatFeeds: threatFeeds(upToEnd, from, to, feedLimit),
    policy: policyFigures(upToEnd, from),
  })
}

const GRADE_VALUES = new Set(['A', 'B', 'C', 'D', 'insufficient_data', 'none'])

/** grade.changed: provider (or subject `provider:<id>`), grade (or `to`, or `card.grade`). */
function latestGrades(events: readonly LedgerEvent[]): Map<string, number> {
  const latest = new Map<string, string>()
  for (const event of events) {
    if (event.kind !== 'grade.changed') continue
    const p = payloadOf(event.payload)
    const provider = stringField(p, 'provider') ?? subjectId(event.subject, 'provider:')
    const grade = firstString(p, ['grade', 'to']) ?? stringField(payloadOf(p.card), 'grade')
    if (provider !== null && grade !== null && GRADE_VALUES.has(grade)) latest.set(provider, grade)
  }
  const counts = new Map<string, number>()
  for (const grade of latest.values()) bump(counts, grade)
  return counts
}

/** threats.imported: source (or subject `threat-source:<source>`), count (or entries), sha256. */
function threatFeeds(
  events: readonly LedgerEvent[],
  from: number,
  to: number,
  limitMs: number,
): ThreatFeedFigure[] {
  const feeds = new Map<string, ThreatFeedFigure>()
  for (const event of events) {
    if (event.kind !== 'threats.imported') continue
    const p = payloadOf(event.payload)
    const source = stringField(p, 'source') ?? subjectId(event.subject, 'threat-source:')
    if (source === null) continue
    const at = Date.parse(event.at)
    const before = feeds.get(source)
    feeds.set(source, {
      source,
      entries: numberField(p, 'count') ?? numberField(p, 'entries'),
      sha256: stringField(p, 'sha256'),
      importedAt: event.at,
      ageHours: round2((to - at) / HOUR),
      fresh: to - at <= limitMs,
      importsInPeriod: (before?.importsInPeriod ?? 0) + (at >= from ? 1 : 0),
    })
  }
  return [...feeds.values()].sort((a, b) => (a.source < b.source ? -1 : 1))
}

/** policy.published: version, note, and `diff` (applied in order to rebuild each published document). */
function policyFigures(events: readonly LedgerEvent[], from: number): TransparencyReport['policy'] {
  let document: unknown = null
  let inForce: { version: string; publishedAt: string } | null = null
  const publishedInPeriod: TransparencyReport['policy']['publishedInPeriod'] = []
  for (const event of events) {
    if (event.kind !== 'policy.published') continue
    const p = payloadOf(event.payload)
    const version = stringField(p, 'version') ?? subjectId(event.subject, 'policy:') ?? 'unknown'
    const next = applyJsonDiff(document, p.diff)
    if (next !== null) document = next
    inForce = { version, publishedAt: event.at }
    if (Date.parse(event.at) >= from)
      publishedInPeriod.push({ version, publishedAt: event.at, note: stringField(p, 'note') })
  }
  const exemptions: PolicyExemptionFigure[] = []
  const listed = payloadOf(document).exemptions
  if (Array.isArray(listed)) {
    for (const item of listed) {
      const e = payloadOf(item)
      const reasons = Array.isArray(e.reasons)
        ? e.reasons.filter((r): r is string => typeof r === 'string')
        : []
      exemptions.push({
        id: stringField(e, 'id') ?? '?',
        provider: stringField(e, 'provider') ?? '?',
        action: stringField(e, 'action') ?? '?',
        reasons,
        statement: stringField(e, 'statement') ?? '',
      })
    }
  }
  return { inForce, publishedInPeriod, exemptions }
}
