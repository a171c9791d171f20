import type { Context } from '../context.js'
import { countActiveKeys, createApiKey } from './keys.js'

/** Seeders run at every start, in order; each must be idempotent. Features register theirs here. */
export type Seeder = (ctx: Context) => Promise<void>

const SEEDERS: Seeder[] = []

/** Registers a seeder (the registry, the default policy, …). */
export function registerSeeder(seeder: Seeder): void {
  if (!SEEDERS.includes(seeder)) SEEDERS.push(seeder)
}

export async function runSeeders(ctx: Context): Promise<void> {
  for (const seeder of SEEDERS) await seeder(ctx)
}

/** On the very first embedded start there is no key at all: create an admin key, to be printed once. */
export async function ensureFirstAdminKey(ctx: Context): Promise<string | null> {
  if (ctx.config.store.kind !== 'pglite') return null
  const rows = await ctx.store.query('SELECT count(*)::int AS n FROM api_key')
  if (Number(rows.rows[0]?.n ?? 0) > 0) return null
  if ((await countActiveKeys(ctx.db, 'admin')) > 0) return null
  return (await createApiKey(ctx.db, { role: 'admin', name: 'first admin (embedded start)', actor: 'system' })).key
}
