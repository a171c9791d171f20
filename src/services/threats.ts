import { createHash } from 'node:crypto'
import { asc, desc, eq, gt, inArray } from 'drizzle-orm'
import type { Context, SingletonKey } from '../context.js'
import type { Tx } from '../db/client.js'
import { threatEntry, threatSnapshot, threatSource } from '../db/schema/index.js'
import {
  DEFAULT_FRESHNESS,
  FeedTally,
  MapFullHashStore,
  ThreatSetBuilder,
  createFeedParser,
  deserializeThreatSet,
  matchFullHashesByPrefixes,
  serializeThreatSet,
  toThreatEntry,
  type FeedFormat,
  type FeedProblem,
  type HashedFeedEntry,
  type ThreatSet,
} from '../core/safety/index.js'
import { prefixOf } from '../core/links/safe-browsing.js'
import { InvalidInputError } from '../errors.js'
import { onChange, publishChange } from './bus.js'
import { appendLedger } from './ledger.js'

export const THREATS_CHANNEL = 'hutong_threats'
const INSERT_BATCH = 2_000
const SNAPSHOT_PAGE = 50_000
// The set must be re-confirmed against the database within DEFAULT_FRESHNESS.setMaxAgeMs (1 h):
// every node checks the snapshot version this often and touches or reloads its set.
const RECONFIRM_MS = 5 * 60 * 1000

export interface ImportSummary {
  source: string
  format: FeedFormat
  imported: number
  skipped: number
  invalid: number
  duplicates: number
  sha256: string
  problems: FeedProblem[]
}

interface ThreatState {
  set: ThreatSet
  version: number
  loading: Promise<void> | null
  started: boolean
}

const STATE: SingletonKey<ThreatState> = Symbol('threat-state')

function emptySet(now: number): ThreatSet {
  return new ThreatSetBuilder().build(now)
}

function stateOf(ctx: Context): ThreatState {
  return ctx.singleton(STATE, () => ({
    set: emptySet(ctx.now().getTime()),
    version: 0,
    loading: null,
    started: false,
  }))
}

/** Reads the newest snapshot; the set is immutable, so swapping the reference is atomic for readers. */
async function loadSnapshot(ctx: Context): Promise<void> {
  const state = stateOf(ctx)
  const [row] = await ctx.db.select().from(threatSnapshot).orderBy(desc(threatSnapshot.version)).limit(1)
  const now = ctx.now().getTime()
  if (!row) {
    state.set = emptySet(now)
    state.version = 0
    return
  }
  if (row.version === state.version) {
    state.set = state.set.touched(now)
    return
  }
  const set = deserializeThreatSet(row.blob)
  if (!set)
    throw new InvalidInputError(
      'threat_snapshot_invalid',
      `threat snapshot ${row.version} does not deserialise`,
    )
  state.set = set.touched(now)
  state.version = row.version
}

/**
 * The in-memory threat set of this node, loaded once; reloaded when any node announces an import, and
 * re-confirmed against the database every few minutes so it never goes stale silently.
 */
export async function threatSet(ctx: Context): Promise<ThreatSet> {
  const state = stateOf(ctx)
  if (!state.started) {
    state.started = true
    const reload = (): void => {
      void loadSnapshot(ctx).catch((error: unknown) =>
        ctx.logger.error({ err: error }, 'threat set reload failed'),
      )
    }
    await onChange(ctx, THREATS_CHANNEL, reload, { onResync: reload })
    const timer = setInterval(() => {
      void loadSnapshot(ctx).catch((error: unknown) =>
        ctx.logger.warn({ err: error }, 'threat set re-confirmation failed'),
      )
    }, RECONFIRM_MS)
    timer.unref()
    ctx.onClose(() => clearInterval(timer))
    state.loading = loadSnapshot(ctx).finally(() => {
      state.loading = null
    })
  }
  if (state.loading) await state.loading
  return state.set
}

/** The threat set when its first load is done, else null (then await threatSet): inspect's path without waiting. */
export function threatSetInMemory(ctx: Context): ThreatSet | null {
  const state = stateOf(ctx)
  return state.started && state.loading === null ? state.set : null
}

/** Full hashes (from the database) for the given 4-byte prefixes: the rare confirmation step. */
export async function fullHashStoreFor(ctx: Context, prefixes: readonly number[]): Promise<MapFullHashStore> {
  const store = new MapFullHashStore()
  if (prefixes.length === 0) return store
  const rows = await ctx.db
    .select({ fullHash: threatEntry.fullHash })
    .from(threatEntry)
    .where(inArray(threatEntry.prefix, [...prefixes]))
  for (const row of rows) store.add(row.fullHash)
  return store
}

async function rebuildSnapshot(tx: Tx, now: Date): Promise<void> {
  const builder = new ThreatSetBuilder()
  for (const source of await tx.select().from(threatSource))
    builder.declareSource(source.name, source.importedAt.getTime())
  let after = 0
  for (;;) {
    const rows = await tx
      .select({
        id: threatEntry.id,
        fullHash: threatEntry.fullHash,
        source: threatEntry.source,
        kind: threatEntry.kind,
        addedAt: threatEntry.addedAt,
      })
      .from(threatEntry)
      .where(gt(threatEntry.id, after))
      .orderBy(asc(threatEntry.id))
      .limit(SNAPSHOT_PAGE)
    for (const row of rows)
      builder.add({
        fullHash: row.fullHash,
        source: row.source,
        kind: row.kind === 'domain' ? 'domain' : 'url',
        addedAt: row.addedAt.getTime(),
      })
    if (rows.length < SNAPSHOT_PAGE) break
    after = rows[rows.length - 1]!.id
  }
  const set = builder.build(now.getTime())
  await tx.delete(threatSnapshot)
  await tx.insert(threatSnapshot).values({ createdAt: now, entries: set.size, blob: serializeThreatSet(set) })
}

/**
 * Imports a feed as one source, replacing that source's previous entries atomically, with a ledger event
 * naming the source, the counts and the file's sha256. Chunks stream in; malformed rows are counted.
 */
export async function importThreatFeed(
  ctx: Context,
  input: {
    chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>
    format: FeedFormat
    source: string
    actor: string
  },
  onProgress?: (progress: { bytes: number; entries: number }) => void,
): Promise<ImportSummary> {
  if (!/^[a-z0-9][a-z0-9_.-]{0,63}$/i.test(input.source)) {
    throw new InvalidInputError(
      'invalid_source',
      'a source name is 1–64 letters, digits, dots, dashes or underscores',
    )
  }
  const importedAt = ctx.now()
  const parser = createFeedParser(input.format)
  const tally = new FeedTally()
  const digest = createHash('sha256')
  const decoder = new TextDecoder('utf-8')
  const byHash = new Map<string, HashedFeedEntry>()
  let bytes = 0
  const take = (records: ReturnType<typeof parser.push>) => {
    for (const entry of tally.add(records)) {
      const hashed = toThreatEntry(entry, { source: input.source, importedAt: importedAt.getTime() })
      if (hashed) byHash.set(Buffer.from(hashed.fullHash).toString('hex'), hashed)
    }
  }
  for await (const chunk of input.chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true })
    digest.update(chunk)
    bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength
    take(parser.push(text))
    onProgress?.({ bytes, entries: byHash.size })
  }
  take(parser.push(decoder.decode()))
  take(parser.end())
  const sha256 = digest.digest('hex')
  const entries = [...byHash.values()]
  const summary: ImportSummary = {
    source: input.source,
    format: input.format,
    imported: entries.length,
    skipped: tally.skipped,
    invalid: tally.invalid,
    duplicates: tally.entries - entries.length,
    sha256,
    problems: tally.problems,
  }
  await ctx.db.transaction(async (tx) => {
    await tx.delete(threatEntry).where(eq(threatEntry.source, input.source))
    for (let i = 0; i < entries.length; i += INSERT_BATCH) {
      await tx.insert(threatEntry).values(
        entries.slice(i, i + INSERT_BATCH).map((entry) => ({
          source: entry.source,
          expression: entry.expression,
          fullHash: entry.fullHash,
          prefix: prefixOf(entry.fullHash),
          kind: entry.kind,
          addedAt: new Date(entry.addedAt),
        })),
      )
    }
    const row = {
      format: input.format,
      importedAt,
      sha256,
      entries: entries.length,
      skipped: tally.skipped,
      invalid: tally.invalid,
      importedBy: input.actor,
    }
    await tx
      .insert(threatSource)
      .values({ name: input.source, ...row })
      .onConflictDoUpdate({ target: threatSource.name, set: row })
    await rebuildSnapshot(tx, importedAt)
    await appendLedger(tx, {
      kind: 'threats.imported',
      actor: input.actor,
      subject: `threat-source:${input.source}`,
      payload: {
        source: input.source,
        format: input.format,
        count: entries.length,
        skipped: tally.skipped,
        invalid: tally.invalid,
        sha256,
      },
      at: importedAt,
    })
  })
  await loadSnapshot(ctx)
  await publishChange(ctx, THREATS_CHANNEL, input.source).catch(() => undefined)
  return summary
}

/** The feeds and how fresh they are, for operators and the transparency report. */
export async function threatSources(ctx: Context) {
  const rows = await ctx.db.select().from(threatSource).orderBy(asc(threatSource.name))
  const set = await threatSet(ctx)
  return {
    setEntries: set.size,
    setBytes: set.byteLength(),
    sources: rows.map((row) => ({ ...row, importedAt: row.importedAt.toISOString() })),
  }
}

/** Safe Browsing-style private lookup: full hashes for hash prefixes; the server never sees the URL. */
export async function lookupPrefixes(ctx: Context, prefixes: readonly string[]): Promise<string[]> {
  const set = await threatSet(ctx)
  const numeric = prefixes
    .filter((hex) => /^[0-9a-f]{8,64}$/i.test(hex))
    .map((hex) => Number.parseInt(hex.slice(0, 8), 16))
  const fullHashes = await fullHashStoreFor(ctx, [...new Set(numeric)])
  const result = matchFullHashesByPrefixes(set, prefixes, {
    now: ctx.now().getTime(),
    freshness: DEFAULT_FRESHNESS,
    fullHashes,
  })
  if (!result.ok)
    throw new InvalidInputError(
      result.issues[0]!.code.toLowerCase(),
      result.issues[0]!.message,
      result.issues,
    )
  return result.value
}
