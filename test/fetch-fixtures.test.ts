import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSafeFetcher, FetchError } from '../src/adapters/fetch/index.js'
import type { HostLookup, SafeFetcher } from '../src/adapters/fetch/index.js'
import type { FixtureProxy, FixtureServer } from './fixtures/web/server.js'
import { startFixtureProxy, startFixtureServer } from './fixtures/web/server.js'

let server: FixtureServer
let fetcher: SafeFetcher
const noDns: HostLookup = (hostname) => Promise.reject(new Error(`unexpected DNS lookup of ${hostname}`))

beforeAll(async () => {
  server = await startFixtureServer()
  fetcher = createSafeFetcher({ allowPrivate: ['127.0.0.1/32'], allowedPorts: [server.port], lookup: noDns })
})
afterAll(async () => {
  await fetcher.close()
  await server.close()
})

async function failure(promise: Promise<unknown>): Promise<FetchError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof FetchError) return error
    throw error
  }
  throw new Error('expected the fetch to fail')
}

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes)

describe('redirects', () => {
  it('follows a chain of 301/302/307/308 to its final URL and records every hop', async () => {
    const page = await fetcher.fetchPage(`${server.url}/chain/1`)
    expect(page.finalUrl).toBe(`${server.url}/og`)
    expect(page.chain).toEqual([
      { url: `${server.url}/chain/1`, status: 301 },
      { url: `${server.url}/chain/2`, status: 302 },
      { url: `${server.url}/chain/3`, status: 307 },
      { url: `${server.url}/chain/4`, status: 308 },
      { url: `${server.url}/og`, status: 200 },
    ])
  })

  it('stops a loop with too_many_redirects after 5 hops', async () => {
    const before = server.requests.length
    expect((await failure(fetcher.fetchPage(`${server.url}/loop/a`))).code).toBe('too_many_redirects')
    expect(server.requests.length - before).toBe(6)
  })

  it('honours a smaller maxRedirects', async () => {
    const short = createSafeFetcher({
      allowPrivate: ['127.0.0.1/32'],
      allowedPorts: [server.port],
      lookup: noDns,
      maxRedirects: 3,
    })
    expect((await failure(short.fetchPage(`${server.url}/chain/1`))).code).toBe('too_many_redirects')
    await short.close()
  })

  it.each(['/to-127-0-0-2', '/to-metadata', '/to-file'])(
    'refuses the hop of %s after the first request',
    async (path) => {
      const before = server.requests.length
      expect((await failure(fetcher.fetchPage(`${server.url}${path}`))).code).toBe('fetch_blocked')
      expect(server.requests.slice(before)).toEqual([`GET ${path}`])
    },
  )

  it('checks a redirect to a decimal IP as the address it denotes', async () => {
    // 2130706433 is 127.0.0.1 (WHATWG URL §4.4): admitted by the exact allowlist, refused without it.
    expect((await fetcher.fetchPage(`${server.url}/to-decimal-loopback`)).finalUrl).toBe(`${server.url}/og`)
    const strict = createSafeFetcher({ allowedPorts: [server.port], lookup: noDns })
    expect((await failure(strict.fetchPage(`http://2130706433:${server.port}/og`))).code).toBe(
      'fetch_blocked',
    )
    await strict.close()
  })

  it('expands a short link with HEAD, falling back to GET when HEAD is refused', async () => {
    const before = server.requests.length
    const expanded = await fetcher.expand(`${server.url}/head-405`)
    expect(expanded.finalUrl).toBe(`${server.url}/og`)
    expect(expanded.chain.map((h) => h.status)).toEqual([302, 308, 200])
    expect(server.requests.slice(before)).toEqual([
      'HEAD /head-405',
      'GET /head-405',
      'GET /chain/4',
      'GET /og',
    ])
    const viaHead = await fetcher.expand(`${server.url}/chain/1`)
    expect(viaHead.finalUrl).toBe(`${server.url}/og`)
    expect(server.requests.at(-1)).toBe('HEAD /og')
  })
})

describe('hostile responses fail fast with bounded memory', () => {
  it('a drip-fed body times out with fetch_timeout at the default 10 s budget', async () => {
    const started = Date.now()
    const defaults = createSafeFetcher({
      allowPrivate: ['127.0.0.1/32'],
      allowedPorts: [server.port],
      lookup: noDns,
    })
    expect((await failure(defaults.fetchPage(`${server.url}/slow`))).code).toBe('fetch_timeout')
    const elapsed = Date.now() - started
    expect(elapsed).toBeGreaterThanOrEqual(9_900)
    expect(elapsed).toBeLessThan(11_000)
    await defaults.close()
  }, 15_000)

  it('a server that never answers times out within the budget', async () => {
    const quick = createSafeFetcher({
      allowPrivate: ['127.0.0.1/32'],
      allowedPorts: [server.port],
      lookup: noDns,
      totalTimeoutMs: 800,
    })
    const started = Date.now()
    expect((await failure(quick.fetchPage(`${server.url}/slow-headers`))).code).toBe('fetch_timeout')
    expect(Date.now() - started).toBeLessThan(1_500)
    await quick.close()
  })

  it('a huge page with no </head> is too_large, read no further than 2 MiB', async () => {
    expect((await failure(fetcher.fetchPage(`${server.url}/huge`))).code).toBe('too_large')
  })

  it('a huge page whose head is complete stops reading at </head>', async () => {
    const page = await fetcher.fetchPage(`${server.url}/huge-after-head`)
    expect(page.truncated).toBe(true)
    expect(page.body.length).toBeLessThan(256 * 1024)
    expect(text(page.body)).toContain('Big body, small head')
  })

  it('a huge page with a plain head keeps the first 2 MiB, since the body might hold JSON-LD', async () => {
    const page = await fetcher.fetchPage(`${server.url}/huge-plain-head`)
    expect(page.truncated).toBe(true)
    expect(page.body.length).toBe(2 * 1024 * 1024)
    expect(text(page.body)).toContain('<title>Only a title</title>')
  })

  it.each(['/bomb', '/bomb-br'])(
    'the decompression bomb %s is too_large without inflating 64 MiB',
    async (path) => {
      // Warm-up: the fixture server builds its bombs on first use, which would otherwise count here.
      await fetcher.fetchPage(`${server.url}${path}`).catch(() => undefined)
      const before = process.memoryUsage().arrayBuffers
      const started = Date.now()
      expect((await failure(fetcher.fetchPage(`${server.url}${path}`))).code).toBe('too_large')
      expect(Date.now() - started).toBeLessThan(5_000)
      // Inflating the whole bomb would add 64 MiB here; the guard stops at the 2 MiB cap or the 100× ratio.
      expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(24 * 1024 * 1024)
    },
  )

  it('gzip, deflate and br pages are decoded', async () => {
    for (const path of ['/gzip-og', '/deflate-og', '/br-og']) {
      expect(text((await fetcher.fetchPage(`${server.url}${path}`)).body)).toContain(
        '互通：外链治理的开放服务',
      )
    }
  })

  it('a non-HTML page is unsupported_type', async () => {
    expect((await failure(fetcher.fetchPage(`${server.url}/pdf`))).code).toBe('unsupported_type')
  })
})

describe('manners', () => {
  it('sends the HutongBot User-Agent and never returns a cookie it was given', async () => {
    const page = await fetcher.fetchPage(`${server.url}/set-cookie`)
    expect(page.finalUrl).toBe(`${server.url}/echo`)
    const headers = JSON.parse(text(page.body)) as Record<string, string>
    expect(headers['user-agent']).toMatch(/^HutongBot\/\d+\.\d+\.\d+ \(\+https:\/\/\S+\)$/)
    expect(headers.cookie).toBeUndefined()
    expect(headers['accept-encoding']).toContain('br')
  })
})

describe('images', () => {
  it.each([
    ['/img/png', 'image/png'],
    ['/img/jpeg', 'image/jpeg'],
    ['/img/gif', 'image/gif'],
    ['/img/webp', 'image/webp'],
    ['/img/redirect', 'image/gif'],
  ])('%s is served as %s by its magic bytes', async (path, type) => {
    expect((await fetcher.fetchImage(`${server.url}${path}`)).contentType).toBe(type)
  })

  it('never serves SVG, even labelled image/png', async () => {
    expect((await failure(fetcher.fetchImage(`${server.url}/img/svg`))).code).toBe('unsupported_type')
    expect((await failure(fetcher.fetchImage(`${server.url}/img/svg-as-png`))).code).toBe('unsupported_type')
  })

  it('refuses images over 5 MiB', async () => {
    expect((await failure(fetcher.fetchImage(`${server.url}/img/huge`))).code).toBe('too_large')
  })
})

describe('DNS rebinding', () => {
  it('resolves once per connection and connects to the checked address', async () => {
    const answers = ['127.0.0.1', '10.0.0.1']
    let calls = 0
    const rebinding: HostLookup = (_host) =>
      Promise.resolve([{ address: answers[Math.min(calls++, 1)]!, family: 4 }])
    const first = createSafeFetcher({
      allowPrivate: ['127.0.0.1/32'],
      allowedPorts: [server.port],
      lookup: rebinding,
    })
    const page = await first.fetchPage(`http://rebind.test:${server.port}/og`)
    expect(page.status).toBe(200)
    expect(calls).toBe(1)
    // A new connection asks again, gets the rebound answer, and is refused.
    const second = createSafeFetcher({
      allowPrivate: ['127.0.0.1/32'],
      allowedPorts: [server.port],
      lookup: rebinding,
    })
    expect((await failure(second.fetchPage(`http://rebind.test:${server.port}/og`))).code).toBe(
      'fetch_blocked',
    )
    expect(calls).toBe(2)
    await first.close()
    await second.close()
  })

  it('refuses a name when any one of its addresses is internal', async () => {
    const mixed: HostLookup = () =>
      Promise.resolve([
        { address: '127.0.0.1', family: 4 },
        { address: '10.0.0.1', family: 4 },
      ])
    const f = createSafeFetcher({
      allowPrivate: ['127.0.0.1/32'],
      allowedPorts: [server.port],
      lookup: mixed,
    })
    const before = server.requests.length
    expect((await failure(f.fetchPage(`http://mixed.test:${server.port}/og`))).code).toBe('fetch_blocked')
    expect(server.requests.length).toBe(before)
    await f.close()
  })

  it('reports a name that does not resolve as fetch_failed', async () => {
    const f = createSafeFetcher({ lookup: () => Promise.resolve([]) })
    expect((await failure(f.fetchPage('http://nowhere.test/'))).code).toBe('fetch_failed')
    await f.close()
  })
})

describe('a configured proxy never bypasses the check', () => {
  let proxy: FixtureProxy
  beforeAll(async () => {
    proxy = await startFixtureProxy()
  })
  afterAll(async () => {
    await proxy.close()
  })

  const names: HostLookup = (host) =>
    Promise.resolve([{ address: host === 'shop.test' ? '127.0.0.1' : '10.0.0.1', family: 4 }])

  it('tunnels to the checked, pinned address rather than the name', async () => {
    const f = createSafeFetcher({
      allowPrivate: ['127.0.0.1/32'],
      allowedPorts: [server.port],
      lookup: names,
      proxy: proxy.url,
    })
    const page = await f.fetchPage(`http://shop.test:${server.port}/og`)
    expect(page.status).toBe(200)
    expect(proxy.asked).toEqual([`127.0.0.1:${server.port}`])
    await f.close()
  })

  it('refuses internal targets before any CONNECT is sent', async () => {
    const f = createSafeFetcher({
      allowPrivate: ['127.0.0.1/32'],
      allowedPorts: [server.port],
      lookup: names,
      proxy: proxy.url,
    })
    const asked = proxy.asked.length
    expect((await failure(f.fetchPage(`http://internal.test:${server.port}/og`))).code).toBe('fetch_blocked')
    expect((await failure(f.fetchPage(`http://127.0.0.2:${server.port}/og`))).code).toBe('fetch_blocked')
    expect((await failure(f.fetchPage(`${server.url}/to-127-0-0-2`))).code).toBe('fetch_blocked')
    expect(proxy.asked.slice(asked)).toEqual([`127.0.0.1:${server.port}`])
    await f.close()
    const strict = createSafeFetcher({ allowedPorts: [server.port], lookup: names, proxy: proxy.url })
    expect((await failure(strict.fetchPage(`http://shop.test:${server.port}/og`))).code).toBe('fetch_blocked')
    expect(proxy.asked.length).toBe(asked + 1)
    await strict.close()
  })
})
