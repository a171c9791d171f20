import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Store } from './client.js'

// From src/db or dist/db alike, the committed SQL lives in src/db/migrations.
const MIGRATIONS_DIR = fileURLToPath(new URL('../../src/db/migrations/', import.meta.url))
// pg_advisory_lock key: "hutong migrate" folded to a bigint, constant across nodes.
const MIGRATION_LOCK_KEY = 7_311_447_021_110_901

export interface Migration {
  name: string
  statements: string[]
}

/** The committed migrations, in timestamp order. */
export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .sort()
    .map((file) => ({
      name: file.replace(/\.sql$/, ''),
      statements: readFileSync(dir + file, 'utf8')
        .split('--> statement-breakpoint')
        .map((statement) => statement.trim())
        .filter((statement) => statement !== ''),
    }))
}

/**
 * Applies the migrations not yet applied, each in its own transaction, under a session advisory lock,
 * so that several nodes starting at once apply each migration exactly once.
 */
export async function migrate(store: Store, migrations: Migration[] = loadMigrations()): Promise<string[]> {
  return store.withSession(async (query) => {
    await query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY])
    try {
      await query(
        'CREATE TABLE IF NOT EXISTS schema_migration (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
      )
      const done = new Set(
        (await query('SELECT name FROM schema_migration')).rows.map((row) => String(row.name)),
      )
      const applied: string[] = []
      for (const migration of migrations) {
        if (done.has(migration.name)) continue
        await query('BEGIN')
        try {
          for (const statement of migration.statements) await query(statement)
          await query('INSERT INTO schema_migration (name) VALUES ($1)', [migration.name])
          await query('COMMIT')
        } catch (error) {
          await query('ROLLBACK')
          throw error
        }
        applied.push(migration.name)
      }
      return applied
    } finally {
      await query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY])
    }
  })
}
