import type { Logger } from 'pino'
import type { RedisState } from './redis-state.js'
import type { HeldLock, SharedState, WindowCount } from './shared-state.js'

export interface ResilientState extends SharedState {
  /** Whether commands currently go to Redis (false: local fallback). */
  usingRedis(): boolean
}

type Logs = Pick<Logger, 'warn' | 'info'>

/**
 * Redis while it answers, this process's memory while it does not. An outage is logged once when it
 * starts and once when it ends; nothing needs restarting. During an outage limits are per node (so a
 * global limit of L lets through at most L per node) and locks are per node.
 * @example const state = createResilientState(createRedisState(connectRedis(url)), createMemoryState(), logger)
 */
export function createResilientState(redis: RedisState, local: SharedState, logger: Logs): ResilientState {
  let down = redis.redis.status !== 'ready'
  let announced = false
  const markDown = (error: unknown): void => {
    down = true
    if (announced) return
    announced = true
    logger.warn(
      { err: error },
      'shared state: Redis unavailable; falling back to local limits, locks and pub/sub',
    )
  }
  const markUp = (): void => {
    down = false
    if (!announced) return
    announced = false
    logger.info('shared state: Redis is back; limits, locks and pub/sub are shared again')
  }
  redis.redis.on('error', markDown)
  redis.redis.on('end', () => markDown(new Error('Redis connection ended')))
  redis.redis.on('close', () => {
    if (redis.redis.status !== 'ready') markDown(new Error('Redis connection closed'))
  })
  redis.redis.on('ready', markUp)
  // Starting without Redis is an outage too, and says so once the first attempt fails.

  const either = async <T>(viaRedis: () => Promise<T>, viaLocal: () => Promise<T>): Promise<T> => {
    if (!down && redis.redis.status === 'ready') {
      try {
        return await viaRedis()
      } catch (error) {
        markDown(error)
      }
    }
    return viaLocal()
  }

  return {
    get kind() {
      return down ? 'memory' : 'redis'
    },
    usingRedis: () => !down && redis.redis.status === 'ready',
    hitFixedWindow: (key, windowMs, nowMs): Promise<WindowCount> =>
      either(
        () => redis.hitFixedWindow(key, windowMs, nowMs),
        () => local.hitFixedWindow(key, windowMs, nowMs),
      ),
    hitSlidingWindow: (key, windowMs, nowMs): Promise<WindowCount> =>
      either(
        () => redis.hitSlidingWindow(key, windowMs, nowMs),
        () => local.hitSlidingWindow(key, windowMs, nowMs),
      ),
    acquireLock: (key, ttlMs): Promise<HeldLock | null> =>
      either(
        () => redis.acquireLock(key, ttlMs),
        () => local.acquireLock(key, ttlMs),
      ),
    // Through Redis, this node hears its own message back on the subscriber; locally, memory delivers it.
    publish: (channel, payload) =>
      either(
        () => redis.publish(channel, payload),
        () => local.publish(channel, payload),
      ),
    subscribe: async (channel, handler) => {
      const offLocal = await local.subscribe(channel, handler)
      const offRedis = await redis.subscribe(channel, handler).catch((error: unknown) => {
        markDown(error)
        return async () => undefined
      })
      return async () => {
        await offLocal()
        await offRedis()
      }
    },
    close: async () => {
      await redis.close()
      await local.close()
    },
  }
}
