import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { openStore } from '../src/db/client.js'
import { migrate, loadMigrations } from '../src/db/migrate.js'
import { appendLedger, listLedger, verifyStoredLedger } from '../src/services/ledger.js'
import { authenticateApiKey, createApiKey, revokeApiKey } from '../src/services/keys.js'
import { BACKENDS } from './support/backends.js'

for (const backend of BACKENDS) {
  describe(`storage contract: ${backend.name}`, () => {
    let opened: Awaited<ReturnType<typeof backend.open>>

    beforeAll(async () => {
      opened = await backend.open()
      await migrate(opened.store)
    })
    afterAll(async () => opened.drop())

    it('applies every committed migration once, and a second run is a no-op', async () => {
      const names = (await opened.store.query('SELECT name FROM schema_migration ORDER BY name')).rows.map(
        (r) => r.name,
      )
      expect(names).toEqual(loadMigrations().map((m) => m.name))
      expect(await migrate(opened.store)).toEqual([])
    })

    it('refuses UPDATE and DELETE on the ledger at the database', async () => {
      await opened.store.db.transaction((tx) =>
        appendLedger(tx, { kind: 'test.guard', actor: 'test', subject: 'x', payload: {} }),
      )
      await expect(opened.store.query(`UPDATE ledger_event SET subject = 'y'`)).rejects.toThrow(/append-only/)
      await expect(opened.store.query('DELETE FROM ledger_event')).rejects.toThrow(/append-only/)
    })

    it('rolls back the ledger event with the change it records', async () => {
      const before = (await listLedger(opened.store.db, 0, 1000)).length
      await expect(
        opened.store.db.transaction(async (tx) => {
          await appendLedger(tx, { kind: 'test.rollback', actor: 'test', subject: 'x', payload: {} })
          throw new Error('the change failed')
        }),
      ).rejects.toThrow('the change failed')
      expect((await listLedger(opened.store.db, 0, 1000)).length).toBe(before)
    })

    it('chains appends so that they verify, and names the first tampered seq', async () => {
      for (let i = 0; i < 20; i++) {
        await opened.store.db.transaction((tx) =>
          appendLedger(tx, {
            kind: 'test.event',
            actor: 'test',
            subject: `s${i}`,
            payload: { i, text: '胡同 ✓', nested: { b: 1, a: [1, 2] } },
          }),
        )
      }
      const check = await verifyStoredLedger(opened.store.db, 7)
      expect(check.ok).toBe(true)
      const events = await listLedger(opened.store.db, 0, 1000)
      const victim = events[10]!
      await opened.store.query('ALTER TABLE ledger_event DISABLE TRIGGER ledger_event_append_only')
      await opened.store.db.execute(
        sql`UPDATE ledger_event SET payload = '{"i": -1}'::jsonb WHERE seq = ${victim.seq}`,
      )
      await opened.store.query('ALTER TABLE ledger_event ENABLE TRIGGER ledger_event_append_only')
      expect(await verifyStoredLedger(opened.store.db)).toMatchObject({
        ok: false,
        badSeq: victim.seq,
        problem: 'hash_mismatch',
      })
    })

    it('stores keys hashed, authenticates them, and stops a revoked key', async () => {
      const { key, info } = await createApiKey(opened.store.db, {
        role: 'provider:jd',
        name: 'JD ops',
        actor: 'test',
      })
      const stored = await opened.store.query('SELECT key_hash FROM api_key WHERE id = $1', [info.id])
      expect(String(stored.rows[0]?.key_hash)).not.toContain(key)
      expect(await authenticateApiKey(opened.store.db, key)).toMatchObject({ role: 'provider:jd' })
      await revokeApiKey(opened.store.db, info.id, 'test')
      expect(await authenticateApiKey(opened.store.db, key)).toBeNull()
      await expect(createApiKey(opened.store.db, { role: 'superuser', actor: 'test' })).rejects.toMatchObject(
        { code: 'invalid_role' },
      )
    })
  })
}

const postgres = BACKENDS.find((b) => b.name === 'postgres')
describe.skipIf(!postgres)('PostgreSQL concurrency', () => {
  it('1,000 appends from 8 concurrent connections never fork the chain', async () => {
    const opened = await postgres!.open()
    try {
      await migrate(opened.store)
      const writers = await Promise.all(
        Array.from({ length: 8 }, () => openStore({ kind: 'postgres', url: opened.url! })),
      )
      try {
        await Promise.all(
          writers.map(async (writer, w) => {
            for (let i = 0; i < 125; i++) {
              await writer.db.transaction((tx) =>
                appendLedger(tx, {
                  kind: 'test.concurrent',
                  actor: `w${w}`,
                  subject: `${w}-${i}`,
                  payload: { w, i },
                }),
              )
            }
          }),
        )
      } finally {
        await Promise.all(writers.map((writer) => writer.close()))
      }
      const check = await verifyStoredLedger(opened.store.db)
      expect(check).toMatchObject({ ok: true, count: 1000, lastSeq: 1000 })
    } finally {
      await opened.drop()
    }
  }, 120_000)

  it('several nodes migrating at once apply each migration exactly once', async () => {
    const opened = await postgres!.open()
    try {
      const nodes = await Promise.all(
        Array.from({ length: 4 }, () => openStore({ kind: 'postgres', url: opened.url! })),
      )
      try {
        const applied = await Promise.all(nodes.map((node) => migrate(node)))
        expect(applied.flat().sort()).toEqual(
          loadMigrations()
            .map((m) => m.name)
            .sort(),
        )
      } finally {
        await Promise.all(nodes.map((node) => node.close()))
      }
    } finally {
      await opened.drop()
    }
  }, 60_000)
})
