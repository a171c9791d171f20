import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { skeleton } from './confusables.js'
import { editDistance } from './edit-distance.js'
import { createHeuristicContext, evaluateHeuristics } from './evaluate-heuristics.js'
import { decodeLabel, toUnicodeHost } from './punycode.js'
import { isMixedScript } from './scripts.js'
import { totalWeight } from './signal.js'

const SHARED = new URL('../../../../../shared/data/', import.meta.url)

interface SeedProvider {
  domains?: string[]
  short_domains?: string[]
  mobile_domains?: string[]
}

function registryHosts(): { hosts: string[]; shorteners: string[] } {
  const seed = parseYaml(readFileSync(new URL('providers.seed.yaml', SHARED), 'utf8')) as {
    providers: SeedProvider[]
  }
  // Entries may carry notes ("m.toutiao.com/is/ (path-based short links)"): keep the host part.
  const host = (raw: string) => raw.trim().toLowerCase().replace(/^\*\./, '').split(/[\s/]/)[0] ?? ''
  const hosts: string[] = []
  const shorteners: string[] = []
  for (const provider of seed.providers) {
    hosts.push(...[...(provider.domains ?? []), ...(provider.mobile_domains ?? [])].map(host))
    shorteners.push(...(provider.short_domains ?? []).map(host))
  }
  return {
    hosts: [...hosts, ...shorteners].filter((h) => h !== ''),
    shorteners: shorteners.filter((h) => h !== ''),
  }
}

const { hosts, shorteners } = registryHosts()
const context = createHeuristicContext({ knownDomains: hosts, shortenerDomains: shorteners })
const codes = (url: string, redirectChain?: string[]) =>
  evaluateHeuristics(redirectChain === undefined ? { url } : { url, redirectChain }, context).map(
    (s) => s.code,
  )

describe('the registry and real share texts stay clean', () => {
  it('loads a registry worth testing against', () => {
    expect(hosts.length).toBeGreaterThan(100)
    expect(context.known.domains.has('taobao.com')).toBe(true)
  })

  it('trips no heuristic on any registry domain, short domain or mobile domain', () => {
    const tripped = hosts.flatMap((host) =>
      ['https://', 'http://'].flatMap((scheme) => {
        const signals = evaluateHeuristics({ url: `${scheme}${host}/some/path?id=1` }, context)
        return signals.map((signal) => `${host}: ${signal.code} ${signal.detail}`)
      }),
    )
    expect(tripped).toEqual([])
  })

  it('trips no heuristic on any link in share_texts.txt', () => {
    const text = readFileSync(new URL('share_texts.txt', SHARED), 'utf8')
    const urls = text.match(/https?:\/\/[^\s「」【】，。“”"'<>（）()]+/g) ?? []
    expect(urls.length).toBeGreaterThan(50)
    const tripped = urls.flatMap((url) =>
      evaluateHeuristics({ url }, context).map((signal) => `${url}: ${signal.code} ${signal.detail}`),
    )
    expect(tripped).toEqual([])
  })

  it('does not call one short link in front of a provider page a shortener chain', () => {
    expect(
      codes('https://m.tb.cn/h.abc', ['https://m.tb.cn/h.abc', 'https://item.taobao.com/item.htm?id=1']),
    ).toEqual([])
  })
})

describe('heuristic signals', () => {
  it('flags IP hosts, naming the disguised spelling', () => {
    const [signal] = evaluateHeuristics({ url: 'http://3232235777/login' }, context)
    expect(signal).toMatchObject({ code: 'SAFETY_IP_HOST', weight: 4 })
    expect(signal?.detail).toBe('host is the IP address 192.168.1.1 (written 3232235777)')
    expect(codes('http://[2001:db8::1]/')).toEqual(['SAFETY_IP_HOST'])
    expect(codes('http://198.51.100.7:8080/x')).toEqual(['SAFETY_IP_HOST'])
  })

  it('flags a domain shown as userinfo, and credentials separately', () => {
    const [signal] = evaluateHeuristics({ url: 'https://www.jd.com@evil.example/' }, context)
    expect(signal).toMatchObject({
      code: 'SAFETY_USERINFO_DOMAIN',
      detail: 'shows www.jd.com before "@" but opens evil.example',
    })
    expect(codes('https://www.jd.com:pw@evil.example/')).toEqual([
      'SAFETY_USERINFO_DOMAIN',
      'SAFETY_CREDENTIALS',
    ])
    expect(codes('https://alice:secret@files.example/')).toEqual(['SAFETY_CREDENTIALS'])
    expect(codes('https://files.example/login?user=a&password=b')).toEqual(['SAFETY_CREDENTIALS'])
  })

  it('flags mixed-script labels and whole-script Latin confusables', () => {
    // "taobao" with Cyrillic а (U+0430): mixed script, and a confusable of taobao.com
    expect(codes('https://tаobаo.com/')).toEqual(['SAFETY_MIXED_SCRIPT', 'SAFETY_LOOKALIKE'])
    // Cyrillic "аррӏе": one script, but it reads as Latin
    expect(codes('https://аррӏе.example/')).toEqual(['SAFETY_MIXED_SCRIPT'])
    // Chinese with Latin is allowed by TR39's Highly Restrictive profile
    expect(codes('https://淘宝tb.example/')).toEqual([])
    expect(codes('https://例子.test/')).toEqual([])
  })

  it('flags lookalikes of provider domains: confusables, near misses, embedded domains', () => {
    const detail = (url: string) =>
      evaluateHeuristics({ url }, context).find((s) => s.code === 'SAFETY_LOOKALIKE')?.detail
    expect(detail('https://taoba0.com/')).toBe('taoba0.com looks like taobao.com (confusable characters)')
    expect(detail('https://1688-vip.example/')).toBeUndefined()
    expect(detail('https://l688.com/')).toBe('l688.com looks like 1688.com (confusable characters)')
    expect(detail('https://pinduoduo.example/')).toBeUndefined()
    expect(detail('https://pinduodou.com/')).toBe('pinduodou.com is 1 edit from pinduoduo.com')
    expect(detail('https://xiaohonshu.cn/')).toBe('xiaohonshu.cn is 1 edit from xiaohongshu.com')
    expect(detail('https://xiaohngsu.top/')).toBe('xiaohngsu.top is 2 edits from xiaohongshu.com')
    expect(detail('https://taobao.com.login.example/')).toBe(
      'taobao.com.login.example puts taobao.com in front of login.example',
    )
    expect(detail('https://bilibili-clone.example/')).toBeUndefined()
    // short labels are too close to everything to compare by edit distance
    expect(detail('https://jc.com/')).toBeUndefined()
  })

  it('weighs risky TLDs and deep subdomains below the threshold on their own', () => {
    const risky = evaluateHeuristics({ url: 'https://prize.top/' }, context)
    expect(risky.map((s) => s.code)).toEqual(['SAFETY_RISKY_TLD'])
    expect(totalWeight(risky)).toBeLessThan(context.config.threshold)
    const deep = evaluateHeuristics({ url: 'https://a.b.c.d.login.example/' }, context)
    expect(deep.map((s) => s.code)).toEqual(['SAFETY_DEEP_SUBDOMAIN'])
    expect(totalWeight(evaluateHeuristics({ url: 'https://a.b.c.d.prize.top/' }, context))).toBe(4)
  })

  it('flags chains of shorteners and long redirect chains', () => {
    const chain = ['https://t.cn/A1', 'https://dwz.cn/B2', 'https://suo.im/C3', 'https://landing.example/']
    const [signal] = evaluateHeuristics({ url: chain[0]!, redirectChain: chain }, context)
    expect(signal).toMatchObject({
      code: 'SAFETY_SHORTENER_CHAIN',
      detail: '3 link shorteners in a row: t.cn → dwz.cn → suo.im',
    })
    const long = Array.from({ length: 8 }, (_, i) => `https://hop${i}.example/`)
    expect(codes(long[0]!, long)).toEqual(['SAFETY_LONG_REDIRECT_CHAIN'])
  })

  it('takes weights, threshold and the risky list from config', () => {
    const strict = createHeuristicContext({
      knownDomains: ['example.com'],
      config: { riskyTlds: ['example'], weights: { ...context.config.weights, SAFETY_RISKY_TLD: 5 } },
    })
    expect(evaluateHeuristics({ url: 'https://x.example/' }, strict)).toEqual([
      { code: 'SAFETY_RISKY_TLD', weight: 5, detail: 'top-level domain .example is on the risky list' },
    ])
  })

  it('returns no signals for unparseable input instead of throwing', () => {
    expect(codes('')).toEqual([])
    expect(codes('http://')).toEqual([])
    expect(codes('javascript:alert(1)')).toEqual([])
    expect(codes('mailto:someone@mail.example')).toEqual([])
  })

  it('reads bare hosts, with or without a port, as http links', () => {
    expect(codes('www.jd.com@evil.example/login')).toEqual(['SAFETY_USERINFO_DOMAIN'])
    expect(codes('198.51.100.7:8080/x')).toEqual(['SAFETY_IP_HOST'])
  })
})

describe('building blocks', () => {
  it('decodes punycode labels (RFC 3492)', () => {
    expect(decodeLabel('xn--fsqu00a')).toBe('例子')
    expect(decodeLabel('xn--80ak6aa92e')).toBe('аррӏе')
    expect(decodeLabel('plain')).toBe('plain')
    expect(decodeLabel('xn--zz!')).toBeNull()
    expect(toUnicodeHost('www.xn--fsqu00a.test')).toBe('www.例子.test')
  })

  it('gives confusable labels one TR39 skeleton', () => {
    expect(skeleton('tаobаo')).toBe(skeleton('taobao'))
    expect(skeleton('rnei')).toBe(skeleton('mei'))
    expect(skeleton('g00gle')).toBe(skeleton('google'))
    expect(skeleton('tàobao')).toBe(skeleton('taobao'))
    expect(skeleton('jd')).not.toBe(skeleton('id'))
  })

  it('measures Damerau–Levenshtein distance with an early stop', () => {
    expect(editDistance('taobao', 'taboao', 2)).toBe(1)
    expect(editDistance('taobao', 'taobao', 2)).toBe(0)
    expect(editDistance('kitten', 'sitting', 5)).toBe(3)
    expect(editDistance('abcdefgh', 'zzzzzzzz', 2)).toBe(3)
  })

  it('allows CJK with Latin but not Latin with Cyrillic', () => {
    expect(isMixedScript('淘宝tb')).toBe(false)
    expect(isMixedScript('pаypal')).toBe(true)
    expect(isMixedScript('paypal-123')).toBe(false)
  })
})
