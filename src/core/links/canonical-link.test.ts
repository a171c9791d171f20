import { describe, expect, it } from 'vitest'
import { canonicaliseLink, cardKey, displayForm } from './canonical-link.js'
import { decodePunycodeLabel } from './punycode.js'

describe('canonicaliseLink', () => {
  it('parses with WHATWG URL and keeps IDN hosts as punycode', () => {
    const link = canonicaliseLink('https://例子.中国/路径')
    expect(link?.host).toBe('xn--fsqu00a.xn--fiqs8s')
    expect(link?.url).toBe('https://xn--fsqu00a.xn--fiqs8s/%E8%B7%AF%E5%BE%84')
    expect(link?.facts.idn).toBe(true)
  })
  it('takes the registrable domain from the parsed host (tldts, extractHostname false)', () => {
    expect(canonicaliseLink('HTTP://A.B.JD.COM.CN:80/x')?.facts.domain).toBe('jd.com.cn')
    expect(canonicaliseLink('https://a.github.io/')?.facts.domain).toBe('a.github.io')
  })
  it('adds http:// to scheme-less input and folds full-width forms with NFKC', () => {
    expect(canonicaliseLink('ｊｄ．ｃｏｍ')?.url).toBe('http://jd.com/')
    expect(canonicaliseLink('jd.com:8080/a')?.url).toBe('http://jd.com:8080/a')
  })
  it('refuses other schemes and invalid hosts', () => {
    expect(canonicaliseLink('javascript:alert(1)')).toBeNull()
    expect(canonicaliseLink('ftp://jd.com/')).toBeNull()
    expect(canonicaliseLink('http://example.invalid/')).toBeNull()
    expect(canonicaliseLink('http://exa mple.com/')).toBeNull()
  })
})

describe('displayForm', () => {
  it('shows Chinese IDN labels and UTF-8 escapes decoded, without scheme', () => {
    expect(displayForm('https://xn--fsqu00a.xn--fiqs8s/%E8%B7%AF%E5%BE%84?q=%E8%83%A1%E5%90%8C%26')).toBe(
      '例子.中国/路径?q=胡同%26',
    )
  })
  it('keeps non-CJK punycode labels (homograph defence) and drops credentials', () => {
    expect(displayForm('https://user:pw@xn--pple-43d.com/')).toBe('xn--pple-43d.com')
  })
})

describe('cardKey', () => {
  it('removes tracking parameters and the fragment without reordering or re-encoding the query', () => {
    expect(
      cardKey('https://www.bilibili.com/video/BV1x/?z=%E8%83%A1&share_source=copy_web&a=1&vd_source=ab#t=3'),
    ).toBe('https://www.bilibili.com/video/BV1x/?z=%E8%83%A1&a=1')
    expect(cardKey('https://item.taobao.com/item.htm?spm=a.b&id=1&utm_source=wx&scm=1')).toBe(
      'https://item.taobao.com/item.htm?id=1',
    )
    expect(cardKey('https://mp.weixin.qq.com/s?__biz=M&from=singlemessage&isappinstalled=0')).toBe(
      'https://mp.weixin.qq.com/s?__biz=M',
    )
  })
  it('keeps parameters that select content', () => {
    expect(cardKey('https://m.tb.cn/h.x?tk=abc')).toBe('https://m.tb.cn/h.x?tk=abc')
    expect(cardKey('https://x.com/?from=home')).toBe('https://x.com/?from=home')
  })
})

describe('decodePunycodeLabel (RFC 3492)', () => {
  it('decodes IDNA labels and rejects malformed ones', () => {
    expect(decodePunycodeLabel('fiqs8s')).toBe('中国')
    expect(decodePunycodeLabel('xample-hva')).toBe('êxample')
    expect(decodePunycodeLabel('!!')).toBeNull()
  })
})
