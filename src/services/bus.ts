import { randomBytes } from 'node:crypto'
import type { Context, SingletonKey } from '../context.js'
import { sharedStateOf } from '../adapters/redis/context-state.js'

/** A change handler gets the payload as published. */
export type ChangeHandler = (payload: string) => void

export interface OnChangeOptions {
  /**
   * Called after the bus had to re-listen (PostgreSQL restarted): changes announced during the gap were
   * missed, so reload whatever the channel keeps fresh.
   */
  onResync?: () => void
}

// "hb1:<id>:<payload>": the id lets a node that hears one change on both transports act on it once.
const ENVELOPE = /^hb1:([\w-]{1,32}):/
const SEEN_MAX = 4_096
/** Each node pings itself on this channel; silence means its LISTEN connections died with the database. */
export const BUS_PING_CHANNEL = 'hutong_bus_ping'
const WATCH_MS = 2_000

interface Subscription {
  channel: string
  deliver: (message: string) => void
  offStore: (() => Promise<void>) | null
  onResync: (() => void) | undefined
}

interface BusState {
  seen: Set<string>
  subscriptions: Set<Subscription>
  watchdog: NodeJS.Timeout | null
  ping: { nonce: string; heard: boolean } | null
  offPing: (() => Promise<void>) | null
}

const BUS: SingletonKey<BusState> = Symbol('change-bus')

function busOf(ctx: Context): BusState {
  return ctx.singleton(BUS, () => ({
    seen: new Set<string>(),
    subscriptions: new Set(),
    watchdog: null,
    ping: null,
    offPing: null,
  }))
}

/** True the first time an id is seen; bounded, oldest forgotten first. */
function firstSighting(state: BusState, id: string): boolean {
  if (state.seen.has(id)) return false
  state.seen.add(id)
  if (state.seen.size > SEEN_MAX) state.seen.delete(state.seen.values().next().value!)
  return true
}

/**
 * Announces a change to every node: PostgreSQL NOTIFY always, and Redis pub/sub too when configured, so
 * either transport alone is enough (a PostgreSQL restart or a Redis outage loses no announcement).
 * Payloads stay under PostgreSQL's 8000-byte NOTIFY limit: send ids, not documents.
 * @example await publishChange(ctx, 'hutong_threats', snapshotId)
 */
export async function publishChange(ctx: Context, channel: string, payload: string): Promise<void> {
  const message = `hb1:${randomBytes(9).toString('base64url')}:${payload}`
  const sent = await Promise.allSettled([
    ctx.store.notify(channel, message),
    ctx.config.redis
      ? sharedStateOf(ctx).then((state) => state.publish(channel, message))
      : Promise.resolve(),
  ])
  const failed = sent.filter((outcome) => outcome.status === 'rejected')
  if (failed.length === sent.length || (failed.length > 0 && !ctx.config.redis)) {
    throw (failed[0] as PromiseRejectedResult).reason
  }
  if (failed.length > 0)
    ctx.logger.warn(
      { channel, err: (failed[0] as PromiseRejectedResult).reason },
      'change bus: one transport failed; the other carried the change',
    )
}

/**
 * Runs `handler` once for every change announced on `channel` by any node (this one included). A payload
 * sent with a plain `store.notify` (not through `publishChange`) is passed on as it is. On PostgreSQL a
 * watchdog re-listens after a database restart and then calls `onResync`.
 * The subscription ends with the context; the returned function ends it sooner.
 * @example await onChange(ctx, 'hutong_threats', () => void reloadThreatSet(ctx), { onResync: () => void reloadThreatSet(ctx) })
 */
export async function onChange(
  ctx: Context,
  channel: string,
  handler: ChangeHandler,
  options: OnChangeOptions = {},
): Promise<() => Promise<void>> {
  const state = busOf(ctx)
  const deliver = (message: string): void => {
    const match = ENVELOPE.exec(message)
    if (match === null) return handler(message)
    if (firstSighting(state, `${channel}\u0000${match[1]!}`)) handler(message.slice(match[0].length))
  }
  const subscription: Subscription = {
    channel,
    deliver,
    offStore: await ctx.store.listen(channel, deliver),
    onResync: options.onResync,
  }
  state.subscriptions.add(subscription)
  const offRedis = ctx.config.redis ? await (await sharedStateOf(ctx)).subscribe(channel, deliver) : null
  if (ctx.store.kind === 'postgres') await startWatchdog(ctx, state)
  let closed = false
  const off = async (): Promise<void> => {
    if (closed) return
    closed = true
    state.subscriptions.delete(subscription)
    await subscription.offStore?.().catch(() => undefined)
    await offRedis?.().catch(() => undefined)
  }
  ctx.onClose(off)
  return off
}

async function startWatchdog(ctx: Context, state: BusState): Promise<void> {
  if (state.watchdog !== null) return
  state.watchdog = setInterval(() => void watch(ctx, state), WATCH_MS)
  state.watchdog.unref()
  state.offPing = await ctx.store.listen(BUS_PING_CHANNEL, (nonce) => {
    if (state.ping?.nonce === nonce) state.ping.heard = true
  })
  ctx.onClose(async () => {
    if (state.watchdog) clearInterval(state.watchdog)
    state.watchdog = null
    await state.offPing?.().catch(() => undefined)
  })
}

// One tick: if the last ping went unheard, the LISTEN connections are gone; listen again, then ping anew.
async function watch(ctx: Context, state: BusState): Promise<void> {
  if (state.watchdog === null) return
  const lost = state.ping !== null && !state.ping.heard
  state.ping = null
  try {
    if (lost) await relisten(ctx, state)
    const nonce = randomBytes(9).toString('base64url')
    state.ping = { nonce, heard: false }
    await ctx.store.notify(BUS_PING_CHANNEL, nonce)
  } catch {
    // The database is still down: the next tick tries again.
    state.ping = null
    if (lost) state.ping = { nonce: '', heard: false }
  }
}

async function relisten(ctx: Context, state: BusState): Promise<void> {
  await state.offPing?.().catch(() => undefined)
  state.offPing = await ctx.store.listen(BUS_PING_CHANNEL, (nonce) => {
    if (state.ping?.nonce === nonce) state.ping.heard = true
  })
  for (const subscription of state.subscriptions) {
    await subscription.offStore?.().catch(() => undefined)
    subscription.offStore = await ctx.store.listen(subscription.channel, subscription.deliver)
  }
  ctx.logger.info(
    { channels: [...state.subscriptions].map((s) => s.channel) },
    'change bus: listening again after losing the database',
  )
  for (const subscription of state.subscriptions) subscription.onResync?.()
}
