import type { Context, SingletonKey } from '../../context.js'
import { createMemoryState } from './memory-state.js'
import { connectRedis } from './redis-connection.js'
import { createRedisState } from './redis-state.js'
import { createResilientState } from './resilient-state.js'
import type { SharedState } from './shared-state.js'

const STATE: SingletonKey<Promise<SharedState>> = Symbol('shared-state')

/**
 * The context's shared state: Redis with a local fallback when `HUTONG_REDIS_URL` is set, memory otherwise.
 * Keys and channels are prefixed with the database name, so every node on one database meets in Redis
 * and two deployments (or two test databases) sharing a Redis never see each other's limits or messages.
 * @example const limited = await checkRateLimit(await sharedStateOf(ctx), key, rule, Date.now())
 */
export function sharedStateOf(ctx: Context): Promise<SharedState> {
  return ctx.singleton(STATE, () => {
    const opening = openSharedState(ctx)
    ctx.onClose(async () => (await opening).close())
    return opening
  })
}

async function openSharedState(ctx: Context): Promise<SharedState> {
  const local = createMemoryState()
  if (!ctx.config.redis) return local
  const { rows } = await ctx.store.query('SELECT current_database() AS name')
  const name = rows[0]?.name
  const prefix = `hutong:${typeof name === 'string' ? name : 'hutong'}:`
  const redis = createRedisState(connectRedis(ctx.config.redis.url), { prefix })
  return createResilientState(redis, local, ctx.logger)
}
