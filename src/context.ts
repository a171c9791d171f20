import { pino, type Logger } from 'pino'
import type { Config } from './config/config.js'
import { resolveSigningKey } from './config/secret.js'
import { openStore, type Db, type Store } from './db/client.js'
import { migrate } from './db/migrate.js'
import { acquireStoreLock, type StoreLock } from './db/store-lock.js'
import { configureGradingFromConfig } from './services/grade-recompute.js'

/** Everything a request, a command or a test needs, built once. */
export interface Context {
  readonly config: Config
  readonly store: Store
  readonly db: Db
  readonly logger: Logger
  readonly signingKey: string
  /** The signing key first, then the previous keys still accepted when checking a signature. */
  readonly verificationKeys: readonly string[]
  /** The embedded store's lock, when this process holds one. */
  readonly storeLock: StoreLock | null
  /** The service clock; tests pass a fixed one. */
  now(): Date
  /**
   * The one instance of a per-context service (the registry, the policy cache, the threat set, …),
   * created on first use. Keys are typed symbols: `const KEY: SingletonKey<T> = Symbol('name')`.
   */
  singleton<T>(key: SingletonKey<T>, create: () => T): T
  /** Runs `fn` when the context closes, newest first. */
  onClose(fn: () => Promise<void> | void): void
  close(): Promise<void>
}

/** A typed key for `Context.singleton`. */
export type SingletonKey<T> = symbol & { readonly __type?: T }

export interface ContextOverrides {
  /** An already-open store (tests: PGlite in memory, or a PostgreSQL test database). */
  store?: Store
  logger?: Logger
  now?: () => Date
}

/**
 * The composition root for api, cli and tests: opens the store (taking the embedded store's lock),
 * applies migrations and resolves the signing key.
 * @example const ctx = await createContext(configFromEnv(env))
 */
export async function createContext(config: Config, overrides: ContextOverrides = {}): Promise<Context> {
  const logger =
    overrides.logger ??
    pino({ level: config.log.level, redact: ['req.headers.authorization', 'secrets', 'signingKey'] })
  let lock: StoreLock | null = null
  let store = overrides.store
  if (!store) {
    if (config.store.kind === 'pglite') lock = acquireStoreLock(config.store.dataDir)
    try {
      store = await openStore(
        config.store.kind === 'pglite'
          ? { kind: 'pglite', dataDir: config.store.dataDir }
          : { kind: 'postgres', url: config.store.url },
      )
    } catch (error) {
      lock?.release()
      throw error
    }
  }
  const closers: (() => Promise<void> | void)[] = []
  const singletons = new Map<symbol, unknown>()
  const ownStore = overrides.store === undefined
  try {
    const applied = await migrate(store)
    if (applied.length > 0) logger.info({ applied }, 'migrations applied')
  } catch (error) {
    if (ownStore) await store.close()
    lock?.release()
    throw error
  }
  const signingKey = resolveSigningKey(config.secrets.signingKey, config.store.dataDir).key
  const openStoreRef = store
  let closed = false
  const ctx: Context = {
    config,
    store: openStoreRef,
    db: openStoreRef.db,
    logger,
    signingKey,
    verificationKeys: [signingKey, ...config.secrets.previousKeys.filter((key) => key !== signingKey)],
    storeLock: lock,
    now: overrides.now ?? (() => new Date()),
    singleton: <T>(key: SingletonKey<T>, create: () => T): T => {
      // One lookup on the hot path: inspect asks for a dozen singletons per message.
      let value = singletons.get(key) as T | undefined
      if (value === undefined) {
        value = create()
        singletons.set(key, value)
      }
      return value
    },
    onClose: (fn) => closers.push(fn),
    close: async () => {
      if (closed) return
      closed = true
      for (const fn of closers.reverse()) await fn()
      if (ownStore) await openStoreRef.close()
      lock?.release()
    },
  }
  try {
    configureGradingFromConfig(ctx)
  } catch (error) {
    await ctx.close()
    throw error
  }
  return ctx
}
