import { sql } from 'drizzle-orm'
import type { Context, SingletonKey } from '../context.js'
import { inspectSample, linkCount } from '../db/schema/index.js'

const FLUSH_MS = 1_000
// Simulation needs a recent sample of traffic, not all of it: at most this many inputs a second.
const MAX_SAMPLES_PER_FLUSH = 20
const SAMPLE_TRIM_EVERY_MS = 60_000
/** Inspect samples older than this are deleted: they exist only for short-term policy simulation. */
export const SAMPLE_RETENTION_MS = 7 * 24 * 3600 * 1000

/** Sums by day, scenario, action, provider ('' for none) and category, one Map per level. */
type Counts = Map<string, Map<string, Map<string, Map<string, Map<string, number>>>>>

interface CounterState {
  counts: Counts
  samples: { url: string; scenario: string; clientVersion: string | null; at: Date }[]
  timer: NodeJS.Timeout | null
  flushing: Promise<void> | null
  trimmedAt: number
}

const STATE: SingletonKey<CounterState> = Symbol('counters')

function stateOf(ctx: Context): CounterState {
  return ctx.singleton(STATE, () => {
    const state: CounterState = { counts: new Map(), samples: [], timer: null, flushing: null, trimmedAt: 0 }
    state.timer = setInterval(
      () =>
        void flushCounters(ctx).catch((error: unknown) =>
          ctx.logger.warn({ err: error }, 'counter flush failed'),
        ),
      FLUSH_MS,
    )
    state.timer.unref()
    ctx.onClose(async () => {
      if (state.timer) clearInterval(state.timer)
      await flushCounters(ctx).catch(() => undefined)
    })
    return state
  })
}

/**
 * Counts one shared link, in memory; a timer writes the sums every second. Never per user: the key is
 * provider, day, scenario, action and category.
 */
export function countLink(
  ctx: Context,
  input: { provider: string | null; scenario: string; action: string; category: string; day: string },
): void {
  const { day, scenario, action, category } = input
  add(stateOf(ctx).counts, { day, scenario, action, provider: input.provider ?? '', category }, 1)
}

// Nested Maps keyed by the strings as given: their hashes are cached, where a joined key would be
// built and hashed anew for every link.
function add(
  counts: Counts,
  key: { provider: string; scenario: string; action: string; category: string; day: string },
  count: number,
): void {
  const byCategory = level(level(level(level(counts, key.day), key.scenario), key.action), key.provider)
  byCategory.set(key.category, (byCategory.get(key.category) ?? 0) + count)
}

function level<V>(map: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let next = map.get(key)
  if (next === undefined) {
    next = new Map()
    map.set(key, next)
  }
  return next
}

function* countRows(counts: Counts): Generator<{
  provider: string
  day: string
  scenario: string
  action: string
  category: string
  count: number
}> {
  for (const [day, byScenario] of counts)
    for (const [scenario, byAction] of byScenario)
      for (const [action, byProvider] of byAction)
        for (const [provider, byCategory] of byProvider)
          for (const [category, count] of byCategory)
            yield { provider, day, scenario, action, category, count }
}

/** Keeps a recent inspect input for policy simulation, without user, group or message text. */
export function sampleInspect(
  ctx: Context,
  sample: { url: string; scenario: string; clientVersion: string | null; at: Date },
): void {
  const state = stateOf(ctx)
  if (state.samples.length < MAX_SAMPLES_PER_FLUSH) state.samples.push(sample)
}

/** Writes the pending sums (adding to what other nodes wrote) and samples. */
export async function flushCounters(ctx: Context): Promise<void> {
  const state = stateOf(ctx)
  if (state.flushing) return state.flushing
  if (state.counts.size === 0 && state.samples.length === 0) return
  const counts = state.counts
  const samples = state.samples
  state.counts = new Map()
  state.samples = []
  state.flushing = (async () => {
    try {
      if (counts.size > 0) {
        const rows = [...countRows(counts)]
        await ctx.db
          .insert(linkCount)
          .values(rows)
          .onConflictDoUpdate({
            target: [
              linkCount.provider,
              linkCount.day,
              linkCount.scenario,
              linkCount.action,
              linkCount.category,
            ],
            set: { count: sql`${linkCount.count} + excluded.count` },
          })
      }
      if (samples.length > 0) await ctx.db.insert(inspectSample).values(samples)
      if (Date.now() - state.trimmedAt > SAMPLE_TRIM_EVERY_MS) {
        state.trimmedAt = Date.now()
        await ctx.db
          .delete(inspectSample)
          .where(sql`${inspectSample.at} < ${new Date(ctx.now().getTime() - SAMPLE_RETENTION_MS)}`)
      }
    } catch (error) {
      // Put the sums back so a transient failure loses nothing.
      for (const row of countRows(counts)) add(state.counts, row, row.count)
      throw error
    } finally {
      state.flushing = null
    }
  })()
  return state.flushing
}
