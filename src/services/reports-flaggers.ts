import { eq } from 'drizzle-orm'
import type { Context } from '../context.js'
import { apiKey, trustedFlagger } from '../db/schema/index.js'
import { InvalidInputError, NotFoundError } from '../errors.js'
import { appendLedger } from './ledger.js'

/** Sets which categories a `flagger` key is trusted for, and the weight its reports carry there. */
export async function setTrustedFlagger(
  ctx: Context,
  keyId: string,
  input: { categories: string[]; weight: number },
  actor: string,
): Promise<{ keyId: string; categories: string[]; weight: number }> {
  const [key] = await ctx.db.select().from(apiKey).where(eq(apiKey.id, keyId))
  if (!key) throw new NotFoundError('key', keyId)
  if (key.role !== 'flagger')
    throw new InvalidInputError('not_a_flagger', `key ${keyId} has role ${key.role}, not flagger`)
  const at = ctx.now()
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(trustedFlagger)
      .values({ keyId, categories: input.categories, weight: input.weight, updatedAt: at })
      .onConflictDoUpdate({
        target: trustedFlagger.keyId,
        set: { categories: input.categories, weight: input.weight, updatedAt: at },
      })
    await appendLedger(tx, {
      kind: 'flagger.trusted',
      actor,
      subject: `key:${keyId}`,
      payload: { keyId, name: key.name, categories: input.categories, weight: input.weight },
      at,
    })
  })
  return { keyId, ...input }
}
