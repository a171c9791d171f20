import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { openStore, type Store } from '../../src/db/client.js'

/** A storage backend the contract suites run against. */
export interface Backend {
  name: 'pglite' | 'postgres'
  /** A fresh, empty store of its own; `drop` removes what it created. */
  open(): Promise<{ store: Store; url: string | null; drop(): Promise<void> }>
}

const DEFAULT_CI_URL = 'postgres://postgres@127.0.0.1:5432/test'

function postgresUrl(): string | null {
  const url = process.env.HUTONG_TEST_DATABASE_URL
  if (url) return url
  return process.env.CI === 'true' ? DEFAULT_CI_URL : null
}

const pglite: Backend = {
  name: 'pglite',
  async open() {
    const store = await openStore({ kind: 'pglite', dataDir: null })
    return { store, url: null, drop: () => store.close() }
  },
}

function postgres(adminUrl: string): Backend {
  return {
    name: 'postgres',
    async open() {
      // Each test gets its own database, so runs never collide.
      const name = `hutong_t_${process.pid}_${randomBytes(4).toString('hex')}`
      const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 })
      await admin.connect()
      try {
        await admin.query(`CREATE DATABASE ${name}`)
      } finally {
        await admin.end()
      }
      const url = new URL(adminUrl)
      url.pathname = `/${name}`
      const store = await openStore({ kind: 'postgres', url: url.toString() })
      return {
        store,
        url: url.toString(),
        drop: async () => {
          await store.close()
          const cleanup = new pg.Client({ connectionString: adminUrl })
          await cleanup.connect()
          try {
            await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
          } finally {
            await cleanup.end()
          }
        },
      }
    },
  }
}

const pgUrl = postgresUrl()
if (!pgUrl) {
  console.warn(
    '\n[hutong] HUTONG_TEST_DATABASE_URL is not set: SKIPPING the PostgreSQL half of the contract suites.\n' +
      '         Set it (e.g. postgres://postgres@127.0.0.1:5432/test) to run them; CI always does.\n',
  )
}

/** PGlite always; PostgreSQL when configured (and always under CI, where a dead server fails the run). */
export const BACKENDS: Backend[] = pgUrl ? [pglite, postgres(pgUrl)] : [pglite]
export const POSTGRES_URL = pgUrl
