import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSafeFetcher, FetchError } from '../src/adapters/fetch/index.js'
import type { HostLookup } from '../src/adapters/fetch/index.js'
import type { FixtureProxy, FixtureServer } from './fixtures/web/server.js'
import { startFixtureProxy, startFixtureServer, TLS_CERT } from './fixtures/web/server.js'

// Pinning connects to an IP, so these check that HTTPS still verifies the certificate against the hostname.
let server: FixtureServer
let proxy: FixtureProxy
const toLoopback: HostLookup = () => Promise.resolve([{ address: '127.0.0.1', family: 4 }])

beforeAll(async () => {
  server = await startFixtureServer({ tls: true })
  proxy = await startFixtureProxy()
})
afterAll(async () => {
  await proxy.close()
  await server.close()
})

const options = () => ({
  allowPrivate: ['127.0.0.1/32'],
  allowedPorts: [server.port],
  lookup: toLoopback,
  tlsCa: TLS_CERT,
})

async function codeOf(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'ok',
    (error: unknown) => (error instanceof FetchError ? error.code : String(error)),
  )
}

describe('HTTPS over a pinned address', () => {
  it('verifies the certificate for the hostname while dialling the checked IP', async () => {
    const fetcher = createSafeFetcher(options())
    const page = await fetcher.fetchPage(`https://shop.test:${server.port}/og`)
    expect(page.status).toBe(200)
    expect(page.finalUrl).toBe(`https://shop.test:${server.port}/og`)
    await fetcher.close()
  })

  it('fails when the certificate does not name the host, or is not trusted', async () => {
    const fetcher = createSafeFetcher(options())
    expect(await codeOf(fetcher.fetchPage(`https://other.test:${server.port}/og`))).toBe('fetch_failed')
    await fetcher.close()
    const { tlsCa: _trusted, ...withoutCa } = options()
    const untrusting = createSafeFetcher(withoutCa)
    expect(await codeOf(untrusting.fetchPage(`https://shop.test:${server.port}/og`))).toBe('fetch_failed')
    await untrusting.close()
  })

  it('tunnels HTTPS through a proxy to the pinned address and still verifies the name', async () => {
    const fetcher = createSafeFetcher({ ...options(), proxy: proxy.url })
    const asked = proxy.asked.length
    expect((await fetcher.fetchPage(`https://shop.test:${server.port}/og`)).status).toBe(200)
    expect(await codeOf(fetcher.fetchPage(`https://other.test:${server.port}/og`))).toBe('fetch_failed')
    expect(proxy.asked.slice(asked)).toEqual([`127.0.0.1:${server.port}`, `127.0.0.1:${server.port}`])
    await fetcher.close()
  })
})
