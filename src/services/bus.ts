import { randomBytes } from 'node:crypto'
import type { Context, SingletonKey } from '../context.js'
import { sharedStateOf } from '../adapters/redis/context-state.js'

/** A change handler gets the payload as published. */
export type ChangeHandler = (payload: string) => void

// "hb1:<id>:<payload>": the id lets a node that hears one change on both transports act on it once.
const ENVELOPE = /^hb1:([\w-]{1,32}):/
const SEEN_MAX = 4_096

interface BusState {
  seen: Set<string>
}

const BUS: SingletonKey<BusState> = Symbol('change-bus')

function busOf(ctx: Context): BusState {
  return ctx.singleton(BUS, () => ({ seen: new Set<string>() }))
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
    ctx.config.redis ? sharedStateOf(ctx).then((state) => state.publish(channel, message)) : Promise.resolve(),
  ])
  const failed = sent.filter((outcome) => outcome.status === 'rejected')
  if (failed.length === sent.length || (failed.length > 0 && !ctx.config.redis)) {
    throw (failed[0] as PromiseRejectedResult).reason
  }
  if (failed.length > 0) ctx.logger.warn({ channel, err: (failed[0] as PromiseRejectedResult).reason }, 'change bus: one transport failed; the other carried the change')
}

/**
 * Runs `handler` once for every change announced on `channel` by any node (this one included). A payload
 * sent with a plain `store.notify` (not through `publishChange`) is passed on as it is.
 * The subscription ends with the context; the returned function ends it sooner.
 * @example await onChange(ctx, 'hutong_threats', () => void reloadThreatSet(ctx))
 */
export async function onChange(ctx: Context, channel: string, handler: ChangeHandler): Promise<() => Promise<void>> {
  const state = busOf(ctx)
  const deliver = (message: string): void => {
    const match = ENVELOPE.exec(message)
    if (match === null) return handler(message)
    if (firstSighting(state, `${channel}\u0000${match[1]!}`)) handler(message.slice(match[0].length))
  }
  const offs: (() => Promise<void>)[] = [await ctx.store.listen(channel, deliver)]
  if (ctx.config.redis) offs.push(await (await sharedStateOf(ctx)).subscribe(channel, deliver))
  let closed = false
  const off = async (): Promise<void> => {
    if (closed) return
    closed = true
    await Promise.all(offs.map((fn) => fn().catch(() => undefined)))
  }
  ctx.onClose(off)
  return off
}
