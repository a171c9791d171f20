import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appendLedger } from '../src/services/ledger.js'
import { BACKENDS } from './support/backends.js'
import { bearer, startHarness, type Harness } from './support/harness.js'

for (const backend of BACKENDS) {
  describe(`HTTP basics: ${backend.name}`, () => {
    let h: Harness
    beforeAll(async () => {
      h = await startHarness(backend)
    })
    afterAll(async () => h.close())

    it('answers /healthz and /readyz', async () => {
      expect((await h.app.inject('/healthz')).json()).toEqual({ status: 'ok', store: backend.name })
      expect((await h.app.inject('/readyz')).statusCode).toBe(200)
    })

    it('publishes OpenAPI 3.1 with every route and browsable docs', async () => {
      const spec = (await h.app.inject('/openapi.json')).json()
      expect(spec.openapi).toBe('3.1.0')
      expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/v1/ledger', '/v1/keys', '/healthz']))
      const docs = await h.app.inject('/docs/')
      expect(docs.statusCode).toBe(200)
      expect(docs.body).toContain('swagger')
    })

    it('GET /v1/ledger with no key is 401 with {error}', async () => {
      const response = await h.app.inject('/v1/ledger')
      expect(response.statusCode).toBe(401)
      expect(response.json()).toMatchObject({ error: 'unauthorized' })
    })

    it('a key of the wrong role is 403, an unknown key 401', async () => {
      expect((await h.app.inject({ url: '/v1/ledger', headers: bearer(h.keys.platform) })).statusCode).toBe(
        403,
      )
      expect(
        (await h.app.inject({ url: '/v1/ledger', headers: bearer('htk_not-a-real-key') })).statusCode,
      ).toBe(401)
      expect(
        (await h.app.inject({ url: '/v1/ledger', headers: { authorization: 'Basic abc' } })).statusCode,
      ).toBe(401)
    })

    it('malformed JSON is 400 with {error}, and writes nothing', async () => {
      const before = (await h.app.inject({ url: '/v1/keys', headers: bearer(h.keys.admin) })).json().items
        .length
      const response = await h.app.inject({
        method: 'POST',
        url: '/v1/keys',
        headers: { ...bearer(h.keys.admin), 'content-type': 'application/json' },
        payload: '{"role": "platform",',
      })
      expect(response.statusCode).toBe(400)
      expect(response.json()).toMatchObject({ error: 'invalid_json' })
      expect(
        (await h.app.inject({ url: '/v1/keys', headers: bearer(h.keys.admin) })).json().items.length,
      ).toBe(before)
    })

    it('a body that fails the schema is 400 with issues', async () => {
      const response = await h.app.inject({
        method: 'POST',
        url: '/v1/keys',
        headers: bearer(h.keys.admin),
        payload: { role: 5 },
      })
      expect(response.statusCode).toBe(400)
      expect(response.json()).toMatchObject({
        error: 'invalid_request',
        issues: [expect.objectContaining({ path: expect.any(Array) })],
      })
    })

    it('an over-size body is 413, never 500', async () => {
      const response = await h.app.inject({
        method: 'POST',
        url: '/v1/keys',
        headers: { ...bearer(h.keys.admin), 'content-type': 'application/json' },
        payload: JSON.stringify({ role: 'platform', name: 'x'.repeat(1024 * 1024 + 10) }),
      })
      expect(response.statusCode).toBe(413)
      expect(response.json()).toMatchObject({ error: 'body_too_large' })
    })

    it('unknown routes are 404 with {error}; request ids are echoed', async () => {
      const response = await h.app.inject({ url: '/v1/nope', headers: { 'x-request-id': 'req-123' } })
      expect(response.statusCode).toBe(404)
      expect(response.json()).toMatchObject({ error: 'route_not_found' })
      expect(response.headers['x-request-id']).toBe('req-123')
    })

    it('pages through the ledger export for auditors', async () => {
      for (let i = 0; i < 5; i++) {
        await h.ctx.db.transaction((tx) =>
          appendLedger(tx, { kind: 'test.page', actor: 'test', subject: `p${i}`, payload: { i } }),
        )
      }
      const first = (
        await h.app.inject({ url: '/v1/ledger?limit=3', headers: bearer(h.keys.auditor) })
      ).json()
      expect(first.items).toHaveLength(3)
      expect(first.items[0].seq).toBe(1)
      const second = (
        await h.app.inject({
          url: `/v1/ledger?after=${first.next}&limit=1000`,
          headers: bearer(h.keys.auditor),
        })
      ).json()
      expect(second.items[0].seq).toBe(first.next + 1)
      expect(second.next).toBeNull()
      expect(second.items.at(-1).hash).toBe(second.head.hash)
      const bad = await h.app.inject({ url: '/v1/ledger?limit=0', headers: bearer(h.keys.auditor) })
      expect(bad.statusCode).toBe(400)
    })

    it('key creation and revocation are ledger events, and a revoked key stops working', async () => {
      const created = await h.app.inject({
        method: 'POST',
        url: '/v1/keys',
        headers: bearer(h.keys.admin),
        payload: { role: 'auditor', name: 'outside auditor' },
      })
      expect(created.statusCode).toBe(201)
      const { key, info } = created.json()
      expect((await h.app.inject({ url: '/v1/ledger?limit=1', headers: bearer(key) })).statusCode).toBe(200)
      await h.app.inject({ method: 'DELETE', url: `/v1/keys/${info.id}`, headers: bearer(h.keys.admin) })
      const { items } = (
        await h.app.inject({ url: '/v1/ledger?limit=1000', headers: bearer(h.keys.admin) })
      ).json()
      expect(items.map((e: { kind: string }) => e.kind)).toEqual(
        expect.arrayContaining(['key.created', 'key.revoked']),
      )
    })
  })
}
