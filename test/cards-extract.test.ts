import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DEFAULT_WALL_PATTERNS, extractCard, truncateGraphemes } from '../src/core/cards/index.js'
import type { WallPattern } from '../src/core/cards/index.js'
import * as pages from './fixtures/web/pages.js'

const BASE = 'https://example.com/path/page'
const graphemes = (s: string): string[] =>
  [...new Intl.Segmenter('und', { granularity: 'grapheme' }).segment(s)].map((g) => g.segment)

describe('metadata sources', () => {
  it('prefers Open Graph over <title>, resolves URLs, and finds the favicon', () => {
    const card = extractCard(pages.OG_PAGE, BASE)
    expect(card).toMatchObject({
      title: '互通：外链治理的开放服务',
      description: 'A service that decides how messaging platforms show external links.',
      siteName: 'Hutong',
      image: 'https://example.com/img/png',
      favicon: 'https://example.com/static/favicon.png',
      canonicalUrl: 'https://example.com/og',
      loginRequired: false,
    })
  })

  it('reads Twitter cards when there is no Open Graph', () => {
    expect(extractCard(pages.TWITTER_PAGE, BASE)).toMatchObject({
      title: 'A Twitter card title',
      description: 'Described only through Twitter card tags.',
      image: 'https://cdn.example.net/card.jpg',
      favicon: 'https://example.com/favicon.ico',
    })
  })

  it('reads a JSON-LD Product in @graph with an AggregateOffer', () => {
    const card = extractCard(pages.PRODUCT_PAGE, BASE)
    expect(card).toMatchObject({
      title: '无线降噪耳机 Pro',
      description: '主动降噪，续航三十小时。',
      image: 'https://shop.example.com/a.png',
      canonicalUrl: 'https://shop.example.com/item/42',
    })
    expect(card.price).toEqual({ amount: '1299.00', currency: 'CNY' })
  })

  it('reads JSON-LD Article (with publisher) and VideoObject', () => {
    expect(extractCard(pages.ARTICLE_PAGE, BASE)).toMatchObject({
      title: '微信外链新规第二阶段上线',
      siteName: '示例新闻',
      image: 'https://example.com/news.png',
    })
    expect(extractCard(pages.VIDEO_PAGE, BASE)).toMatchObject({
      title: '胡同里的秋天',
      description: '四分钟的短片。',
      image: 'https://example.com/thumb.webp',
    })
  })

  it('falls back to <title> and meta description, honouring <base href>', () => {
    const card = extractCard(
      '<base href="https://cdn.example.org/x/"><title> A  page </title><meta name="description" content="Words."><link rel="image_src" href="i.png">',
      BASE,
    )
    expect(card).toMatchObject({
      title: 'A page',
      description: 'Words.',
      image: 'https://cdn.example.org/x/i.png',
    })
    expect(card.price).toBeUndefined()
  })

  it('skips malformed JSON-LD and offers without a currency', () => {
    const card = extractCard(
      '<script type="application/ld+json">{oops</script><script type="application/ld+json">{"@type":"Product","name":"P","offers":{"price":"5"}}</script>',
      BASE,
    )
    expect(card.title).toBe('P')
    expect(card.price).toBeUndefined()
  })

  it('returns oEmbed endpoints only for allow-listed hosts', () => {
    expect(extractCard(pages.OG_PAGE, BASE).oembedUrl).toBeUndefined()
    expect(extractCard(pages.OG_PAGE, BASE, { oembedHosts: ['www.youtube.com'] }).oembedUrl).toBeUndefined()
    expect(extractCard(pages.OG_PAGE, BASE, { oembedHosts: ['oembed.example.com'] }).oembedUrl).toBe(
      'https://oembed.example.com/oembed?url=x',
    )
    // A page cannot smuggle an internal endpoint in by pointing it at an allow-listed name's lookalike.
    const sneaky =
      '<link rel="alternate" type="application/json+oembed" href="http://169.254.169.254/oembed">'
    expect(extractCard(sneaky, BASE, { oembedHosts: ['oembed.example.com'] }).oembedUrl).toBeUndefined()
  })
})

describe('login, consent and challenge walls', () => {
  it.each([
    ['a page titled 登录', pages.LOGIN_TITLE_PAGE, 'https://bbs.example.cn/thread/1', 'login'],
    ["Weibo's visitor system", pages.WEIBO_VISITOR_PAGE, 'https://weibo.com/1/abc', 'login'],
    [
      "Taobao's login page reached by redirect",
      pages.TAOBAO_LOGIN_PAGE,
      'https://login.taobao.com/member/login.jhtml?redirectURL=x',
      'login',
    ],
    ['a consent interstitial', pages.CONSENT_PAGE, 'https://consent.example.com/?continue=x', 'consent'],
    [
      'a meta refresh to passport.',
      '<meta http-equiv="refresh" content="0; url=https://passport.example.cn/login?from=x"><title>跳转中</title>',
      BASE,
      'login',
    ],
    ['a slider challenge', '<title>安全验证</title>', BASE, 'challenge'],
    ['an English sign-in suffix', '<title>Example – Sign in</title>', BASE, 'login'],
  ])('flags %s with no misleading title', (_name, html, url, kind) => {
    const card = extractCard(html, url)
    expect(card).toMatchObject({ loginRequired: true, wall: kind, description: null, image: null })
    expect(card.price).toBeUndefined()
    expect(card.title === null || card.title === card.siteName).toBe(true)
  })

  it('keeps the site name as the only title of a walled page', () => {
    const html = '<title>登录 - 示例社区</title><meta property="og:site_name" content="示例社区">'
    expect(extractCard(html, BASE)).toMatchObject({
      title: '示例社区',
      siteName: '示例社区',
      loginRequired: true,
    })
  })

  it('does not flag a product page that merely contains a login modal, or articles about signing in', () => {
    expect(extractCard(pages.PRODUCT_WITH_LOGIN_MODAL, BASE)).toMatchObject({
      title: '登山背包 40L',
      loginRequired: false,
    })
    expect(extractCard('<title>Sign in with Apple: how it works</title>', BASE).loginRequired).toBe(false)
    expect(extractCard('<title>如何登录微信网页版</title>', BASE).loginRequired).toBe(false)
  })

  it('applies caller-supplied patterns to every site alike, and skips invalid ones', () => {
    const custom: WallPattern[] = [
      { kind: 'login', signal: 'title', pattern: '(', strength: 'strong', note: 'invalid, skipped' },
      { kind: 'login', signal: 'title', pattern: '^会员专享$', strength: 'strong', note: 'members only' },
    ]
    expect(
      extractCard('<title>会员专享</title>', 'https://a.example/', { wallPatterns: custom }).loginRequired,
    ).toBe(true)
    expect(
      extractCard('<title>会员专享</title>', 'https://b.example.cn/', { wallPatterns: custom }).loginRequired,
    ).toBe(true)
    expect(extractCard('<title>会员专享</title>', BASE).loginRequired).toBe(false)
    expect(DEFAULT_WALL_PATTERNS.every((p) => !/taobao|weibo|jd\.com|douyin/i.test(p.pattern))).toBe(true)
  })
})

describe('card fields are plain text', () => {
  it('never lets markup, script, controls, bidi overrides or non-http URLs through', () => {
    const card = extractCard(pages.MALICIOUS_PAGE, BASE)
    expect(card.title).toBe('Hello alert(1) world')
    expect(card.description).toBe('Nice & tidy')
    expect(card.siteName).toBe('Site')
    expect(card.image).toBeNull()
    expect(card.favicon).toBe('https://example.com/favicon.ico')
    expect(card.canonicalUrl).toBe(BASE)
    expect(JSON.stringify(card)).not.toMatch(/<script|<img|<b>|javascript:|data:|\\u202e|\\u0007/i)
  })

  it('does not take metadata from inside scripts or a second <title>', () => {
    const card = extractCard(
      '<title>One</title><title>Two</title><script>var s = "<title>Three</title>"</script>',
      BASE,
    )
    expect(card.title).toBe('One')
  })

  it('holds for arbitrary markup (property test)', () => {
    const fragment = fc.constantFrom(
      '<title>',
      '</title>',
      '<meta property="og:title" content="',
      '">',
      '<script>',
      '</script>',
      '&lt;b&gt;',
      '\u202e',
      '<',
      '>',
      '"',
      '登录',
      '👨‍👩‍👧‍👦',
      'é',
      ' ',
      'x',
    )
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 60 }), (parts) => {
        const card = extractCard(parts.join(''), BASE)
        for (const field of [card.title, card.description, card.siteName]) {
          if (field === null) continue
          expect(field).not.toMatch(/<\/?[a-z][^<>]*>|[\u202a-\u202e\u2066-\u2069]/i)
          expect(graphemes(field).length).toBeLessThanOrEqual(120)
        }
      }),
      { seed: 6, numRuns: 300 },
    )
  })
})

describe('truncation at grapheme boundaries', () => {
  const family = '👨‍👩‍👧‍👦'
  const accented = 'e\u0301' // é as e + combining acute

  it('never splits an emoji ZWJ sequence or a combining mark', () => {
    expect(truncateGraphemes(family.repeat(5), 3)).toBe(`${family}${family}…`)
    expect(truncateGraphemes(accented.repeat(10), 4)).toBe(`${accented.repeat(3)}…`)
    expect(truncateGraphemes('互通'.repeat(100), 120)).toHaveLength(120)
  })

  it('leaves text within the limit untouched', () => {
    expect(truncateGraphemes(family.repeat(3), 3)).toBe(family.repeat(3))
    expect(truncateGraphemes('abc', 3)).toBe('abc')
  })

  it('applies the title (120) and description (300) limits to cards', () => {
    const html = `<meta property="og:title" content="${family.repeat(200)}"><meta property="og:description" content="${accented.repeat(400)}">`
    const card = extractCard(html, BASE)
    expect(graphemes(card.title!)).toHaveLength(120)
    expect(card.title!.endsWith(`${family}…`)).toBe(true)
    expect(graphemes(card.description!)).toHaveLength(300)
    expect(extractCard(html, BASE, { limits: { title: 10 } }).title).toBe(`${family.repeat(9)}…`)
  })

  it('keeps every grapheme of the cut text intact (property test)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(family, accented, '互', 'a', '🇨🇳', 'ก\u0e31'), { maxLength: 80 }),
        fc.integer({ min: 1, max: 60 }),
        (parts, max) => {
          const text = parts.join('')
          const cut = truncateGraphemes(text, max)
          const kept = graphemes(cut)
          expect(kept.length).toBeLessThanOrEqual(max)
          const body = cut.endsWith('…') ? cut.slice(0, -1) : cut
          expect(text.startsWith(body)).toBe(true)
          expect(graphemes(text).slice(0, graphemes(body).length).join('')).toBe(body)
        },
      ),
      { seed: 7, numRuns: 300 },
    )
  })
})
