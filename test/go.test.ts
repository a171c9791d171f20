import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSafeFetcher } from '../src/adapters/fetch/index.js'
import { signClickToken, verifyClickToken } from '../src/core/click-token.js'
import { testConfig } from '../src/config/config.js'
import { eq } from 'drizzle-orm'
import { caseSubject } from '../src/core/complaints/index.js'
import { caseDecision } from '../src/db/schema/index.js'
import { installCardFetchers } from '../src/services/cards.js'
import { caseActionIndex } from '../src/services/case-actions.js'
import { BACKENDS } from './support/backends.js'
import { bearer, startHarness, type Harness } from './support/harness.js'
import { startFixtureServer, type FixtureServer } from './fixtures/web/server.js'

const START = new Date('2026-11-22T12:00:00+08:00')

for (const backend of BACKENDS) {
  describe(`GET /go/<token>: ${backend.name}`, () => {
    let h: Harness
    let server: FixtureServer
    const clock = { now: START }
    /**
     * Blocks and lifts a link the way the complaint desk records it: a `case_decision` row the index
     * reads, then a reload (the desk reloads after each commit).
     */
    let decisions = 0
    const blocked = {
      add: async (url: string) => {
        const subject = caseSubject(url)!
        const at = clock.now
        await h.ctx.db.insert(caseDecision).values({
          id: `d-${++decisions}`,
          caseId: `case-${url}`,
          action: 'block',
          scope: 'url',
          target: subject.key,
          domain: subject.domain,
          ground: 'terms',
          reason: 'CONTENT_FRAUD',
          category: 'fraud',
          explanation: 'test',
          automated: false,
          decidedBy: 'reviewer:test',
          decidedAt: at,
          startsAt: at,
          statement: {},
        })
        await caseActionIndex(h.ctx).reload()
      },
      delete: async (url: string) => {
        await h.ctx.db
          .update(caseDecision)
          .set({ liftedAt: clock.now, liftedBy: 'reviewer:test' })
          .where(eq(caseDecision.caseId, `case-${url}`))
        await caseActionIndex(h.ctx).reload()
      },
    }
    beforeAll(async () => {
      server = await startFixtureServer()
      h = await startHarness(backend, { now: () => clock.now })
      // Short-link hosts resolve to the fixture server; nothing leaves the machine.
      const options = {
        allowPrivate: ['127.0.0.1/32'],
        allowedPorts: [80, 443, server.port],
        lookup: () => Promise.resolve([{ address: '127.0.0.1', family: 4 }]),
      }
      installCardFetchers(h.ctx, {
        page: createSafeFetcher(options),
        click: createSafeFetcher({ ...options, totalTimeoutMs: 600 }),
      })
    })
    afterAll(async () => {
      await h.close()
      await server.close()
    })

    const goUrl = async (url: string, scenario: string): Promise<string> => {
      const response = await h.app.inject({
        method: 'POST',
        url: '/v1/inspect',
        headers: bearer(h.keys.platform),
        payload: { text: url, scenario },
      })
      expect(response.statusCode, response.body).toBe(200)
      const link = response.json().links[0]
      return `/go/${link.goUrl.split('/go/')[1]}`
    }
    const click = (path: string, lang?: string) =>
      h.app.inject({ method: 'GET', url: path, headers: lang ? { 'accept-language': lang } : {} })
    const continueHref = (html: string): string => {
      const match = /href="([^"]*\?continue=[^"]*)"/.exec(html)
      expect(match).not.toBeNull()
      return (
        new URL(match![1]!.replaceAll('&amp;', '&')).pathname +
        new URL(match![1]!.replaceAll('&amp;', '&')).search
      )
    }

    it('open: 302 to the link with no referrer', async () => {
      const response = await click(await goUrl('https://item.jd.com/100012043978.html', 'direct'))
      expect(response.statusCode).toBe(302)
      expect(response.headers.location).toBe('https://item.jd.com/100012043978.html')
      expect(response.headers['referrer-policy']).toBe('no-referrer')
    })

    it('warn: the safety page in Chinese, with the reason, 继续访问, 返回, open-in-app and report; strict CSP', async () => {
      const response = await click(await goUrl('https://www.bilibili.com/video/BV1xx411c7mD', 'group'))
      expect(response.statusCode).toBe(200)
      expect(response.headers.location).toBeUndefined()
      expect(response.headers['content-type']).toContain('text/html')
      const csp = String(response.headers['content-security-policy'])
      expect(csp).toContain("default-src 'none'")
      expect(csp).not.toContain('unsafe-inline')
      const html = response.body
      expect(html).toContain('<html lang="zh-CN">')
      expect(html).toContain('群聊中目前仅电商类链接可直接打开')
      expect(html).toContain('继续访问')
      expect(html).toContain('返回')
      expect(html).toContain('www.<strong>bilibili.com</strong>/video/BV1xx411c7mD')
      expect(html).toContain('href="https://www.bilibili.com/video/BV1xx411c7mD">在应用中打开')
      expect(html).toContain('/demo/report?url=https%3A%2F%2Fwww.bilibili.com%2Fvideo%2FBV1xx411c7mD')
      expect(html).toContain('/rules#POLICY_GROUP_NON_ECOMMERCE')
      expect(html).not.toMatch(/<script|<img|<link|https?:\/\/[^"]*\.(css|js)"/)
      expect(html.length).toBeLessThan(6_000)
    })

    it('warn in English for Accept-Language en', async () => {
      const response = await click(
        await goUrl('https://www.bilibili.com/video/BV1xx411c7mD', 'group'),
        'en-US,en;q=0.9,zh-CN;q=0.5',
      )
      expect(response.body).toContain('<html lang="en">')
      expect(response.body).toContain('In group chats only e-commerce links open directly for now')
      expect(response.body).toContain('>Continue<')
    })

    it('继续访问 redirects (re-verified); a forged continue mark shows the safety page again', async () => {
      const path = await goUrl('https://www.bilibili.com/video/BV1xx411c7mD', 'group')
      const next = continueHref((await click(path)).body)
      const through = await click(next)
      expect(through.statusCode).toBe(302)
      expect(through.headers.location).toBe('https://www.bilibili.com/video/BV1xx411c7mD')
      expect(through.headers['referrer-policy']).toBe('no-referrer')
      const forged = await click(`${path}?continue=AAAAAAAAAAAAAAAA`)
      expect(forged.statusCode).toBe(200)
      expect(forged.body).toContain('继续访问')
    })

    it('shows punycode for an IDN and highlights its registrable domain', async () => {
      const response = await click(await goUrl('https://例子.中国/路径', 'feed'))
      expect(response.body).toContain('<strong>例子.中国</strong>/路径')
      expect(response.body).toContain('xn--fsqu00a.xn--fiqs8s')
    })

    it('block: the block page with the reason, the rule link and how to appeal; continue cannot pass it', async () => {
      const url = 'https://fake-refund.example.com/claim'
      await blocked.add(url)
      const path = await goUrl(url, 'direct')
      const response = await click(path)
      expect(response.statusCode).toBe(403)
      expect(response.headers.location).toBeUndefined()
      expect(response.body).toContain('此链接已被停止访问')
      expect(response.body).toContain('经审核，该链接涉及欺诈')
      expect(response.body).toContain('/rules#CONTENT_FRAUD')
      expect(response.body).toContain('提出申诉')
      expect(response.body).not.toContain('继续访问')
      const pushed = await click(`${path}?continue=AAAAAAAAAAAAAAAA`)
      expect(pushed.statusCode).toBe(403)
    })

    it('re-checks at click time: a link blocked after the message was sent is blocked on click', async () => {
      const url = 'https://item.jd.com/55.html'
      const path = await goUrl(url, 'direct')
      expect((await click(path)).statusCode).toBe(302)
      await blocked.add(url)
      const later = await click(path)
      expect(later.statusCode).toBe(403)
      expect(later.headers.location).toBeUndefined()
      await blocked.delete(url)
      expect((await click(path)).statusCode).toBe(302)
    })

    it('a tampered token gets the 400 page and never a Location', async () => {
      const path = await goUrl('https://item.jd.com/100012043978.html', 'direct')
      const token = path.slice('/go/'.length)
      const body = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as unknown[]
      body[0] = 'https://evil.example.com/'
      const swapped = `/go/${Buffer.from(JSON.stringify(body)).toString('base64url')}.${token.split('.')[1]}`
      const foreign = `/go/${signClickToken('another-key-another-key-another-key-0', { url: 'https://evil.example.com/', scenario: 'direct', action: 'open', policyVersion: 'x', exp: 4102444800 })}`
      for (const bad of [swapped, foreign, '/go/nonsense', `${path.slice(0, -2)}xx`]) {
        const response = await click(bad)
        expect([bad, response.statusCode]).toEqual([bad, 400])
        expect(response.headers.location).toBeUndefined()
        expect(response.body).toContain('链接无法打开')
        expect(response.body).not.toContain('evil.example.com')
      }
    })

    it('an expired token gets the 400 page', async () => {
      const path = await goUrl('https://item.jd.com/100012043978.html', 'direct')
      clock.now = new Date(START.getTime() + 8 * 24 * 3600 * 1000)
      try {
        const response = await click(path, 'en')
        expect(response.statusCode).toBe(400)
        expect(response.headers.location).toBeUndefined()
        expect(response.body).toContain('This link has expired')
      } finally {
        clock.now = START
      }
    })

    it('expands a short link at click time and decides on its destination too', async () => {
      const shortUrl = `http://t.cn:${server.port}/to-decimal-loopback`
      const destination = `http://127.0.0.1:${server.port}/og`
      // The short link alone opens directly; where it lands is a bare IP address, which the safety floor warns about.
      const page = await click(await goUrl(shortUrl, 'direct'))
      expect(page.statusCode).toBe(200)
      expect(page.body).toContain(`<strong>127.0.0.1</strong>:${server.port}/og`)
      expect(page.body).toContain('/rules#SAFETY_IP_HOST')
      const through = await click(continueHref(page.body))
      expect(through.headers.location).toBe(destination)
      await blocked.add(destination)
      try {
        // The expansion is remembered for a while; a fresh short link shows the destination's block.
        const response = await click(await goUrl(`${shortUrl}?x=1`, 'direct'))
        expect(response.statusCode).toBe(403)
        expect(response.body).toContain('经审核，该链接涉及欺诈')
      } finally {
        await blocked.delete(destination)
      }
    })

    it('decides on the original link when expansion is refused or too slow', async () => {
      for (const route of ['/to-127-0-0-2', '/slow-headers']) {
        const shortUrl = `http://t.cn:${server.port}${route}`
        const started = performance.now()
        const response = await click(await goUrl(shortUrl, 'direct'))
        expect(performance.now() - started).toBeLessThan(3_000)
        expect([route, response.statusCode, response.headers.location]).toEqual([route, 302, shortUrl])
      }
    })

    it('decides a redirecting link on where its card said it lands', async () => {
      const url = `http://127.0.0.1:${server.port}/chain/1`
      const card = await h.app.inject({
        method: 'GET',
        url: '/v1/cards',
        query: { url },
        headers: bearer(h.keys.platform),
      })
      expect(card.json().finalUrl).toBe(`http://127.0.0.1:${server.port}/og`)
      await blocked.add(`http://127.0.0.1:${server.port}/og`)
      try {
        expect((await click(await goUrl(url, 'direct'))).statusCode).toBe(403)
      } finally {
        await blocked.delete(`http://127.0.0.1:${server.port}/og`)
      }
      // Unblocked, the link itself (a bare IP address) only warns.
      expect((await click(await goUrl(url, 'direct'))).statusCode).toBe(200)
    })

    it('返回 leads to a page that opens nothing', async () => {
      const response = await click('/go/back?lang=en')
      expect(response.statusCode).toBe(200)
      expect(response.body).toContain('The link was not opened')
      expect(response.headers['content-security-policy']).toContain("default-src 'none'")
    })
  })
}

describe('signing-key rotation', () => {
  const OLD = 'old-secret-old-secret-old-secret-0001'
  const NEW = 'new-secret-new-secret-new-secret-0002'
  let h: Harness
  beforeAll(async () => {
    h = await startHarness(BACKENDS[0]!, {
      config: { ...testConfig(), secrets: { signingKey: NEW, previousKeys: [OLD] } },
    })
  })
  afterAll(async () => h.close())

  const claims = {
    url: 'https://item.jd.com/100012043978.html',
    scenario: 'direct',
    action: 'open',
    policyVersion: 'x',
    exp: 4102444800,
  } as const

  it('links signed before the rotation keep working; a key never configured does not', async () => {
    const click = (token: string) => h.app.inject({ method: 'GET', url: `/go/${token}` })
    const old = await click(signClickToken(OLD, claims))
    expect(old.statusCode).toBe(302)
    expect(old.headers.location).toBe(claims.url)
    expect((await click(signClickToken(NEW, claims))).statusCode).toBe(302)
    const foreign = await click(signClickToken('another-key-another-key-another-key-0', claims))
    expect(foreign.statusCode).toBe(400)
    expect(foreign.headers.location).toBeUndefined()
  })

  it('new links are signed with the new key only', async () => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/v1/inspect',
      headers: bearer(h.keys.platform),
      payload: { text: claims.url, scenario: 'direct' },
    })
    const token = String(response.json().links[0].goUrl).split('/go/')[1]!
    expect(verifyClickToken(NEW, token, 0).ok).toBe(true)
    expect(verifyClickToken(OLD, token, 0).ok).toBe(false)
  })
})
