import { readFileSync } from 'node:fs'
import { parse as parseYaml } from 'yaml'
import { ConfigError } from '../errors.js'
import { createHash, randomUUID } from 'node:crypto'
import { inArray, sql } from 'drizzle-orm'
import type { Context, SingletonKey } from '../context.js'
import type { Tx } from '../db/client.js'
import { gradeChange, gradeState } from '../db/schema/index.js'
import {
  computeGrade,
  dayNumberAt,
  dayStart,
  DEFAULT_GRADING_THRESHOLDS,
  gradeCard,
  nextGrade,
  parseGradeState,
  parseGradingThresholds,
  policyGrade,
  type GradeCard,
  type GradeState,
  type GradingThresholds,
  type ProviderGrade,
} from '../core/grading/index.js'
import type { Result } from '../core/result.js'
import { publishChange } from './bus.js'
import { GRADES_CHANNEL, reloadGrades } from './grades.js'
import { dailyStatsByProvider } from './grading-metrics.js'
import { appendLedger } from './ledger.js'
import { enqueueWebhooks } from './webhooks.js'
import { registryOf } from './reference-data.js'

const THRESHOLDS: SingletonKey<{ value: GradingThresholds }> = Symbol('grading-thresholds')

/**
 * The grading thresholds of this context: the documented defaults unless configured.
 * @example gradingThresholds(ctx).cleanDaysToRise // 14
 */
export function gradingThresholds(ctx: Context): GradingThresholds {
  return ctx.singleton(THRESHOLDS, () => ({ value: DEFAULT_GRADING_THRESHOLDS })).value
}

/**
 * Sets this context's thresholds from config (fields left out keep their defaults); bad values come back as issues.
 * @example configureGrading(ctx, { minLinks: 20_000 })
 */
export function configureGrading(ctx: Context, input: unknown): Result<GradingThresholds> {
  const parsed = parseGradingThresholds(input)
  if (parsed.ok) ctx.singleton(THRESHOLDS, () => ({ value: DEFAULT_GRADING_THRESHOLDS })).value = parsed.value
  return parsed
}

/**
 * Applies `HUTONG_GRADING_THRESHOLDS_FILE` when configured; a missing or invalid file stops the start
 * with a clear error rather than grading on defaults nobody chose.
 */
export function configureGradingFromConfig(ctx: Context): void {
  const file = ctx.config.grading.thresholdsFile
  if (file === null) return
  let document: unknown
  try {
    document = parseYaml(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new ConfigError(
      'invalid_config',
      `cannot read grading thresholds from ${file}: ${(error as Error).message}`,
    )
  }
  const applied = configureGrading(ctx, document)
  if (!applied.ok)
    throw new ConfigError('invalid_config', `grading thresholds in ${file} are invalid`, {
      issues: applied.issues,
    })
}

/**
 * A stable hash of thresholds, recorded with every grade so a change of thresholds is visible in the ledger.
 * @example thresholdsHash(DEFAULT_GRADING_THRESHOLDS).length // 64
 */
export function thresholdsHash(t: GradingThresholds): string {
  return createHash('sha256').update(canonicalJson(t)).digest('hex')
}

function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value)
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  )
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
}

export interface RecomputeOptions {
  /** The instant graded; the daily job passes the end of the day it grades. Defaults to now. */
  at?: Date | undefined
  /** Only this provider. */
  provider?: string | undefined
  /** Who asked: `automation` for the daily job, else the acting key or `cli`. */
  actor: string
  /** A reviewer upheld a grade appeal as `corrected`: hysteresis restarts from the corrected computation. */
  reset?: { appealId: string } | undefined
}

export interface ProviderRecompute {
  provider: string
  grade: ProviderGrade
  previousGrade: ProviderGrade | null
  computedGrade: ProviderGrade
  changed: boolean
  pendingUpgrade: GradeState['pendingUpgrade'] | null
  /** The `grade.changed` ledger event, when the grade changed. */
  ledgerSeq: number | null
  /** Not recomputed: the stored grade was computed for a later instant than `at`. */
  skipped?: 'newer_state'
}

export interface RecomputeSummary {
  at: string
  thresholdsHash: string
  providers: ProviderRecompute[]
  changed: number
}

// pg_advisory_xact_lock key for grade writes: one recompute at a time, so two nodes never log one change twice.
const GRADE_LOCK_KEY = 7_411_090_802_215_337

/**
 * Recomputes every provider's grade (or one) at `at` from the database: daily rows for 730 days, then
 * `computeGrade` and `nextGrade`. States, `grade.changed` ledger events and history rows are written in one
 * transaction; after commit every node is told to reload.
 * @example await recomputeGrades(ctx, { actor: 'cli', at: new Date('2022-03-31T23:59:59+08:00') })
 */
export async function recomputeGrades(ctx: Context, options: RecomputeOptions): Promise<RecomputeSummary> {
  const at = options.at ?? ctx.now()
  const t = gradingThresholds(ctx)
  const hash = thresholdsHash(t)
  const stats = await dailyStatsByProvider(ctx.db, at, options.provider)
  const ids = new Set<string>(stats.keys())
  if (options.provider === undefined) {
    for (const p of registryOf(ctx).providers) ids.add(p.id)
    for (const row of await ctx.db.select({ provider: gradeState.provider }).from(gradeState))
      ids.add(row.provider)
  } else {
    ids.add(options.provider)
  }
  // The pure part runs before the transaction, so the lock is held only for reads and writes.
  const computed = new Map(
    [...ids].sort().map((id) => [id, computeGrade(stats.get(id) ?? [], at, t)] as const),
  )
  const providers = await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${GRADE_LOCK_KEY})`)
    const rows = await tx
      .select()
      .from(gradeState)
      .where(inArray(gradeState.provider, [...computed.keys()]))
    const storedBy = new Map(rows.map((row) => [row.provider, row]))
    const now = ctx.now()
    const results: ProviderRecompute[] = []
    const writes: (typeof gradeState.$inferInsert)[] = []
    for (const [provider, c] of computed) {
      const row = storedBy.get(provider)
      const stored = row ? storedState(ctx, provider, row.state) : null
      const base = { provider, previousGrade: stored?.grade ?? null, computedGrade: c.grade }
      if (row && row.computedAt > at && !options.reset) {
        results.push({
          ...base,
          grade: stored?.grade ?? c.grade,
          changed: false,
          pendingUpgrade: stored?.pendingUpgrade ?? null,
          ledgerSeq: null,
          skipped: 'newer_state',
        })
        continue
      }
      const next = nextGrade(options.reset ? null : stored, c, at, t)
      const card = gradeCard(next, c, t)
      // Nothing held yet and nothing to hold: recorded, but not a change anyone could notice.
      const changed =
        stored === null
          ? next.grade !== 'insufficient_data' || options.reset !== undefined
          : stored.grade !== next.grade
      writes.push({
        provider,
        grade: next.grade,
        state: next,
        card,
        computedAt: at,
        thresholdsHash: hash,
        updatedAt: now,
      })
      const ledgerSeq = changed
        ? await recordChange(tx, {
            provider,
            from: stored?.grade ?? null,
            card,
            at,
            hash,
            actor: options.actor,
            appealId: options.reset?.appealId ?? null,
            now,
          })
        : null
      results.push({
        ...base,
        grade: next.grade,
        changed,
        pendingUpgrade: next.pendingUpgrade ?? null,
        ledgerSeq,
      })
    }
    if (writes.length > 0) {
      await tx
        .insert(gradeState)
        .values(writes)
        .onConflictDoUpdate({
          target: gradeState.provider,
          set: {
            grade: sql`excluded.grade`,
            state: sql`excluded.state`,
            card: sql`excluded.card`,
            computedAt: sql`excluded.computed_at`,
            thresholdsHash: sql`excluded.thresholds_hash`,
            updatedAt: sql`excluded.updated_at`,
          },
        })
    }
    return results
  })
  const changed = providers.filter((p) => p.changed).length
  if (changed > 0) {
    await reloadGrades(ctx)
    await publishChange(ctx, GRADES_CHANNEL, at.toISOString()).catch((error: unknown) =>
      ctx.logger.warn(
        { err: error },
        'grades changed but the announcement failed; other nodes reload on their next change',
      ),
    )
  }
  return { at: at.toISOString(), thresholdsHash: hash, providers, changed }
}

function storedState(ctx: Context, provider: string, json: unknown): GradeState | null {
  const parsed = parseGradeState(json)
  if (parsed.ok) return parsed.value
  // A damaged row must not stop grading: the provider is graded afresh, and the damage is logged.
  ctx.logger.warn({ provider, issues: parsed.issues }, 'stored grade state is invalid; grading afresh')
  return null
}

async function recordChange(
  tx: Tx,
  change: {
    provider: string
    from: ProviderGrade | null
    card: GradeCard
    at: Date
    hash: string
    actor: string
    appealId: string | null
    now: Date
  },
): Promise<number> {
  const event = await appendLedger(tx, {
    kind: 'grade.changed',
    actor: change.actor,
    subject: `provider:${change.provider}`,
    payload: {
      provider: change.provider,
      from: change.from,
      to: change.card.grade,
      grade: change.card.grade,
      policyGrade: policyGrade(change.card.grade),
      at: change.at.toISOString(),
      thresholdsHash: change.hash,
      appealId: change.appealId,
      card: change.card,
    },
    at: change.now,
  })
  // The provider and the platform hear of the change with its card, in the same transaction (outbox).
  await enqueueWebhooks(
    tx,
    [`provider:${change.provider}`, 'platform'],
    'grade.changed',
    {
      provider: change.provider,
      from: change.from,
      to: change.card.grade,
      card: change.card,
      ledgerSeq: event.seq,
    },
    change.now,
  )
  await tx.insert(gradeChange).values({
    id: randomUUID(),
    provider: change.provider,
    fromGrade: change.from,
    toGrade: change.card.grade,
    at: change.at,
    card: change.card,
    thresholdsHash: change.hash,
    ledgerSeq: event.seq,
    appealId: change.appealId,
  })
  return event.seq
}

const DAY_MS = 86_400_000
/** The daily job runs this long after Shanghai midnight, so late counter flushes for the day are in. */
const DAILY_DELAY_MS = 5 * 60_000
const SCHEDULER: SingletonKey<{ stop(): void }> = Symbol('grade-scheduler')

/**
 * The end of the Shanghai day before the one containing `now`: the instant the daily job grades.
 * @example endOfPreviousDay(new Date('2022-03-02T00:05+08:00')).toISOString() // '2022-03-01T15:59:59.999Z'
 */
export function endOfPreviousDay(now: Date): Date {
  return new Date(dayStart(dayNumberAt(now)).getTime() - 1)
}

/**
 * Starts, once per context, the daily recompute: a few minutes after each Shanghai midnight it grades the day
 * that just ended. A node that starts after a missed run catches up at once. The timer never keeps the process
 * alive and stops when the context closes. Every node runs it; the per-provider lock makes the second run a no-op.
 */
export function startDailyGrading(ctx: Context): void {
  ctx.singleton(SCHEDULER, () => {
    let timer: NodeJS.Timeout | null = null
    let stopped = false
    const run = async (): Promise<void> => {
      const at = endOfPreviousDay(ctx.now())
      const [latest] = await ctx.db
        .select({ at: sql<Date | string | null>`max(${gradeState.computedAt})` })
        .from(gradeState)
      const last = latest?.at ? new Date(latest.at) : null
      if (last !== null && last >= at) return
      const summary = await recomputeGrades(ctx, { at, actor: 'automation' })
      ctx.logger.info({ at: summary.at, changed: summary.changed }, 'daily grade recompute')
    }
    const schedule = (): void => {
      if (stopped) return
      const now = ctx.now().getTime()
      const next = dayStart(dayNumberAt(ctx.now()) + 1).getTime() + DAILY_DELAY_MS
      timer = setTimeout(
        () => {
          void run()
            .catch((error: unknown) => ctx.logger.error({ err: error }, 'daily grade recompute failed'))
            .finally(schedule)
        },
        Math.max(60_000, Math.min(next - now, DAY_MS)),
      )
      timer.unref()
    }
    // Catch up only where grading has run before: a fresh store waits for its first midnight.
    void ctx.db
      .select({ n: sql<number>`count(*)` })
      .from(gradeState)
      .then(([row]) => (Number(row?.n ?? 0) > 0 && !stopped ? run() : undefined))
      .catch((error: unknown) => ctx.logger.warn({ err: error }, 'grade catch-up failed'))
    schedule()
    const stop = (): void => {
      stopped = true
      if (timer) clearTimeout(timer)
    }
    ctx.onClose(stop)
    return { stop }
  })
}
