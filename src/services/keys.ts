import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { and, asc, eq, isNull } from 'drizzle-orm'
import type { Db } from '../db/client.js'
import { apiKey } from '../db/schema/index.js'
import { parseRole, type Role } from '../core/roles.js'
import { InvalidInputError, NotFoundError } from '../errors.js'
import { appendLedger } from './ledger.js'

const KEY_PREFIX = 'htk_'

export interface ApiKeyInfo {
  id: string
  name: string
  role: Role
  keyPrefix: string
  createdAt: string
  revokedAt: string | null
  lastUsedAt: string | null
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex')
}

function toInfo(row: typeof apiKey.$inferSelect): ApiKeyInfo {
  return {
    id: row.id,
    name: row.name,
    role: row.role as Role,
    keyPrefix: row.keyPrefix,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  }
}

/** Creates a key; the plain key is returned once and only its digest is stored. */
export async function createApiKey(
  db: Db,
  input: { role: string; name?: string | undefined; actor: string },
): Promise<{ key: string; info: ApiKeyInfo }> {
  const role = parseRole(input.role)
  if (!role) {
    throw new InvalidInputError(
      'invalid_role',
      `unknown role "${input.role}": use platform, reviewer, admin, auditor, flagger or provider:<providerId>`,
    )
  }
  const key = KEY_PREFIX + randomBytes(24).toString('base64url')
  const row = {
    id: randomUUID(),
    name: input.name ?? role,
    role,
    keyHash: hashApiKey(key),
    keyPrefix: key.slice(0, KEY_PREFIX.length + 6),
    createdAt: new Date(),
  }
  await db.transaction(async (tx) => {
    await tx.insert(apiKey).values(row)
    await appendLedger(tx, {
      kind: 'key.created',
      actor: input.actor,
      subject: `key:${row.id}`,
      payload: { id: row.id, name: row.name, role, keyPrefix: row.keyPrefix },
      at: row.createdAt,
    })
  })
  return { key, info: toInfo({ ...row, revokedAt: null, lastUsedAt: null }) }
}

export async function listApiKeys(db: Db): Promise<ApiKeyInfo[]> {
  return (await db.select().from(apiKey).orderBy(asc(apiKey.createdAt))).map(toInfo)
}

/** Revokes by id or by the key's shown prefix. */
export async function revokeApiKey(db: Db, idOrPrefix: string, actor: string): Promise<ApiKeyInfo> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(apiKey)
      .where(idOrPrefix.startsWith(KEY_PREFIX) ? eq(apiKey.keyPrefix, idOrPrefix) : eq(apiKey.id, idOrPrefix))
      .limit(1)
    if (!row) throw new NotFoundError('key', idOrPrefix)
    if (row.revokedAt) return toInfo(row)
    const revokedAt = new Date()
    await tx.update(apiKey).set({ revokedAt }).where(eq(apiKey.id, row.id))
    await appendLedger(tx, {
      kind: 'key.revoked',
      actor,
      subject: `key:${row.id}`,
      payload: { id: row.id, role: row.role },
      at: revokedAt,
    })
    return toInfo({ ...row, revokedAt })
  })
}

/** The active key's identity, or null for an unknown or revoked key. */
export async function authenticateApiKey(
  db: Db,
  key: string,
): Promise<{ id: string; role: Role; name: string } | null> {
  if (!key.startsWith(KEY_PREFIX)) return null
  const [row] = await db
    .select({ id: apiKey.id, role: apiKey.role, name: apiKey.name })
    .from(apiKey)
    .where(and(eq(apiKey.keyHash, hashApiKey(key)), isNull(apiKey.revokedAt)))
    .limit(1)
  return row ? { id: row.id, role: row.role as Role, name: row.name } : null
}
