import type { SharedState } from './shared-state.js'

export interface RateLimitRule {
  limit: number
  windowMs: number
  /** `fixed`: cheap, bursts of up to 2×limit across a window edge; `sliding`: exact, one entry per hit. */
  window: 'fixed' | 'sliding'
}

export interface RateLimitOutcome {
  allowed: boolean
  count: number
  remaining: number
  /** Milliseconds until another hit would be counted in a new window (for Retry-After). */
  retryAfterMs: number
}

/**
 * Counts one hit against a rule in shared state, so the limit holds across every node.
 * @example const outcome = await checkRateLimit(state, `reports:${reporterId}`, { limit: 400, windowMs: 86_400_000, window: 'sliding' }, Date.now())
 */
export async function checkRateLimit(
  state: SharedState,
  key: string,
  rule: RateLimitRule,
  nowMs: number,
): Promise<RateLimitOutcome> {
  const counted =
    rule.window === 'fixed'
      ? await state.hitFixedWindow(key, rule.windowMs, nowMs)
      : await state.hitSlidingWindow(key, rule.windowMs, nowMs)
  const allowed = counted.count <= rule.limit
  return {
    allowed,
    count: counted.count,
    remaining: Math.max(0, rule.limit - counted.count),
    retryAfterMs: allowed ? 0 : Math.max(0, counted.resetAt - nowMs),
  }
}
