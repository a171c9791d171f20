import { sql } from 'drizzle-orm'
import type { Context, SingletonKey } from '../context.js'
import { inspectSample, linkCount } from '../db/schema/index.js'

const FLUSH_MS = 1_000
// Simulation needs a recent sample of traffic, not all of it: at most this many inputs a second.
const MAX_SAMPLES_PER_FLUSH = 20
const SAMPLE_TRIM_EVERY_MS = 60_000
/** Inspect samples older than this are deleted: they exist only for short-term policy simulation. */
export const SAMPLE_RETENTION_MS = 7 * 24 * 3600 * 1000

interface CounterState {
  counts: Map<string, number>
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
  const key = `${input.provider ?? ''}\u0000${input.day}\u0000${input.scenario}\u0000${input.action}\u0000${input.category}`
  const counts = stateOf(ctx).counts
  counts.set(key, (counts.get(key) ?? 0) + 1)
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
        const rows = [...counts].map(([key, count]) => {
          const [provider, day, scenario, action, category] = key.split('\u0000') as [
            string,
            string,
            string,
            string,
            string,
          ]
          return { provider, day, scenario, action, category, count }
        })
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
      for (const [key, count] of counts) state.counts.set(key, (state.counts.get(key) ?? 0) + count)
      throw error
    } finally {
      state.flushing = null
    }
  })()
  return state.flushing
}
