import { randomBytes } from 'node:crypto'
import type { Redis } from 'ioredis'
import type { HeldLock, SharedState, WindowCount } from './shared-state.js'

// One round trip each, atomic on the server, so nodes racing on a key never lose a hit.
const FIXED_WINDOW = `local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n`
const SLIDING_WINDOW = `redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {redis.call('ZCARD', KEYS[1]), first[2]}`
const RELEASE_LOCK = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`

const SUBSCRIBE_WAIT_MS = 1_000

function readyWithin(redis: Redis, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer)
      redis.off('ready', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    redis.once('ready', done)
  })
}

export interface RedisStateOptions {
  /** Prepended to every key and channel, so deployments (and tests) sharing one Redis stay apart. */
  prefix?: string
}

/** Redis shared state plus the connection it runs on, for the fallback wrapper to watch. */
export interface RedisState extends SharedState {
  readonly redis: Redis
}

/**
 * Shared state in Redis: windows as INCR / sorted-set scripts, locks as `SET NX PX`, pub/sub on a second
 * connection. Commands reject while Redis is unreachable; wrap it with `createResilientState` to fall back.
 * @example const state = createRedisState(connectRedis(url), { prefix: 'hutong:prod:' })
 */
export function createRedisState(redis: Redis, options: RedisStateOptions = {}): RedisState {
  const prefix = options.prefix ?? 'hutong:'
  const subscriber = redis.duplicate()
  // The command connection reports outages; the subscriber's errors would only repeat them.
  subscriber.on('error', () => undefined)
  const handlers = new Map<string, Set<(payload: string) => void>>()
  subscriber.on('message', (channel: string, message: string) => {
    if (!channel.startsWith(prefix)) return
    for (const handler of handlers.get(channel.slice(prefix.length)) ?? []) handler(message)
  })
  subscriber.on('ready', () => {
    const channels = [...handlers.keys()].map((channel) => prefix + channel)
    if (channels.length > 0) void subscriber.subscribe(...channels).catch(() => undefined)
  })

  return {
    kind: 'redis',
    redis,
    hitFixedWindow: async (key, windowMs, nowMs): Promise<WindowCount> => {
      const windowStart = Math.floor(nowMs / windowMs) * windowMs
      const resetAt = windowStart + windowMs
      const count = await redis.eval(
        FIXED_WINDOW,
        1,
        `${prefix}rl:f:${key}:${windowStart}`,
        String(resetAt - nowMs + 1_000),
      )
      return { count: Number(count), resetAt }
    },
    hitSlidingWindow: async (key, windowMs, nowMs): Promise<WindowCount> => {
      const member = `${nowMs}:${randomBytes(6).toString('base64url')}`
      const reply = (await redis.eval(
        SLIDING_WINDOW,
        1,
        `${prefix}rl:s:${key}`,
        String(nowMs - windowMs),
        String(nowMs),
        member,
        String(windowMs + 1_000),
      )) as [number, string | null]
      return { count: Number(reply[0]), resetAt: Number(reply[1] ?? nowMs) + windowMs }
    },
    acquireLock: async (key, ttlMs): Promise<HeldLock | null> => {
      const token = randomBytes(12).toString('base64url')
      const full = `${prefix}lock:${key}`
      const taken = await redis.set(full, token, 'PX', ttlMs, 'NX')
      if (taken !== 'OK') return null
      return {
        key,
        token,
        // Delete only our own lock: it may have expired and been taken by another node meanwhile.
        release: async () => Number(await redis.eval(RELEASE_LOCK, 1, full, token)) === 1,
      }
    },
    publish: async (channel, payload) => {
      await redis.publish(prefix + channel, payload)
    },
    subscribe: async (channel, handler) => {
      let set = handlers.get(channel)
      if (!set) {
        handlers.set(channel, (set = new Set()))
        // A subscription should be live when this resolves; while Redis is down, the 'ready' handler
        // above subscribes once the connection returns.
        if (subscriber.status !== 'ready') await readyWithin(subscriber, SUBSCRIBE_WAIT_MS)
        if (subscriber.status === 'ready') await subscriber.subscribe(prefix + channel)
      }
      const own = (payload: string): void => handler(payload)
      set.add(own)
      return async () => {
        set.delete(own)
        if (set.size === 0 && handlers.get(channel) === set) {
          handlers.delete(channel)
          if (subscriber.status === 'ready')
            await subscriber.unsubscribe(prefix + channel).catch(() => undefined)
        }
      }
    },
    close: async () => {
      handlers.clear()
      subscriber.disconnect()
      redis.disconnect()
      await Promise.resolve()
    },
  }
}
