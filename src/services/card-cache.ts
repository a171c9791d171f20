import { createHash } from 'node:crypto'
import { Redis } from 'ioredis'
import type { Context, SingletonKey } from '../context.js'
import type { CardPrice } from '../core/cards/index.js'

/** A card as cached: the image is the page's own URL, signed for the proxy only when served. */
export interface StoredCard {
  title: string | null
  description: string | null
  siteName: string | null
  image: string | null
  price?: CardPrice
  finalUrl: string
  charset: string
  loginRequired: boolean
  provider: string | null
  openInApp: string | null
}

/** One cached answer for a card key: a card, or the code of the fetch that failed. */
export type CacheEntry =
  | { ok: true; card: StoredCard; fetchedAt: string; expiresAt: string }
  | { ok: false; code: string; message: string; fetchedAt: string; expiresAt: string }

/** The outcome of one fetch, before it is cached. */
export type FetchOutcome = { ok: true; card: StoredCard } | { ok: false; code: string; message: string }

export const CARD_TTL_MS = 24 * 3600 * 1000
/** Failures are kept for less time: a page that was down may come back. */
export const FAILURE_TTL_MS = 10 * 60 * 1000
/** How long a node may hold a key's fetch before another may take over: the fetch budget plus margin. */
export const LEASE_MS = 15_000
const WAIT_POLL_MS = 50
const LOCAL_MAX = 1_000
const TRIM_EVERY_WRITES = 200

interface CacheState {
  local: Map<string, CacheEntry>
  inflight: Map<string, Promise<CacheEntry>>
  redis: Redis | null
  redisDown: boolean
  writes: number
}

const STATE: SingletonKey<CacheState> = Symbol('card-cache')

function stateOf(ctx: Context): CacheState {
  return ctx.singleton(STATE, () => {
    const state: CacheState = {
      local: new Map(),
      inflight: new Map(),
      redis: null,
      redisDown: false,
      writes: 0,
    }
    if (ctx.config.redis) {
      // No offline queue: while Redis is unreachable every command fails at once and the database answers.
      const redis = new Redis(ctx.config.redis.url, {
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        connectTimeout: 1_000,
        lazyConnect: false,
      })
      redis.on('error', (error: Error) => markRedis(ctx, state, error))
      redis.on('ready', () => markRedis(ctx, state, null))
      state.redis = redis
      ctx.onClose(() => void redis.disconnect())
    }
    return state
  })
}

function markRedis(ctx: Context, state: CacheState, error: Error | null): void {
  // Log the edges of an outage, not every failed command.
  if (error !== null && !state.redisDown)
    ctx.logger.warn({ err: error }, 'card cache: Redis unavailable; using the database')
  if (error === null && state.redisDown) ctx.logger.info('card cache: Redis is back')
  state.redisDown = error !== null
}

async function viaRedis<T>(
  ctx: Context,
  state: CacheState,
  run: (redis: Redis) => Promise<T>,
): Promise<T | undefined> {
  if (state.redis === null || state.redis.status !== 'ready') return undefined
  try {
    return await run(state.redis)
  } catch (error) {
    markRedis(ctx, state, error as Error)
    return undefined
  }
}

const redisKey = (key: string): string =>
  `hutong:card:${createHash('sha256').update(key).digest('base64url')}`

function fresh(ctx: Context, entry: CacheEntry | null | undefined): entry is CacheEntry {
  return entry !== null && entry !== undefined && Date.parse(entry.expiresAt) > ctx.now().getTime()
}

function remember(state: CacheState, key: string, entry: CacheEntry): void {
  state.local.delete(key)
  state.local.set(key, entry)
  if (state.local.size > LOCAL_MAX) state.local.delete(state.local.keys().next().value!)
}

async function readDb(ctx: Context, key: string): Promise<CacheEntry | null> {
  const { rows } = await ctx.store.query(
    'SELECT card, error_code, error_message, fetched_at, expires_at FROM card_cache WHERE key = $1 AND expires_at IS NOT NULL',
    [key],
  )
  const row = rows[0]
  if (row === undefined) return null
  const fetchedAt = new Date(row.fetched_at as string | Date).toISOString()
  const expiresAt = new Date(row.expires_at as string | Date).toISOString()
  if (typeof row.error_code === 'string')
    return {
      ok: false,
      code: row.error_code,
      message: typeof row.error_message === 'string' ? row.error_message : '',
      fetchedAt,
      expiresAt,
    }
  return { ok: true, card: row.card as StoredCard, fetchedAt, expiresAt }
}

/** Every tier shared with other nodes: Redis first (when configured and up), then the database. */
async function readShared(ctx: Context, state: CacheState, key: string): Promise<CacheEntry | null> {
  const cached = await viaRedis(ctx, state, (redis) => redis.get(redisKey(key)))
  if (typeof cached === 'string') return JSON.parse(cached) as CacheEntry
  return readDb(ctx, key)
}

/**
 * The cached answer for a key from any tier, without fetching; null when nothing fresh is cached.
 * @example const entry = await peekCard(ctx, 'https://item.jd.com/1.html')
 */
export async function peekCard(ctx: Context, key: string): Promise<CacheEntry | null> {
  const state = stateOf(ctx)
  const local = state.local.get(key)
  if (fresh(ctx, local)) return local
  const shared = await readShared(ctx, state, key)
  if (!fresh(ctx, shared)) return null
  remember(state, key, shared)
  return shared
}

/**
 * Takes the key's fetch lease on its `card_cache` row. The lease lives in the database even when Redis is
 * configured: every node can always reach the database, while a node whose Redis link is down would take a
 * different lock than its peers and fetch alongside them.
 */
async function acquireLease(ctx: Context, key: string): Promise<(() => Promise<void>) | null> {
  const now = ctx.now()
  // One statement, so two nodes can never both win; a fresh row or a live lease refuses the lease.
  const { rows } = await ctx.store.query(
    `INSERT INTO card_cache (key, lease_until) VALUES ($1, $2::timestamptz)
     ON CONFLICT (key) DO UPDATE SET lease_until = EXCLUDED.lease_until
     WHERE (card_cache.lease_until IS NULL OR card_cache.lease_until < $3::timestamptz)
       AND (card_cache.expires_at IS NULL OR card_cache.expires_at <= $3::timestamptz)
     RETURNING key`,
    [key, new Date(now.getTime() + LEASE_MS).toISOString(), now.toISOString()],
  )
  if (rows.length === 0) return null
  return async () => {
    await ctx.store.query('UPDATE card_cache SET lease_until = NULL WHERE key = $1', [key])
  }
}

async function store(ctx: Context, state: CacheState, key: string, entry: CacheEntry): Promise<void> {
  remember(state, key, entry)
  const ttl = Date.parse(entry.expiresAt) - ctx.now().getTime()
  await viaRedis(ctx, state, (redis) =>
    redis.set(redisKey(key), JSON.stringify(entry), 'PX', Math.max(1, ttl)),
  )
  await ctx.store.query(
    `INSERT INTO card_cache (key, card, error_code, error_message, fetched_at, expires_at, lease_until)
     VALUES ($1, $2::jsonb, $3, $4, $5::timestamptz, $6::timestamptz, NULL)
     ON CONFLICT (key) DO UPDATE SET card = EXCLUDED.card, error_code = EXCLUDED.error_code, error_message = EXCLUDED.error_message,
       fetched_at = EXCLUDED.fetched_at, expires_at = EXCLUDED.expires_at, lease_until = NULL`,
    [
      key,
      entry.ok ? JSON.stringify(entry.card) : null,
      entry.ok ? null : entry.code,
      entry.ok ? null : entry.message,
      entry.fetchedAt,
      entry.expiresAt,
    ],
  )
  state.writes += 1
  if (state.writes % TRIM_EVERY_WRITES === 0) {
    // Keys nobody asks for again would otherwise stay forever; a day past expiry is long enough to be unused.
    await ctx.store.query(
      'DELETE FROM card_cache WHERE expires_at < $1::timestamptz AND (lease_until IS NULL OR lease_until < $1::timestamptz)',
      [new Date(ctx.now().getTime() - CARD_TTL_MS).toISOString()],
    )
  }
}

function toEntry(ctx: Context, outcome: FetchOutcome): CacheEntry {
  const now = ctx.now()
  const fetchedAt = now.toISOString()
  const expiresAt = new Date(now.getTime() + (outcome.ok ? CARD_TTL_MS : FAILURE_TTL_MS)).toISOString()
  return outcome.ok
    ? { ok: true, card: outcome.card, fetchedAt, expiresAt }
    : { ok: false, code: outcome.code, message: outcome.message, fetchedAt, expiresAt }
}

/**
 * The cached answer for a key, fetching it when no tier holds a fresh one. One fetch per key across all
 * nodes: callers in this process share one promise, and other nodes wait on the lease, polling the cache.
 * @example const entry = await cachedCard(ctx, key, () => fetchOutcome(url))
 */
export function cachedCard(
  ctx: Context,
  key: string,
  fetch: () => Promise<FetchOutcome>,
): Promise<CacheEntry> {
  const state = stateOf(ctx)
  const local = state.local.get(key)
  if (fresh(ctx, local)) return Promise.resolve(local)
  const running = state.inflight.get(key)
  if (running !== undefined) return running
  const promise = resolveShared(ctx, state, key, fetch).finally(() => state.inflight.delete(key))
  state.inflight.set(key, promise)
  return promise
}

async function resolveShared(
  ctx: Context,
  state: CacheState,
  key: string,
  fetch: () => Promise<FetchOutcome>,
): Promise<CacheEntry> {
  // Wall-clock deadline (not ctx.now(), which tests may freeze): one lease's worth of waiting, then give up.
  const deadline = performance.now() + LEASE_MS + 1_000
  for (;;) {
    const shared = await readShared(ctx, state, key)
    if (fresh(ctx, shared)) {
      remember(state, key, shared)
      return shared
    }
    const release = await acquireLease(ctx, key)
    if (release !== null) {
      try {
        // The holder before us may have stored its answer between our read and our lock.
        const stored = await readShared(ctx, state, key)
        if (fresh(ctx, stored)) {
          remember(state, key, stored)
          return stored
        }
        const entry = toEntry(ctx, await fetch())
        await store(ctx, state, key, entry)
        return entry
      } finally {
        await release().catch((error: unknown) =>
          ctx.logger.warn({ err: error }, 'card cache: lease release failed'),
        )
      }
    }
    if (performance.now() > deadline) {
      return toEntry(ctx, {
        ok: false,
        code: 'fetch_timeout',
        message: 'another node is still fetching this card',
      })
    }
    await new Promise((resolve) => setTimeout(resolve, WAIT_POLL_MS))
  }
}

/** Forgets this process's copies (tests: another "node" sharing the same database and Redis). */
export function clearLocalCardCache(ctx: Context): void {
  stateOf(ctx).local.clear()
}
