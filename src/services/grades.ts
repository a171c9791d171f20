import { asc, desc, eq } from 'drizzle-orm'
import type { Context, SingletonKey } from '../context.js'
import { gradeChange, gradeState } from '../db/schema/index.js'
import { policyGrade, PROVIDER_GRADES, type GradeCard, type ProviderGrade } from '../core/grading/index.js'
import type { Grade } from '../core/vocabulary.js'
import { onChange } from './bus.js'

/** Announces that grades changed; every node reloads its table. The payload is informational only. */
export const GRADES_CHANNEL = 'hutong_grades'

interface GradeTable {
  grades: ReadonlyMap<string, Grade>
  ready: Promise<void> | null
  subscribed: boolean
  generation: number
}

const TABLE: SingletonKey<GradeTable> = Symbol('grade-table')

function tableOf(ctx: Context): GradeTable {
  return ctx.singleton(TABLE, () => ({ grades: new Map(), ready: null, subscribed: false, generation: 0 }))
}

const KNOWN: ReadonlySet<string> = new Set(PROVIDER_GRADES)

/**
 * Re-reads every held grade into this node's table. A slower, older load never overwrites a newer one.
 * @example await reloadGrades(ctx)
 */
export async function reloadGrades(ctx: Context): Promise<void> {
  const table = tableOf(ctx)
  const mine = ++table.generation
  const rows = await ctx.db
    .select({ provider: gradeState.provider, grade: gradeState.grade })
    .from(gradeState)
  const grades = new Map<string, Grade>()
  for (const row of rows)
    if (KNOWN.has(row.grade)) grades.set(row.provider, policyGrade(row.grade as ProviderGrade))
  if (mine === table.generation) table.grades = grades
}

/**
 * Loads the grade table once per context and keeps it current: every node reloads when any node announces a
 * change on `hutong_grades`. Cheap to await on every request once loaded.
 * @example await gradesReady(ctx); providerGrade(ctx, 'jd')
 */
export function gradesReady(ctx: Context): Promise<void> {
  const table = tableOf(ctx)
  table.ready ??= (async () => {
    if (!table.subscribed) {
      await onChange(ctx, GRADES_CHANNEL, () => {
        void reloadGrades(ctx).catch((error: unknown) =>
          ctx.logger.error({ err: error }, 'grade reload failed'),
        )
      })
      table.subscribed = true
    }
    await reloadGrades(ctx)
  })().catch((error: unknown) => {
    // A failed first load is retried by the next caller instead of being remembered forever.
    table.ready = null
    throw error
  })
  return table.ready
}

/**
 * A provider's grade as policy sees it, from memory in O(1). `none` for unregistered links, for providers
 * never graded or with too little volume, and before `gradesReady` has loaded the table.
 * @example providerGrade(ctx, 'jd') // 'B'
 */
export function providerGrade(ctx: Context, provider: string | null): Grade {
  if (provider === null) return 'none'
  return tableOf(ctx).grades.get(provider) ?? 'none'
}

/** A provider's held grade as stored: the full card of the latest recompute, and when and how it was computed. */
export interface StoredGrade {
  provider: string
  card: GradeCard
  computedAt: string
  thresholdsHash: string
}

/**
 * The stored grade card of one provider, or null when it was never graded.
 * @example publicGradeSummary((await storedGrade(ctx, 'jd'))!.card)
 */
export async function storedGrade(ctx: Context, provider: string): Promise<StoredGrade | null> {
  const [row] = await ctx.db.select().from(gradeState).where(eq(gradeState.provider, provider))
  if (!row) return null
  return {
    provider,
    card: row.card as GradeCard,
    computedAt: row.computedAt.toISOString(),
    thresholdsHash: row.thresholdsHash,
  }
}

/** One change of a provider's held grade, with the card it was given. */
export interface GradeChangeRecord {
  from: ProviderGrade | null
  to: ProviderGrade
  at: string
  ledgerSeq: number
  thresholdsHash: string
  appealId: string | null
  card: GradeCard
}

/**
 * A provider's grade changes, newest first.
 * @example (await gradeHistory(ctx, 'jd'))[0]?.to
 */
export async function gradeHistory(
  ctx: Context,
  provider: string,
  limit = 500,
): Promise<GradeChangeRecord[]> {
  const rows = await ctx.db
    .select()
    .from(gradeChange)
    .where(eq(gradeChange.provider, provider))
    .orderBy(desc(gradeChange.at), desc(gradeChange.ledgerSeq))
    .limit(limit)
  return rows.map((r) => ({
    from: r.fromGrade as ProviderGrade | null,
    to: r.toGrade as ProviderGrade,
    at: r.at.toISOString(),
    ledgerSeq: r.ledgerSeq,
    thresholdsHash: r.thresholdsHash,
    appealId: r.appealId,
    card: r.card as GradeCard,
  }))
}

/** Every provider's held grade and how many providers hold each: public. */
export interface GradeDistribution {
  computedAt: string | null
  counts: Record<ProviderGrade, number>
  providers: { provider: string; grade: ProviderGrade; policyGrade: Grade; since: string }[]
}

/**
 * The distribution of held grades across providers.
 * @example (await gradeDistribution(ctx)).counts.D
 */
export async function gradeDistribution(ctx: Context): Promise<GradeDistribution> {
  const rows = await ctx.db.select().from(gradeState).orderBy(asc(gradeState.provider))
  const counts = Object.fromEntries(PROVIDER_GRADES.map((g) => [g, 0])) as Record<ProviderGrade, number>
  const providers: GradeDistribution['providers'] = []
  let computedAt: Date | null = null
  for (const row of rows) {
    if (!KNOWN.has(row.grade)) continue
    const grade = row.grade as ProviderGrade
    counts[grade] += 1
    providers.push({
      provider: row.provider,
      grade,
      policyGrade: policyGrade(grade),
      since: (row.card as GradeCard).since,
    })
    if (computedAt === null || row.computedAt > computedAt) computedAt = row.computedAt
  }
  return { computedAt: computedAt?.toISOString() ?? null, counts, providers }
}
