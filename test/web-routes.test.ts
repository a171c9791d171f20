import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BACKENDS } from './support/backends.js'
import { bearer, startHarness, type Harness } from './support/harness.js'

for (const backend of BACKENDS) {
  describe(`web support routes: ${backend.name}`, () => {
    let h: Harness
    beforeAll(async () => {
      h = await startHarness(backend)
    })
    afterAll(async () => h.close())

    it('whoami names the key’s role; no key is 401', async () => {
      const me = await h.app.inject({ url: '/v1/whoami', headers: bearer(h.keys.reviewer) })
      expect(me.statusCode).toBe(200)
      expect(me.json()).toMatchObject({ role: 'reviewer' })
      expect((await h.app.inject({ url: '/v1/whoami' })).statusCode).toBe(401)
    })

    it('lists the registry publicly', async () => {
      const providers = await h.app.inject({ url: '/v1/providers' })
      expect(providers.statusCode).toBe(200)
      expect(JSON.stringify(providers.json())).toContain('taobao')
    })

    it('hands a demo platform key only to this machine, and only on an embedded store', async () => {
      const local = await h.app.inject({
        method: 'POST',
        url: '/v1/demo/session',
        remoteAddress: '127.0.0.1',
      })
      const remote = await h.app.inject({
        method: 'POST',
        url: '/v1/demo/session',
        remoteAddress: '192.0.2.10',
      })
      expect(remote.statusCode).toBe(404)
      if (backend.name === 'postgres') {
        expect(local.statusCode).toBe(404)
        return
      }
      expect(local.statusCode, local.body).toBe(200)
      const { key } = local.json()
      const inspect = await h.app.inject({
        method: 'POST',
        url: '/v1/inspect',
        headers: bearer(key),
        payload: { text: 'jd.com', scenario: 'direct' },
      })
      expect(inspect.statusCode).toBe(200)
    })
  })
}
