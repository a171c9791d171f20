import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { testRegistry } from '../../../test/peers/test-registry.js'
import { extract } from './extract.js'
import { findTokens } from './share-tokens.js'

const registry = testRegistry()

describe('淘口令 and 京口令 tokens', () => {
  it('finds 淘口令 between any currency symbols, in parentheses and between equal CJK characters', () => {
    expect(findTokens('复制￥ysuUbqEiTSt￥打开 €7VPsbXB7RnM€ ₤abc123XYZ₤').map((t) => t.token)).toEqual([
      'ysuUbqEiTSt',
      '7VPsbXB7RnM',
      'abc123XYZ',
    ])
    expect(findTokens('7(C8G93R9Dtxy)/ CA8888').map((t) => t.token)).toEqual(['C8G93R9Dtxy'])
    expect(findTokens('1👈啊5NKkX84wYdk啊').map((t) => t.token)).toEqual(['5NKkX84wYdk'])
  })
  it('finds 京口令 and ignores prices, order numbers and words', () => {
    expect(findTokens('20:/！29KUN73nQllwi！')).toEqual([
      { provider: 'jd', token: '29KUN73nQllwi', start: 0, end: 19 },
    ])
    expect(findTokens('价格￥100￥ 订单(12345678901) 哈abcdefghijk哈')).toEqual([])
  })
  it('finds a 淘口令 between every currency sign of the Basic Multilingual Plane', () => {
    const signs: string[] = []
    for (let c = 0; c < 0x10000; c++) {
      const char = String.fromCharCode(c)
      if ((c < 0xd800 || c >= 0xe000) && /\p{Sc}/u.test(char)) signs.push(char)
    }
    expect(signs.length).toBeGreaterThan(50)
    for (const sign of signs)
      expect([sign, findTokens(`看${sign}Ab3Cd5Ef7Gh9${sign}`)[0]?.token]).toEqual([sign, 'Ab3Cd5Ef7Gh9'])
  })
  it('finds every token shape whatever text surrounds it, astral currency signs and full-width parentheses included', () => {
    // The quick checks that let most messages skip the token scans must never hide a token.
    const shapes = [
      (t: string) => `￥${t}￥`,
      (t: string) => `\u{1E2FF}${t}\u{1E2FF}`, // WANCHO NGUN SIGN, a currency sign outside the BMP
      (t: string) => `（${t.slice(0, 12)}）`,
      (t: string) => `(${t.slice(0, 12)})`,
      (t: string) => `啊${t}啊`,
      (t: string) => `20:/!${t}!`,
      (t: string) => `😆 ${t} 😆`,
    ]
    const noise = fc.string({ unit: fc.constantFrom('看', '😀', ' ', 'a', '1', ':', '/', '【', '我', '\n') })
    fc.assert(
      fc.property(noise, fc.nat(shapes.length - 1), noise, (before, shape, after) => {
        const token = 'Ab3Cd5Ef7Gh9'
        const text = `${before} ${shapes[shape]!(token)} ${after}`
        expect(findTokens(text).map((t) => t.token)).toContain(
          shape === 2 || shape === 3 ? token.slice(0, 12) : token,
        )
      }),
    )
  })
})

describe('share texts', () => {
  it('reads a 【淘宝】 link share with its code and 「title」', () => {
    const { shares } = extract(
      '【淘宝】https://m.tb.cn/h.UKbKojJ?tk=ipwed8BvzSd CZ3457 「开发板」\n点击链接直接打开 或者 淘宝搜索直接打开',
      registry,
    )
    expect(shares).toEqual([
      { provider: 'taobao', kind: 'share-text', linkIndex: 0, title: '开发板', token: 'CZ3457' },
    ])
  })
  it('lets a share provider win over a borrowed short domain, with its category', () => {
    const { links, shares } = extract(
      '【闲鱼】https://m.tb.cn/h.RIyl3ab?tk=VjKRgSvZf7l CZ009 「我在闲鱼发布了【板子】」',
      registry,
    )
    expect(links[0]?.provider).toBe('xianyu')
    expect(links[0]?.category).toBe('e-commerce')
    expect(shares[0]?.provider).toBe('xianyu')
  })
  it('never re-attributes a host the share provider does not borrow (brand impersonation stays visible)', () => {
    const { links, shares } = extract('【京东】https://jd-refund.top/a 「退款」', registry)
    expect(links[0]?.provider).toBeNull()
    expect(shares).toEqual([{ provider: 'jd', kind: 'share-text', linkIndex: 0, title: '退款' }])
  })
  it('tells Dianping from Meituan on their shared dpurl.cn by the caption', () => {
    expect(extract('@大众点评 http://dpurl.cn/BNE9Tdaz', registry).links[0]?.provider).toBe('dianping')
    expect(extract('美团外卖红包 http://dpurl.cn/n/kA', registry).links[0]?.provider).toBe('meituan')
  })
  it('reads Douyin, Kuaishou, Xiaohongshu, Bilibili, NetEase and QQ Music captions', () => {
    const providerOf = (text: string) =>
      extract(text, registry).shares.map((s) => [s.provider, s.title ?? null, s.token ?? null])
    expect(providerOf('复制打开抖音，看看【村驴的作品】回锅肉')).toEqual([['douyin', '村驴', null]])
    expect(providerOf('发了一个快手作品，一起来看！')).toEqual([['kuaishou', null, null]])
    expect(providerOf('发布了一篇小红书笔记，快来看吧！ 😆 35ajO3NDvPp 😆')).toEqual([
      ['xiaohongshu', null, null],
      ['xiaohongshu', null, '35ajO3NDvPp'],
    ])
    expect(providerOf('【一口气了解伊朗经济-哔哩哔哩】 https://b23.tv/37gE8mi')).toEqual([
      ['bilibili', '一口气了解伊朗经济', null],
    ])
    expect(providerOf('分享小橘的单曲《晴天》: https://163cn.tv/abc (来自@网易云音乐)')).toEqual([
      ['netease_music', '晴天', null],
    ])
    expect(
      providerOf('Taylor Swift《Anti-Hero》 https://c6.y.qq.com/base/fcgi-bin/u?__=lg19 @QQ音乐'),
    ).toEqual([['qq_music', 'Anti-Hero', null]])
  })
  it('treats a provider share link on its own as a share, but not a generic shortener', () => {
    expect(extract('https://v.kuaishou.com/2pESOe', registry).shares).toEqual([
      { provider: 'kuaishou', kind: 'share-text', linkIndex: 0 },
    ])
    expect(extract('https://t.cn/A6fynkoe https://jd.com/', registry).shares).toEqual([])
  })
})
