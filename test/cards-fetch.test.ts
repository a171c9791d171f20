import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSafeFetcher, FetchError } from '../src/adapters/fetch/index.js'
import type { SafeFetcher } from '../src/adapters/fetch/index.js'
import { decodeHtml, extractCard } from '../src/core/cards/index.js'
import type { FixtureServer } from './fixtures/web/server.js'
import { startFixtureServer } from './fixtures/web/server.js'

// The card pipeline as the service will run it, on the local fixture pages with HUTONG_FETCH_ALLOW_PRIVATE=127.0.0.1/32.
let server: FixtureServer
let fetcher: SafeFetcher

beforeAll(async () => {
  server = await startFixtureServer()
  fetcher = createSafeFetcher({
    allowPrivate: ['127.0.0.1/32'],
    allowedPorts: [server.port],
    lookup: () => Promise.reject(new Error('no DNS in tests')),
  })
})
afterAll(async () => {
  await fetcher.close()
  await server.close()
})

async function card(path: string) {
  const page = await fetcher.fetchPage(`${server.url}${path}`)
  const decoded = decodeHtml(page.body, page.headers['content-type'])
  return { ...extractCard(decoded.text, page.finalUrl), finalUrl: page.finalUrl, charset: decoded.charset }
}

async function code(path: string): Promise<string> {
  return card(path).then(
    () => 'ok',
    (error: unknown) => (error instanceof FetchError ? error.code : String(error)),
  )
}

describe('cards from local pages', () => {
  it('GBK with the charset only in the HTTP header', async () => {
    expect(await card('/charset/gbk-header')).toMatchObject({
      title: '秋季新款双面羊毛大衣',
      description: '双面羊毛，手工缝制，立体剪裁。限时优惠，全国包邮。',
      price: { amount: '899.00', currency: 'CNY' },
      charset: 'gb18030',
      image: `${server.url}/img/png`,
    })
  })

  it('GB18030 with the charset only in a meta tag', async () => {
    expect(await card('/charset/gb18030-meta')).toMatchObject({
      title: '𠮷野家 招牌牛肉饭套餐',
      description: '米饭、牛肉、温泉蛋，外加味噌汤。€ 符号与𠮷字都需要四字节编码。',
      price: { amount: '32.50', currency: 'CNY' },
      charset: 'gb18030',
    })
  })

  it('Big5', async () => {
    expect(await card('/charset/big5')).toMatchObject({
      title: '手工鳳梨酥禮盒（十二入）',
      description: '嚴選台灣土鳳梨，奶油香氣濃郁，適合送禮。',
      price: { amount: '450', currency: 'TWD' },
      charset: 'big5',
    })
  })

  it('flags a login wall reached by redirect, and one served in place', async () => {
    expect(await card('/item.htm')).toMatchObject({
      loginRequired: true,
      title: null,
      finalUrl: `${server.url}/member/login.jhtml?redirectURL=%2Fitem.htm`,
    })
    expect(await card('/login-title')).toMatchObject({ loginRequired: true, title: null })
    expect(await card('/weibo/status/1')).toMatchObject({ loginRequired: true, title: null })
    expect(await card('/watch')).toMatchObject({ loginRequired: true, wall: 'consent' })
  })

  it('resolves a redirect chain to the final page', async () => {
    expect(await card('/chain/1')).toMatchObject({
      finalUrl: `${server.url}/og`,
      title: '互通：外链治理的开放服务',
    })
  })

  it('refuses, times out or caps hostile pages with the right codes', async () => {
    expect(await code('/to-127-0-0-2')).toBe('fetch_blocked')
    expect(await code('/loop/a')).toBe('too_many_redirects')
    expect(await code('/huge')).toBe('too_large')
    expect(await code('/bomb')).toBe('too_large')
  })
})
