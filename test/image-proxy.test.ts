import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSafeFetcher } from '../src/adapters/fetch/index.js'
import { installCardFetchers, proxiedImageUrl } from '../src/services/cards.js'
import { PNG, WEBP } from './fixtures/web/images.js'
import { BACKENDS } from './support/backends.js'
import { startHarness, type Harness } from './support/harness.js'
import { startFixtureServer, type FixtureServer } from './fixtures/web/server.js'

describe('GET /img/<hmac>/<url>: the image proxy', () => {
  let h: Harness
  let server: FixtureServer
  beforeAll(async () => {
    server = await startFixtureServer()
    h = await startHarness(BACKENDS[0]!)
    const options = { allowPrivate: ['127.0.0.1/32'], allowedPorts: [server.port] }
    installCardFetchers(h.ctx, { page: createSafeFetcher(options), click: createSafeFetcher(options) })
  })
  afterAll(async () => {
    await h.close()
    await server.close()
  })

  const get = (imageUrl: string) =>
    h.app.inject({ method: 'GET', url: new URL(proxiedImageUrl(h.ctx, imageUrl)).pathname })

  it('serves png and webp by their bytes, with a locked-down CSP, nosniff and cache headers', async () => {
    for (const [path, type, bytes] of [
      ['/img/png', 'image/png', PNG],
      ['/img/webp', 'image/webp', WEBP],
    ] as const) {
      const response = await get(`${server.url}${path}`)
      expect(response.statusCode, response.body).toBe(200)
      expect(response.headers['content-type']).toBe(type)
      expect(response.rawPayload.equals(bytes)).toBe(true)
      expect(response.headers['content-security-policy']).toMatch(/^default-src 'none'/)
      expect(response.headers['x-content-type-options']).toBe('nosniff')
      expect(response.headers['cache-control']).toMatch(/max-age=\d+/)
    }
  })

  it('never serves SVG, even one labelled image/png', async () => {
    for (const path of ['/img/svg', '/img/svg-as-png']) {
      const response = await get(`${server.url}${path}`)
      expect([path, response.statusCode, response.json().error]).toEqual([path, 422, 'unsupported_type'])
      expect(response.body).not.toContain('<svg')
    }
  })

  it('refuses an image over 5 MiB', async () => {
    const response = await get(`${server.url}/img/huge`)
    expect(response.json().error).toBe('too_large')
  })

  it('refuses a bad or missing signature before fetching anything', async () => {
    const before = server.requests.length
    const good = new URL(proxiedImageUrl(h.ctx, `${server.url}/img/png`)).pathname
    const [, , mac, encoded] = good.split('/')
    const other = Buffer.from(`${server.url}/img/gif`).toString('base64url')
    for (const path of [
      `/img/${mac}/${other}`,
      `/img/AAAAAAAAAAAAAAAAAAAAAA/${encoded}`,
      `/img/${encoded}`,
      '/img/',
    ]) {
      const response = await h.app.inject({ method: 'GET', url: path })
      expect([path, response.statusCode, response.json().error]).toEqual([
        path,
        400,
        'image_signature_invalid',
      ])
    }
    expect(server.requests.length).toBe(before)
  })

  it('applies the fetch guard to signed URLs too', async () => {
    const response = await get(`http://127.0.0.2:${server.port}/img/png`)
    expect(response.json().error).toBe('fetch_blocked')
  })
})
