import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { confirmFullHashes, hashPrefixesForLookup } from '../src/core/safety/index.js'
import { SCENARIOS } from '../src/core/vocabulary.js'
import { BACKENDS } from './support/backends.js'
import { bearer, startHarness, type Harness } from './support/harness.js'

const FEEDS = new URL('./fixtures/feeds/', import.meta.url)
const urlhaus = readFileSync(new URL('urlhaus.csv', FEEDS), 'utf8')
// Synthetic listings under real TLDs (the recogniser only takes public-suffix hosts); never fetched.
const PHISH = 'http://login-verify-hutong-test.top/account/'
const openphish = `${PHISH}\nhttps://secure-payments-hutong-test.xyz/update.php?id=7\n`

for (const backend of BACKENDS) {
  describe(`threat feeds and verdicts: ${backend.name}`, () => {
    let h: Harness
    beforeAll(async () => {
      h = await startHarness(backend)
    })
    afterAll(async () => h.close())

    const importFeed = (body: string, format: string, source: string) =>
      h.app.inject({
        method: 'POST',
        url: `/v1/threats/import?format=${format}&source=${source}`,
        headers: { ...bearer(h.keys.admin), 'content-type': 'text/plain' },
        payload: body,
      })
    const decide = async (text: string, scenario: string) => {
      const response = await h.app.inject({
        method: 'POST',
        url: '/v1/inspect',
        headers: bearer(h.keys.platform),
        payload: { text, scenario },
      })
      expect(response.statusCode, response.body).toBe(200)
      return response.json().links[0]
    }

    it('imports a feed, counts malformed rows without failing, and ledgers the source, count and sha256', async () => {
      const response = await importFeed(urlhaus, 'urlhaus', 'urlhaus')
      expect(response.statusCode, response.body).toBe(200)
      const summary = response.json()
      expect(summary.imported).toBeGreaterThan(0)
      expect(summary.skipped + summary.invalid).toBeGreaterThan(0)
      expect(summary.sha256).toBe(createHash('sha256').update(urlhaus).digest('hex'))
      const ledger = (
        await h.app.inject({ url: '/v1/ledger?limit=1000', headers: bearer(h.keys.auditor) })
      ).json()
      const event = ledger.items.find((e: { kind: string }) => e.kind === 'threats.imported')
      expect(event.payload).toMatchObject({
        source: 'urlhaus',
        count: summary.imported,
        sha256: summary.sha256,
      })
    })

    it("after an import, the feed's URLs are blocked in every scenario with a reason naming the source", async () => {
      // The same message was seen before the import: what inspect remembers of it must not hide the feed.
      for (const scenario of SCENARIOS)
        expect((await decide(`快看 ${PHISH} 领红包`, scenario)).verdict).not.toBe('malicious')
      expect((await importFeed(openphish, 'openphish', 'openphish')).statusCode).toBe(200)
      for (const scenario of SCENARIOS) {
        const link = await decide(`快看 ${PHISH} 领红包`, scenario)
        expect(link.verdict).toBe('malicious')
        expect(link.decision.action).toBe('block')
        const reason = link.decision.reasons.find((r: { code: string }) => r.code === 'SAFETY_MALICIOUS_FEED')
        expect(reason?.detail).toContain('openphish')
      }
    })

    it('re-importing a source replaces its entries atomically', async () => {
      expect(
        (await importFeed('https://other-phish-hutong-test.top/x\n', 'openphish', 'openphish')).statusCode,
      ).toBe(200)
      expect((await decide(`快看 ${PHISH} 领红包`, 'direct')).decision.action).toBe('open')
      expect((await decide('https://other-phish-hutong-test.top/x', 'direct')).decision.action).toBe('block')
      const feeds = (await h.app.inject({ url: '/v1/threats/feeds', headers: bearer(h.keys.admin) })).json()
      expect(feeds.sources.find((s: { name: string }) => s.name === 'openphish').entries).toBe(1)
    })

    it('lookalikes, userinfo tricks and IP hosts warn in every scenario, naming the signal; providers stay clean', async () => {
      const cases: [string, string][] = [
        ['https://www.jd.com@evil-hutong-test.top/pay', 'SAFETY_USERINFO_DOMAIN'],
        ['http://203.0.113.9/login', 'SAFETY_IP_HOST'],
        ['https://t\u0430obao.com/item', 'SAFETY_LOOKALIKE'],
        ['https://xn--tobao-4ve.com/item', 'SAFETY_LOOKALIKE'],
      ]
      for (const [url, code] of cases) {
        for (const scenario of SCENARIOS) {
          const link = await decide(url, scenario)
          expect(link?.verdict, url).toBe('suspicious')
          expect(link.decision.action, `${url} in ${scenario}`).toBe('warn')
          expect(
            link.decision.reasons.map((r: { code: string }) => r.code),
            url,
          ).toContain(code)
        }
      }
      for (const url of [
        'https://item.jd.com/100012043978.html',
        'https://m.tb.cn/h.UKbKojJ?tk=ipwed8BvzSd',
        'https://v.douyin.com/iRNBho6/',
      ]) {
        expect((await decide(url, 'direct')).verdict, url).toBe('clean')
      }
    })

    it('answers private lookups by hash prefix without seeing the link', async () => {
      const url = 'https://other-phish-hutong-test.top/x'
      const response = await h.app.inject({
        method: 'POST',
        url: '/v1/threats/lookup',
        payload: { prefixes: hashPrefixesForLookup(url) },
      })
      expect(response.statusCode, response.body).toBe(200)
      expect(confirmFullHashes(url, response.json().fullHashes)).toEqual(['other-phish-hutong-test.top/x'])
      const clean = await h.app.inject({
        method: 'POST',
        url: '/v1/threats/lookup',
        payload: { prefixes: hashPrefixesForLookup('https://item.jd.com/1.html') },
      })
      expect(clean.json().fullHashes).toEqual([])
      const bad = await h.app.inject({
        method: 'POST',
        url: '/v1/threats/lookup',
        payload: { prefixes: ['zz'] },
      })
      expect(bad.statusCode).toBe(400)
    })

    it('refuses an import without a body or with a bad source name, changing nothing', async () => {
      const before = (await h.app.inject({ url: '/v1/threats/feeds', headers: bearer(h.keys.admin) })).json()
      expect((await importFeed('x', 'openphish', 'bad name!')).statusCode).toBe(400)
      expect((await importFeed('x', 'nope', 'x')).statusCode).toBe(400)
      expect(
        (await h.app.inject({ url: '/v1/threats/feeds', headers: bearer(h.keys.admin) })).json().sources,
      ).toEqual(before.sources)
    })
  })
}
