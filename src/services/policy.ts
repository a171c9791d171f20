import { createHash } from 'node:crypto'
import { asc, desc, eq } from 'drizzle-orm'
import { parse as parseYaml } from 'yaml'
import type { Context, SingletonKey } from '../context.js'
import { isUniqueViolation } from '../db/pg-errors.js'
import { policyVersion } from '../db/schema/index.js'
import { diffJson } from '../core/json-diff.js'
import { compilePolicy, validatePolicy, type CompiledPolicy, type Policy } from '../core/policy/index.js'
import type { Result } from '../core/result.js'
import { ConflictError, InvalidInputError } from '../errors.js'
import { onChange, publishChange } from './bus.js'
import { appendLedger } from './ledger.js'
import { readDataFile, reasonCatalogueOf, registryOf } from './reference-data.js'

export const POLICY_CHANNEL = 'hutong_policy'

export interface PolicyRecord {
  version: string
  publishedAt: string
  publishedBy: string
  note: string | null
  document: unknown
}

/** Reads a policy given as YAML/JSON text or as an object; never throws on bad input. */
export function parsePolicyInput(input: { yaml?: string | undefined; document?: unknown }): Result<unknown> {
  if (input.document !== undefined) return { ok: true, value: input.document }
  try {
    return { ok: true, value: parseYaml(input.yaml ?? '') as unknown }
  } catch (error) {
    return {
      ok: false,
      issues: [{ code: 'policy_yaml_invalid', path: [], message: (error as Error).message }],
    }
  }
}

/** Validates a draft against the catalogue and the registry (a rule may never name a provider). */
export function checkPolicy(ctx: Context, document: unknown): Result<Policy> {
  const registry = registryOf(ctx)
  return validatePolicy(document, reasonCatalogueOf(ctx), {
    providerIds: registry.byId.keys(),
    providerNames: registry.providers.flatMap((p) => [p.nameZh, p.nameEn]),
  })
}

interface PolicyCache {
  compiled: CompiledPolicy | null
  loading: Promise<CompiledPolicy> | null
  subscribed: boolean
}

const CACHE: SingletonKey<PolicyCache> = Symbol('policy-cache')

function cacheOf(ctx: Context): PolicyCache {
  return ctx.singleton(CACHE, () => ({ compiled: null, loading: null, subscribed: false }))
}

async function loadCurrent(ctx: Context): Promise<CompiledPolicy> {
  const [row] = await ctx.db.select().from(policyVersion).orderBy(desc(policyVersion.id)).limit(1)
  if (!row) {
    await seedDefaultPolicy(ctx)
    return loadCurrent(ctx)
  }
  const checked = checkPolicy(ctx, row.document)
  if (!checked.ok)
    throw new InvalidInputError(
      'policy_invalid',
      `stored policy ${row.version} no longer validates`,
      checked.issues,
    )
  return compilePolicy(checked.value, reasonCatalogueOf(ctx))
}

/** The current policy when it is already in memory, else null (then await currentPolicy). */
export function currentPolicyInMemory(ctx: Context): CompiledPolicy | null {
  return cacheOf(ctx).compiled
}

/**
 * The policy in force, compiled, from memory. Loaded on first use and reloaded on every node when a
 * publication is announced on the `hutong_policy` channel.
 */
export async function currentPolicy(ctx: Context): Promise<CompiledPolicy> {
  const cache = cacheOf(ctx)
  if (cache.compiled) return cache.compiled
  await subscribe(ctx, cache)
  cache.loading ??= loadCurrent(ctx).finally(() => {
    cache.loading = null
  })
  cache.compiled = await cache.loading
  return cache.compiled
}

/**
 * Listens for publications from other nodes, once per context, whichever path filled the cache first
 * (a node that seeds the default policy fills it by reloading). After a database restart the bus
 * listens again and reloads, so nothing published meanwhile is missed.
 */
async function subscribe(ctx: Context, cache: PolicyCache): Promise<void> {
  if (cache.subscribed) return
  cache.subscribed = true
  const reload = (): void => {
    void reloadPolicy(ctx).catch((error: unknown) => ctx.logger.error({ err: error }, 'policy reload failed'))
  }
  await onChange(ctx, POLICY_CHANNEL, reload, { onResync: reload })
}

export async function reloadPolicy(ctx: Context): Promise<CompiledPolicy> {
  const cache = cacheOf(ctx)
  await subscribe(ctx, cache)
  const compiled = await loadCurrent(ctx)
  cache.compiled = compiled
  return compiled
}

function toRecord(row: typeof policyVersion.$inferSelect): PolicyRecord {
  return {
    version: row.version,
    publishedAt: row.publishedAt.toISOString(),
    publishedBy: row.publishedBy,
    note: row.note,
    document: row.document,
  }
}

/**
 * Validates and publishes a new version; the ledger event carries the diff against the previous one.
 * Every node reloads it at once.
 */
export async function publishPolicy(
  ctx: Context,
  input: { document: unknown; actor: string; note?: string | undefined; source?: string },
): Promise<PolicyRecord & { diff: ReturnType<typeof diffJson> }> {
  const checked = checkPolicy(ctx, input.document)
  if (!checked.ok)
    throw new InvalidInputError(
      checked.issues[0]?.code ?? 'policy_invalid',
      'the policy does not validate',
      checked.issues,
    )
  const document: unknown = JSON.parse(JSON.stringify(input.document))
  const publishedAt = ctx.now()
  const result = await ctx.db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: policyVersion.id })
      .from(policyVersion)
      .where(eq(policyVersion.version, checked.value.version))
    if (existing)
      throw new ConflictError(
        'policy_version_exists',
        `policy version ${checked.value.version} is already published; bump the version`,
      )
    const [previous] = await tx.select().from(policyVersion).orderBy(desc(policyVersion.id)).limit(1)
    const diff = diffJson(previous?.document ?? null, document)
    const [row] = await tx
      .insert(policyVersion)
      .values({
        version: checked.value.version,
        document,
        source: input.source ?? 'api',
        publishedAt,
        publishedBy: input.actor,
        note: input.note ?? null,
      })
      .returning()
    await appendLedger(tx, {
      kind: 'policy.published',
      actor: input.actor,
      subject: `policy:${checked.value.version}`,
      payload: {
        version: checked.value.version,
        previousVersion: previous?.version ?? null,
        sha256: createHash('sha256').update(JSON.stringify(document)).digest('hex'),
        note: input.note ?? null,
        diff,
      },
      at: publishedAt,
    })
    return { ...toRecord(row!), diff }
  })
  await reloadPolicy(ctx)
  await publishChange(ctx, POLICY_CHANNEL, result.version).catch(() => undefined)
  return result
}

/** Every published version, oldest first. */
export async function policyHistory(ctx: Context): Promise<PolicyRecord[]> {
  return (await ctx.db.select().from(policyVersion).orderBy(asc(policyVersion.id))).map(toRecord)
}

/** Publishes the shipped default policy when none is published yet. Idempotent. */
export async function seedDefaultPolicy(ctx: Context): Promise<void> {
  const [row] = await ctx.db.select({ id: policyVersion.id }).from(policyVersion).limit(1)
  if (row) return
  const document = parseYaml(readDataFile('default-policy.yaml')) as unknown
  try {
    await publishPolicy(ctx, {
      document,
      actor: 'system',
      note: 'shipped default policy (BRIEF §5)',
      source: 'data/default-policy.yaml',
    })
  } catch (error) {
    // Another node seeded it first.
    if (!(error instanceof ConflictError) && !isUniqueViolation(error)) throw error
  }
}
