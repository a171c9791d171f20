import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { charsetFromMeta, decodeHtml, extractCard } from '../src/core/cards/index.js'

const page = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`./fixtures/web/pages/${name}`, import.meta.url)))
const BASE = 'https://shop.example.cn/item'

describe('decodeHtml picks the charset in order BOM → header → meta → detection', () => {
  it('GBK declared only in the HTTP header', () => {
    const decoded = decodeHtml(page('gbk-header.html'), 'text/html; charset=GBK')
    expect(decoded).toMatchObject({ charset: 'gb18030', source: 'header' })
    const card = extractCard(decoded.text, BASE)
    expect(card.title).toBe('秋季新款双面羊毛大衣')
    expect(card.description).toBe('双面羊毛，手工缝制，立体剪裁。限时优惠，全国包邮。')
    expect(card.price).toEqual({ amount: '899.00', currency: 'CNY' })
    expect(card.siteName).toBe('示例商城')
  })

  it('GB18030 declared only in a meta tag, including four-byte characters', () => {
    const decoded = decodeHtml(page('gb18030-meta.html'), 'text/html')
    expect(decoded).toMatchObject({ charset: 'gb18030', source: 'meta' })
    const card = extractCard(decoded.text, BASE)
    expect(card.title).toBe('𠮷野家 招牌牛肉饭套餐')
    expect(card.description).toBe('米饭、牛肉、温泉蛋，外加味噌汤。€ 符号与𠮷字都需要四字节编码。')
    expect(card.price).toEqual({ amount: '32.50', currency: 'CNY' })
  })

  it('GB2312 via http-equiv, decoded with the GB18030 superset', () => {
    const decoded = decodeHtml(page('gb2312.html'), null)
    expect(decoded).toMatchObject({ charset: 'gb18030', source: 'meta' })
    expect(extractCard(decoded.text, BASE).title).toBe('工信部：开展互联网行业专项整治行动')
  })

  it('Big5 via http-equiv', () => {
    const decoded = decodeHtml(page('big5.html'), 'text/html')
    expect(decoded).toMatchObject({ charset: 'big5', source: 'meta' })
    const card = extractCard(decoded.text, BASE)
    expect(card.title).toBe('手工鳳梨酥禮盒（十二入）')
    expect(card.description).toBe('嚴選台灣土鳳梨，奶油香氣濃郁，適合送禮。')
    expect(card.price).toEqual({ amount: '450', currency: 'TWD' })
  })

  it('Shift_JIS with a quoted header parameter', () => {
    const decoded = decodeHtml(page('shift-jis.html'), 'text/html; charset="Shift_JIS"')
    expect(decoded.charset).toBe('shift_jis')
    const card = extractCard(decoded.text, BASE)
    expect(card.title).toBe('抹茶ラテ（期間限定）｜サンプル喫茶')
    expect(card.price).toEqual({ amount: '580', currency: 'JPY' })
  })

  it('EUC-JP via meta', () => {
    expect(extractCard(decodeHtml(page('euc-jp.html'), null).text, BASE).title).toBe('東京の天気予報')
  })

  it.each([
    ['gbk-sniff.html', 'gb18030', '北京胡同游览指南：从南锣鼓巷到烟袋斜街'],
    ['euc-kr-sniff.html', 'euc-kr', '서울 날씨 예보 - 오늘과 내일의 날씨'],
  ])('detects %s with no declaration anywhere', (file, charset, title) => {
    const decoded = decodeHtml(page(file), 'text/html')
    expect(decoded).toMatchObject({ charset, source: 'detected' })
    expect(extractCard(decoded.text, BASE).title).toBe(title)
  })

  it('lets a BOM override the header, and the header override the meta', () => {
    const utf8 = new TextEncoder().encode('<meta charset="big5"><title>互通</title>')
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8])
    expect(decodeHtml(withBom, 'text/html; charset=gbk')).toMatchObject({ charset: 'utf-8', source: 'bom' })
    expect(decodeHtml(withBom, 'text/html; charset=gbk').text.startsWith('<meta')).toBe(true)
    expect(decodeHtml(utf8, 'text/html; charset=utf-8').source).toBe('header')
    expect(decodeHtml(utf8, 'text/html').source).toBe('meta')
  })

  it('skips unknown labels and reads UTF-16 meta claims as UTF-8 (HTML §13.2.3.2)', () => {
    const bytes = new TextEncoder().encode('<meta charset="utf-16"><title>互通</title>')
    expect(decodeHtml(bytes, 'text/html; charset=x-nonsense')).toMatchObject({
      charset: 'utf-8',
      source: 'meta',
    })
  })

  it('ignores a meta charset past the first 1,024 bytes or inside a comment', () => {
    const late = new TextEncoder().encode(`${' '.repeat(1100)}<meta charset="big5">`)
    expect(charsetFromMeta(late)).toBeNull()
    expect(
      charsetFromMeta(new TextEncoder().encode('<!-- <meta charset="big5"> --><meta charset=gbk>')),
    ).toBe('gb18030')
  })

  it('falls back to windows-1252 for undeclared non-UTF-8 Latin text, never to a CJK guess', () => {
    const latin = new Uint8Array([
      ...new TextEncoder().encode('<title>Caf'),
      0xe9,
      ...new TextEncoder().encode(' cr'),
      0xe8,
      ...new TextEncoder().encode('me</title>'),
    ])
    expect(decodeHtml(latin, null)).toMatchObject({
      charset: 'windows-1252',
      text: '<title>Café crème</title>',
    })
  })

  it('never throws, whatever the bytes', () => {
    const random = new Uint8Array(4096).map((_, i) => (i * 2654435761) >>> 24)
    for (const type of [null, 'text/html; charset=', 'text/html; charset=big5', 'garbage;;;charset="']) {
      expect(typeof decodeHtml(random, type).text).toBe('string')
    }
  })
})
