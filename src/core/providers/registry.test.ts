import { describe, expect, it } from 'vitest'
import { testRegistry } from '../../../test/peers/test-registry.js'
import { lookupHost } from './lookup-host.js'
import { openInApp } from './open-in-app.js'
import { loadRegistryFromYamlText, parseRegistry } from './parse-registry.js'

const registry = testRegistry()
const provider = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  name_zh: id,
  name_en: id,
  categories: ['e-commerce'],
  ...extra,
})

describe('data/providers.yaml', () => {
  it('has at least 30 providers including the seed ids', () => {
    expect(registry.providers.length).toBeGreaterThanOrEqual(30)
    for (const id of [
      'taobao',
      'jd',
      'xianyu',
      'douyin',
      'kuaishou',
      'bilibili',
      'xiaohongshu',
      'pinduoduo',
      'meituan',
      'generic_shorteners',
    ]) {
      expect(registry.byId.has(id)).toBe(true)
    }
  })
  it('gives the shared short domain m.tb.cn to exactly one owner, borrowed by the others', () => {
    expect(lookupHost(registry, 'm.tb.cn')?.provider.id).toBe('taobao')
    expect(registry.byId.get('xianyu')?.borrowedShortDomains).toContain('m.tb.cn')
  })
})

describe('lookupHost', () => {
  it('matches the longest host suffix, case-insensitively and ignoring a trailing dot', () => {
    expect(lookupHost(registry, 'C6.Y.QQ.COM.')?.provider.id).toBe('qq_music')
    expect(lookupHost(registry, 'news.qq.com')?.provider.id).toBe('qq')
    expect(lookupHost(registry, 'notjd.com')).toBeNull()
    expect(lookupHost(registry, 'example.com')).toBeNull()
  })
  it('decides the category per link from domain and path rules', () => {
    expect(lookupHost(registry, 'v.douyin.com')?.category).toBe('short-video')
    expect(
      lookupHost(registry, 'haohuo.jinritemai.com', '/ecommerce/trade/detail/index.html')?.category,
    ).toBe('e-commerce')
    expect(lookupHost(registry, 'live.bilibili.com')?.category).toBe('live-streaming')
    expect(lookupHost(registry, 'www.bilibili.com', '/read/cv1')?.category).toBe('content-community')
    expect(lookupHost(registry, 'www.bilibili.com', '/video/BV1')?.category).toBe('video')
  })
})

describe('parseRegistry validation', () => {
  it('refuses a host owned by two providers', () => {
    const result = parseRegistry({
      version: 1,
      providers: [provider('a', { domains: ['x.com'] }), provider('b', { short_domains: ['x.com'] })],
    })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.issues.map((i) => i.code)).toContain('registry_duplicate_domain')
  })
  it('refuses unknown categories and maps the seed aliases', () => {
    const bad = parseRegistry({ version: 1, providers: [provider('a', { categories: ['gambling'] })] })
    expect(bad.ok ? [] : bad.issues.map((i) => i.code)).toEqual(['registry_unknown_category'])
    const good = parseRegistry({
      version: 1,
      providers: [provider('a', { categories: ['second-hand', 'food-delivery'] })],
    })
    expect(good.ok && good.value.providers[0]?.categories).toEqual(['e-commerce', 'local-services'])
  })
  it('refuses duplicate ids, a borrowed domain nobody owns, and malformed YAML', () => {
    const dup = parseRegistry({ version: 1, providers: [provider('a'), provider('a')] })
    expect(dup.ok ? [] : dup.issues.map((i) => i.code)).toContain('registry_duplicate_id')
    const borrowed = parseRegistry({
      version: 1,
      providers: [provider('a', { borrowed_short_domains: ['m.tb.cn'] })],
    })
    expect(borrowed.ok ? [] : borrowed.issues.map((i) => i.code)).toEqual(['registry_bad_borrowed_domain'])
    const yaml = loadRegistryFromYamlText('version: 1\nproviders: [\n')
    expect(yaml.ok ? [] : yaml.issues.map((i) => i.code)).toContain('registry_yaml_invalid')
  })
})

describe('openInApp', () => {
  it('fills a declared deep-link template', () => {
    expect(openInApp(registry, 'taobao', 'https://item.taobao.com/item.htm?id=1')).toBe(
      'taobao://item.taobao.com/item.htm?id=1',
    )
    expect(openInApp(registry, 'alipay', 'https://m.alipay.com/x')).toBe(
      'alipays://platformapi/startapp?appId=20000067&url=https%3A%2F%2Fm.alipay.com%2Fx',
    )
  })
  it('offers the app-claimed https link when there is no template, and null otherwise', () => {
    expect(openInApp(registry, 'douyin', 'http://v.douyin.com/x/')).toBe('https://v.douyin.com/x/')
    expect(openInApp(registry, 'dangdang', 'https://product.dangdang.com/1.html')).toBeNull()
    expect(openInApp(registry, 'nobody', 'https://x.com')).toBeNull()
    expect(openInApp(registry, 'taobao', 'javascript:alert(1)')).toBeNull()
  })
})
