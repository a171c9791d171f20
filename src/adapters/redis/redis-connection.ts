import { Redis } from 'ioredis'

export interface RedisConnectionOptions {
  /** How long one connection attempt may take. */
  connectTimeoutMs?: number
  /** The longest pause between reconnection attempts. */
  maxRetryDelayMs?: number
}

/**
 * A Redis connection that never queues commands while disconnected (they fail at once, so callers can
 * fall back) and keeps reconnecting for ever with capped backoff, so Redis returning needs no restart.
 * @example const redis = connectRedis('redis://127.0.0.1:6379')
 */
export function connectRedis(url: string, options: RedisConnectionOptions = {}): Redis {
  const maxDelay = options.maxRetryDelayMs ?? 2_000
  return new Redis(url, {
    lazyConnect: false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: options.connectTimeoutMs ?? 1_000,
    retryStrategy: (times: number) => Math.min(100 * 2 ** Math.min(times, 6), maxDelay),
    // Subscriptions are restored by createRedisState on every 'ready', including ones made while down.
    autoResubscribe: false,
  })
}

/** Resolves once the connection is ready, or rejects after `timeoutMs`. */
export function redisReady(redis: Redis, timeoutMs = 5_000): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve()
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      redis.off('ready', onReady)
      reject(new Error(`Redis not ready after ${timeoutMs} ms (status ${redis.status})`))
    }, timeoutMs)
    const onReady = (): void => {
      clearTimeout(timer)
      resolve()
    }
    redis.once('ready', onReady)
  })
}
