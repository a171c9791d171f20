import { describe, expect, it } from 'vitest'
import { testRegistry } from '../../../test/peers/test-registry.js'
import { recogniseLinks } from './recognise-links.js'

const raws = (text: string): string[] => recogniseLinks(text).map((l) => l.raw)

describe('what can be a link', () => {
  it('accepts http and https in any letter case', () => {
    expect(raws('a HTTP://jd.com b hTTpS://b23.tv/x')).toEqual(['HTTP://jd.com', 'hTTpS://b23.tv/x'])
    expect(recogniseLinks('HTTPS://JD.COM/A')[0]?.url).toBe('https://jd.com/A')
  })
  it('accepts scheme-less www. links, flagged schemeless', () => {
    const [link] = recogniseLinks('去www.jd.com看看')
    expect(link?.raw).toBe('www.jd.com')
    expect(link?.url).toBe('http://www.jd.com/')
    expect(link?.flags).toEqual(['schemeless'])
  })
  it('accepts scheme-less host/path on any public-suffix TLD', () => {
    expect(raws('看 v.douyin.com/fs0j5/【')).toEqual(['v.douyin.com/fs0j5/'])
    expect(raws('readme.md/x')).toEqual(['readme.md/x'])
    expect(raws('example.invalid/x')).toEqual([])
  })
  it('accepts a bare host only on the curated common-web TLD list', () => {
    expect(raws('jd.com')).toEqual(['jd.com'])
    expect(raws('a.b.com.cn')).toEqual(['a.b.com.cn'])
    expect(raws('b23.tv 和 x.top')).toEqual(['b23.tv', 'x.top'])
    expect(raws('README.md main.py backup.zip run.sh lib.so')).toEqual([])
  })
})

describe('what comes before a link', () => {
  it('never starts right after an ASCII letter or digit', () => {
    expect(raws('apphttps://m.tb.cn/h.x?tk=1')).toEqual([])
    expect(raws('看notjd.com/a')).toEqual(['notjd.com/a'])
  })
  it('never starts after @: emails are not links', () => {
    expect(raws('联系 kefu86@example.com、或 first.last@jd.com')).toEqual([])
  })
  it("never starts after another scheme's :// or :", () => {
    expect(raws('ftp://x.com/a mailto:a@b.com javascript:alert(1) weixin://dl/x.com')).toEqual([])
    expect(raws('javascript:www.jd.com')).toEqual([])
  })
  it('does start after CJK text, punctuation, emoji and label words', () => {
    expect(raws('链接:https://x.com 链接：www.jd.com。👉https://b23.tv/a Link:https://y.com')).toEqual([
      'https://x.com',
      'www.jd.com',
      'https://b23.tv/a',
      'https://y.com',
    ])
  })
})

describe('what ends a link', () => {
  it('ends at whitespace, including ideographic space', () => {
    expect(raws('https://a.com/x\u3000y https://b.com/y\tz')).toEqual(['https://a.com/x', 'https://b.com/y'])
  })
  it('ends at a CJK, kana or hangul character right after an ASCII path character', () => {
    expect(raws('https://b23.tv/abc哈哈')).toEqual(['https://b23.tv/abc'])
    expect(raws('https://b23.tv/abcです https://b23.tv/x한국')).toEqual([
      'https://b23.tv/abc',
      'https://b23.tv/x',
    ])
  })
  it('continues into CJK after / = ? & # and inside an IDN host', () => {
    expect(raws('https://www.baidu.com/s?wd=胡同&ie=utf-8 好')).toEqual([
      'https://www.baidu.com/s?wd=胡同&ie=utf-8',
    ])
    expect(raws('https://例子.中国/路径“lazy')).toEqual(['https://例子.中国/路径'])
    expect(recogniseLinks('https://例子.中国/路径')[0]?.flags).toEqual(['idn'])
  })
  it('ends a host at CJK text right after its TLD', () => {
    expect(raws('https://jd.com哈哈')).toEqual(['https://jd.com'])
  })
  it('ends at full-width and CJK punctuation', () => {
    for (const p of '，。！？；：、（）【】「」『』《》〈〉“”‘’～…') {
      expect(raws(`https://a.com/x${p}y`)).toEqual(['https://a.com/x'])
    }
  })
  it('ends at emoji, < > and "', () => {
    expect(raws('https://a.com/x😂 <https://b.com/y> "https://c.com/z"')).toEqual([
      'https://a.com/x',
      'https://b.com/y',
      'https://c.com/z',
    ])
  })
  it('ends at an http(s):// that follows a comma', () => {
    expect(raws('https://a.com/x,https://b.com/y,c')).toEqual(['https://a.com/x', 'https://b.com/y,c'])
  })
})

describe('trimming', () => {
  it('drops trailing . , ; : ! ? * \' "', () => {
    expect(raws("see https://a.com/x?y=1.,;:!?*' now")).toEqual(['https://a.com/x?y=1'])
    expect(raws('**https://x.com**')).toEqual(['https://x.com'])
  })
  it('drops a closing bracket unless it balances one inside the link', () => {
    expect(raws('(https://x.com/a)')).toEqual(['https://x.com/a'])
    expect(raws('https://en.wikipedia.org/wiki/Hutong_(Beijing)')).toEqual([
      'https://en.wikipedia.org/wiki/Hutong_(Beijing)',
    ])
    expect(raws('[见 https://x.com/a[1]]')).toEqual(['https://x.com/a[1]'])
  })
})

describe('full-width links', () => {
  it('recognises a link written wholly in full-width forms, flagged obfuscated, url in NFKC', () => {
    const [link] = recogniseLinks('快点ｈｔｔｐｓ：／／ｗｗｗ．ｂａｉｄｕ．ｃｏｍ，')
    expect(link?.raw).toBe('ｈｔｔｐｓ：／／ｗｗｗ．ｂａｉｄｕ．ｃｏｍ')
    expect(link?.url).toBe('https://www.baidu.com/')
    expect(link?.flags).toContain('obfuscated')
  })
  it('ends an ASCII link at a full-width character, and does not mix the two', () => {
    expect(raws('https://jd.com／abc')).toEqual(['https://jd.com'])
    expect(raws('ｗｗｗ.jd.com')).toEqual([])
  })
})

describe('never links', () => {
  it('ignores version numbers, decimals, times and invalid hosts or ports', () => {
    expect(
      raws('v1.2.3 3.14 12:30 1.0.0-beta http://-x.com http://.x.com http://x.com:99999/ http://x.com:8a'),
    ).toEqual([])
  })
})

describe('flagged links', () => {
  it('flags IP literals, localhost and IPv6 with a scheme, and ignores them without one', () => {
    const links = recogniseLinks(
      'http://192.168.1.1/x http://localhost:8080 http://[::1]/ 192.168.1.1/x http://0x7f000001/',
    )
    expect(links.map((l) => [l.raw, l.flags, l.domain])).toEqual([
      ['http://192.168.1.1/x', ['ip-host'], null],
      ['http://localhost:8080', ['localhost'], null],
      ['http://[::1]/', ['ip-host'], null],
      ['http://0x7f000001/', ['ip-host'], null],
    ])
    expect(links[3]?.url).toBe('http://127.0.0.1/')
  })
  it('flags credentials in the URL', () => {
    const [link] = recogniseLinks('https://www.jd.com@evil.com/login')
    expect(link?.host).toBe('evil.com')
    expect(link?.flags).toEqual(['credentials'])
  })
})

describe('spans, domains and providers', () => {
  it('gives UTF-16 spans even after astral characters', () => {
    const text = '😂😂 https://b23.tv/a'
    const [link] = recogniseLinks(text)
    expect(link?.start).toBe(5)
    expect(text.slice(link!.start, link!.end)).toBe(link?.raw)
  })
  it('gives the registrable domain and, with a registry, provider and per-link category', () => {
    const registry = testRegistry()
    const links = recogniseLinks(
      'https://v.douyin.com/x/ https://haohuo.jinritemai.com/ecommerce/a https://example.com',
      registry,
    )
    expect(links.map((l) => [l.domain, l.provider, l.category])).toEqual([
      ['douyin.com', 'douyin', 'short-video'],
      ['jinritemai.com', 'douyin', 'e-commerce'],
      ['example.com', null, 'other'],
    ])
  })
})
