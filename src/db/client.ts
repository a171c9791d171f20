import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import type { ExtractTablesWithRelations } from 'drizzle-orm'
import pg from 'pg'
import * as schema from './schema/index.js'

export type Schema = typeof schema
export type Db = PgDatabase<PgQueryResultHKT, Schema>
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>
/** Anything that can run a query: the database or an open transaction. */
export type Executor = Db | Tx

export interface RawRows {
  rows: Record<string, unknown>[]
}

/** One open store: the Drizzle handle plus the few raw operations Drizzle does not cover. */
export interface Store {
  readonly kind: 'pglite' | 'postgres'
  readonly db: Db
  /** A raw parameterised query on any pooled connection. */
  query(text: string, params?: unknown[]): Promise<RawRows>
  /** Runs `fn` on one dedicated connection, for session-level advisory locks. */
  withSession<T>(
    fn: (query: (text: string, params?: unknown[]) => Promise<RawRows>) => Promise<T>,
  ): Promise<T>
  /** Subscribes to a NOTIFY channel; returns the unsubscribe function. */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>
  notify(channel: string, payload: string): Promise<void>
  close(): Promise<void>
}

export type StoreTarget = { kind: 'pglite'; dataDir: string | null } | { kind: 'postgres'; url: string }

/** Opens PGlite (a directory, or memory when `dataDir` is null) or a node-postgres pool. */
export async function openStore(target: StoreTarget): Promise<Store> {
  return target.kind === 'pglite' ? openPglite(target.dataDir) : openPostgres(target.url)
}

async function openPglite(dataDir: string | null): Promise<Store> {
  let client: PGlite
  if (dataDir === null) {
    client = await PGlite.create()
  } else {
    const dir = path.join(dataDir, 'pgdata')
    mkdirSync(dir, { recursive: true })
    client = await PGlite.create(dir)
  }
  const db = drizzlePglite({ client, schema }) as unknown as Db
  const query = async (text: string, params?: unknown[]): Promise<RawRows> => {
    const result = await client.query<Record<string, unknown>>(text, params)
    return { rows: result.rows }
  }
  return {
    kind: 'pglite',
    db,
    query,
    // PGlite is one connection, so every session is the same session.
    withSession: (fn) => fn(query),
    listen: async (channel, onMessage) => {
      const unlisten = await client.listen(channel, onMessage)
      return async () => unlisten()
    },
    notify: async (channel, payload) => {
      await client.query('SELECT pg_notify($1, $2)', [channel, payload])
    },
    close: async () => {
      if (!client.closed) await client.close()
    },
  }
}

async function openPostgres(url: string): Promise<Store> {
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5_000 })
  // An idle client losing its connection (a database restart) must not crash the process.
  pool.on('error', () => undefined)
  const db = drizzlePg({ client: pool, schema }) as unknown as Db
  const listeners = new Set<pg.Client>()
  return {
    kind: 'postgres',
    db,
    query: async (text, params) => {
      const result = await pool.query<Record<string, unknown>>(text, params)
      return { rows: result.rows }
    },
    withSession: async (fn) => {
      const client = await pool.connect()
      try {
        return await fn(async (text, params) => ({
          rows: (await client.query<Record<string, unknown>>(text, params)).rows,
        }))
      } finally {
        client.release()
      }
    },
    listen: async (channel, onMessage) => {
      const client = new pg.Client({ connectionString: url })
      client.on('error', () => undefined)
      await client.connect()
      client.on('notification', (message) => {
        if (message.channel === channel) onMessage(message.payload ?? '')
      })
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`)
      listeners.add(client)
      return async () => {
        listeners.delete(client)
        await client.end().catch(() => undefined)
      }
    },
    notify: async (channel, payload) => {
      await pool.query('SELECT pg_notify($1, $2)', [channel, payload])
    },
    close: async () => {
      await Promise.all([...listeners].map((client) => client.end().catch(() => undefined)))
      listeners.clear()
      await pool.end()
    },
  }
}
