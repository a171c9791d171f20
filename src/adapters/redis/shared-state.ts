/** Hits counted in one window, and when that window (or its oldest hit) lets go. */
export interface WindowCount {
  count: number
  /** Epoch milliseconds at which the count next drops. */
  resetAt: number
}

/** A held lock; `release` frees it only while this holder still owns it. */
export interface HeldLock {
  readonly key: string
  readonly token: string
  release(): Promise<boolean>
}

/**
 * State every node must agree on: rate-limit windows, short locks and pub/sub. One interface, two
 * implementations (in-memory for a single node, Redis for several) run through one contract suite.
 */
export interface SharedState {
  /** `memory`, `redis`, or what a fallback wrapper is using right now. */
  readonly kind: 'memory' | 'redis'
  /** Adds one hit to `key` and returns the hits in the fixed window that contains `nowMs`. */
  hitFixedWindow(key: string, windowMs: number, nowMs: number): Promise<WindowCount>
  /** Adds one hit to `key` and returns the hits in the last `windowMs` (a sliding log). */
  hitSlidingWindow(key: string, windowMs: number, nowMs: number): Promise<WindowCount>
  /** Takes `key` for `ttlMs` unless someone holds it (Redis `SET NX PX`); null when held. */
  acquireLock(key: string, ttlMs: number): Promise<HeldLock | null>
  /** Sends `payload` to every subscriber of `channel`, on every node sharing this state. */
  publish(channel: string, payload: string): Promise<void>
  /** Subscribes to `channel`; returns the unsubscribe function. */
  subscribe(channel: string, handler: (payload: string) => void): Promise<() => Promise<void>>
  close(): Promise<void>
}
