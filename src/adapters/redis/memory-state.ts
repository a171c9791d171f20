import { randomBytes } from 'node:crypto'
import type { HeldLock, SharedState, WindowCount } from './shared-state.js'

// Bounded so a flood of distinct keys (one per reporter, say) cannot grow memory without limit.
const MAX_KEYS = 100_000

/**
 * Shared state for one process: the single-node default, and what a node falls back to while Redis is down.
 * @example const state = createMemoryState(); await state.hitFixedWindow('reports:u1', 86_400_000, Date.now())
 */
export function createMemoryState(): SharedState {
  const fixed = new Map<string, { windowStart: number; count: number }>()
  const sliding = new Map<string, number[]>()
  const locks = new Map<string, { token: string; until: number }>()
  const handlers = new Map<string, Set<(payload: string) => void>>()

  const bound = <V>(map: Map<string, V>): void => {
    if (map.size >= MAX_KEYS) map.delete(map.keys().next().value!)
  }

  return {
    kind: 'memory',
    hitFixedWindow: (key, windowMs, nowMs): Promise<WindowCount> => {
      const windowStart = Math.floor(nowMs / windowMs) * windowMs
      let entry = fixed.get(key)
      if (!entry || entry.windowStart !== windowStart) {
        bound(fixed)
        entry = { windowStart, count: 0 }
        fixed.set(key, entry)
      }
      entry.count += 1
      return Promise.resolve({ count: entry.count, resetAt: windowStart + windowMs })
    },
    hitSlidingWindow: (key, windowMs, nowMs): Promise<WindowCount> => {
      let hits = sliding.get(key)
      if (!hits) {
        bound(sliding)
        hits = []
        sliding.set(key, hits)
      }
      const since = nowMs - windowMs
      let drop = 0
      while (drop < hits.length && hits[drop]! <= since) drop++
      if (drop > 0) hits.splice(0, drop)
      hits.push(nowMs)
      return Promise.resolve({ count: hits.length, resetAt: hits[0]! + windowMs })
    },
    acquireLock: (key, ttlMs): Promise<HeldLock | null> => {
      const now = Date.now()
      const held = locks.get(key)
      if (held && held.until > now) return Promise.resolve(null)
      bound(locks)
      const token = randomBytes(12).toString('base64url')
      locks.set(key, { token, until: now + ttlMs })
      return Promise.resolve({
        key,
        token,
        release: () => {
          const current = locks.get(key)
          if (current?.token !== token) return Promise.resolve(false)
          locks.delete(key)
          return Promise.resolve(true)
        },
      })
    },
    publish: (channel, payload) => {
      for (const handler of handlers.get(channel) ?? []) handler(payload)
      return Promise.resolve()
    },
    subscribe: (channel, handler) => {
      let set = handlers.get(channel)
      if (!set) handlers.set(channel, (set = new Set()))
      // A wrapper, so subscribing the same function twice gives two independent subscriptions.
      const own = (payload: string): void => handler(payload)
      set.add(own)
      return Promise.resolve(() => {
        set.delete(own)
        return Promise.resolve()
      })
    },
    close: () => {
      fixed.clear()
      sliding.clear()
      locks.clear()
      handlers.clear()
      return Promise.resolve()
    },
  }
}
