import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAddressGuard, createSafeFetcher, FetchError } from '../src/adapters/fetch/index.js'
import type { HostLookup, SafeFetcher } from '../src/adapters/fetch/index.js'
import type { FixtureServer } from './fixtures/web/server.js'
import { startFixtureServer } from './fixtures/web/server.js'

// Every refused form is aimed at the fixture server's port, so "refused before connecting" is checked by
// the server seeing no request at all. Only literal forms are used: the lookup below fails loudly if asked.
const noDns: HostLookup = (hostname) => Promise.reject(new Error(`unexpected DNS lookup of ${hostname}`))

let server: FixtureServer
let fetcher: SafeFetcher

beforeAll(async () => {
  server = await startFixtureServer()
  fetcher = createSafeFetcher({ allowedPorts: [80, 443, server.port], lookup: noDns, totalTimeoutMs: 3000 })
})
afterAll(async () => {
  await fetcher.close()
  await server.close()
})

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
    return 'ok'
  } catch (error) {
    return error instanceof FetchError ? error.code : `untyped: ${String(error)}`
  }
}

const LOOPBACK_FORMS = [
  '127.0.0.1',
  '127.0.0.2',
  '127.255.255.254',
  '2130706433',
  '0177.0.0.1',
  '0x7f.1',
  '0x7f000001',
  '127.1',
  '127.0.1',
  '0177.1',
  '0x7F.0.0.1',
  '017700000001',
  '127.000.000.001',
  '[::1]',
  '[0:0:0:0:0:0:0:1]',
  '[::ffff:127.0.0.1]',
  '[::ffff:7f00:1]',
  '[0:0:0:0:0:ffff:127.0.0.1]',
  '[::127.0.0.1]',
  '[64:ff9b::7f00:1]',
  '[64:ff9b::127.0.0.1]',
  '[2002:7f00:1::]',
  '[2001:0:4136:e378:8000:63bf:80ff:fffe]',
  'localhost',
  'LOCALHOST',
  'localhost.',
  'app.localhost',
  '127.0.0.1.',
  '%31%32%37.0.0.1',
  '１２７.０.０.１',
  '127。0。0。1',
  '0x7f.0x0.0x0.0x1',
  '[0::1]',
]
const INTERNAL_FORMS = [
  '0.0.0.0',
  '0',
  '0x0',
  '0.1.2.3',
  '[::]',
  '10.0.0.1',
  '10.255.255.255',
  '012.0.0.1',
  '172.16.0.1',
  '172.31.255.255',
  '192.168.0.1',
  '192.168.1.1',
  '3232235521',
  '169.254.169.254',
  '0xA9FEA9FE',
  '0251.0376.0251.0376',
  '2852039166',
  '100.64.0.1',
  '100.127.255.254',
  '224.0.0.1',
  '239.255.255.250',
  '255.255.255.255',
  '0xffffffff',
  '240.0.0.1',
  '192.0.0.8',
  '192.0.2.1',
  '198.51.100.1',
  '203.0.113.1',
  '198.18.0.1',
  '198.19.255.255',
  '[::ffff:a00:1]',
  '[::ffff:169.254.169.254]',
  '[2002:c0a8:101::1]',
  '[fc00::1]',
  '[fd12:3456::1]',
  '[fe80::1]',
  '[fec0::1]',
  '[ff02::1]',
  '[2001:db8::1]',
  '[100::1]',
  '[64:ff9b:1::a00:1]',
  '[::ffff:0:a00:1]',
]

describe('every address form of an internal host is refused before connecting', () => {
  it.each([...LOOPBACK_FORMS, ...INTERNAL_FORMS])('http://%s/ → fetch_blocked', async (host) => {
    const before = server.requests.length
    expect(await codeOf(fetcher.fetchPage(`http://${host}:${server.port}/og`))).toBe('fetch_blocked')
    expect(await codeOf(fetcher.expand(`http://${host}:${server.port}/og`))).toBe('fetch_blocked')
    expect(await codeOf(fetcher.fetchImage(`http://${host}:${server.port}/img/png`))).toBe('fetch_blocked')
    expect(server.requests.length).toBe(before)
  })

  it('covers at least 40 forms', () => {
    expect(LOOPBACK_FORMS.length + INTERNAL_FORMS.length).toBeGreaterThanOrEqual(40)
  })

  it('refuses schemes other than http and https, and ports off the list', async () => {
    for (const url of [
      'file:///etc/passwd',
      'ftp://example.com/',
      'gopher://127.0.0.1:70/',
      'data:text/html,<title>x',
      'javascript:alert(1)',
    ]) {
      expect(await codeOf(fetcher.fetchPage(url))).toBe('fetch_blocked')
    }
    const strict = createSafeFetcher({ allowPrivate: ['127.0.0.1/32'], lookup: noDns })
    expect(await codeOf(strict.fetchPage(`http://127.0.0.1:${server.port}/og`))).toBe('fetch_blocked')
    expect(await codeOf(strict.fetchPage('http://127.0.0.1:22/'))).toBe('fetch_blocked')
    await strict.close()
  })
})

describe('the address guard', () => {
  const guard = createAddressGuard([])

  it.each([
    '93.184.216.34',
    '1.1.1.1',
    '2606:4700::1111',
    '::ffff:93.184.216.34',
    '64:ff9b::5db8:d822',
    '2002:5db8:d822::1',
    '100.63.255.255',
    '100.128.0.0',
    '172.15.255.255',
    '172.32.0.1',
    '192.169.0.1',
    '198.20.0.1',
    '11.0.0.1',
  ])('passes public %s', (address) => {
    expect(guard(address)).toEqual({ allowed: true, range: 'public' })
  })

  it('names the range that refused an address', () => {
    expect(guard('::ffff:127.0.0.1').range).toBe('ipv4Mapped:loopback')
    expect(guard('64:ff9b::a9fe:a9fe').range).toBe('rfc6052:linkLocal')
    expect(guard('100.64.0.1').range).toBe('carrierGradeNat')
    expect(guard('not an address').allowed).toBe(false)
  })

  it('allowPrivate is exact: 127.0.0.1/32 admits 127.0.0.1 and nothing next to it', () => {
    const exact = createAddressGuard(['127.0.0.1/32'])
    expect(exact('127.0.0.1').allowed).toBe(true)
    expect(exact('::ffff:127.0.0.1').allowed).toBe(true)
    for (const other of ['127.0.0.2', '127.0.0.0', '::1', '10.0.0.1', '0.0.0.0'])
      expect(exact(other).allowed).toBe(false)
    expect(createAddressGuard(['10.1.2.3'])('10.1.2.4').allowed).toBe(false)
    expect(() => createAddressGuard(['not-a-cidr'])).toThrow(TypeError)
  })
})

describe('ssrf-req-filter corpus (y-mehta/ssrf-req-filter, MIT)', () => {
  const corpus = JSON.parse(
    readFileSync(new URL('./fixtures/shared-data/peers/ssrf-req-filter.urls.json', import.meta.url), 'utf8'),
  ) as { blocked: string[] }
  // Cases whose host is a name other than localhost need live DNS (nip.io, xip.io, rebind.network, …):
  // they are skipped here and replayed below through a stub resolver that answers what the real one would.
  const needsDns = (raw: string): boolean => {
    try {
      const host = new URL(raw).hostname
      return !/^[\d.]+$|^\[|^localhost$/.test(host)
    } catch {
      return false
    }
  }
  const offline = corpus.blocked.filter((u) => !needsDns(u))
  const online = corpus.blocked.filter(needsDns)

  it('has both kinds', () => {
    expect(offline.length).toBeGreaterThan(35)
    expect(online.length).toBeGreaterThan(5)
  })

  it.each(offline)('refuses %s offline', async (url) => {
    const code = await codeOf(fetcher.fetchPage(url))
    // Unparseable hosts (425.510.425.510, 0x41414141A9FEA9FE, ports like +11211aaa) are bad_url per WHATWG URL.
    let parses = true
    try {
      new URL(url)
    } catch {
      parses = false
    }
    expect(code).toBe(parses ? 'fetch_blocked' : 'bad_url')
  })

  // Answers these names give (or gave) in real DNS, per the corpus's own notes.
  const simulated: Record<string, string> = {
    'localtest.me': '127.0.0.1',
    'customer1.app.localhost.my.company.127.0.0.1.nip.io': '127.0.0.1',
    'mail.ebc.apple.com': '127.0.0.6',
    'spoofed.burpcollaborator.net': '127.0.0.1',
    '169.254.169.254.xip.io': '169.254.169.254',
    '1ynrnhl.xip.io': '169.254.169.254',
    'www.owasp.org.1ynrnhl.xip.io': '169.254.169.254',
    'a.127.0.0.1.1time.10.0.0.1.1time.repeat.8f058b82-4c39-4dfe-91f7-9b07bcd7fbd5.rebind.network': '10.0.0.1',
    'metadata.nicob.net': '169.254.169.254',
  }
  const stub: HostLookup = (hostname) => {
    const address = simulated[hostname]
    return address === undefined
      ? Promise.reject(new Error(`no stub for ${hostname}`))
      : Promise.resolve([{ address, family: 4 }])
  }

  it.each(online)('refuses %s through a stub resolver', async (url) => {
    const stubbed = createSafeFetcher({ lookup: stub, totalTimeoutMs: 3000 })
    expect(await codeOf(stubbed.fetchPage(url))).toBe('fetch_blocked')
    await stubbed.close()
  })
})
