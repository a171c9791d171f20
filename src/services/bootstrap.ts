import type { Context } from '../context.js'
import { createApiKey } from './keys.js'
import { seedDefaultPolicy } from './policy.js'
import { reasonCatalogueOf, registryOf } from './reference-data.js'

/** Seeders run at every start, in order; each must be idempotent. Add a feature's seeder here. */
export type Seeder = (ctx: Context) => Promise<void>

const SEEDERS: Seeder[] = [
  // Validates data/providers.yaml and data/reasons.yaml at start rather than on the first request.
  async (ctx) => {
    registryOf(ctx)
    reasonCatalogueOf(ctx)
  },
  seedDefaultPolicy,
]

/** Runs every seeder unless seeding is switched off (HUTONG_NO_SEED). */
export async function runSeeders(ctx: Context): Promise<void> {
  if (!ctx.config.seed) return
  for (const seeder of SEEDERS) await seeder(ctx)
}

/** On the very first embedded start there is no key at all: create an admin key, to be printed once. */
export async function ensureFirstAdminKey(ctx: Context): Promise<string | null> {
  if (ctx.config.store.kind !== 'pglite') return null
  const rows = await ctx.store.query('SELECT count(*)::int AS n FROM api_key')
  if (Number(rows.rows[0]?.n ?? 0) > 0) return null
  return (
    await createApiKey(ctx.db, { role: 'admin', name: 'first admin (embedded start)', actor: 'system' })
  ).key
}
