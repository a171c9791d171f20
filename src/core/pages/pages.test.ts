import { describe, expect, it } from 'vitest'
import {
  escapeHtml,
  linkDisplay,
  pickLanguage,
  renderBlockPage,
  renderInvalidLinkPage,
  renderSafetyPage,
} from './index.js'

describe('pickLanguage', () => {
  it('defaults to zh-CN and picks en only when English outranks Chinese', () => {
    expect(pickLanguage(undefined)).toBe('zh-CN')
    expect(pickLanguage('fr-FR,de;q=0.8')).toBe('zh-CN')
    expect(pickLanguage('en-US,en;q=0.9')).toBe('en')
    expect(pickLanguage('zh-TW,en;q=0.8')).toBe('zh-CN')
    expect(pickLanguage('zh;q=0.3,en;q=0.7')).toBe('en')
    expect(pickLanguage('en;q=0')).toBe('zh-CN')
  })
})

describe('linkDisplay', () => {
  it('splits around the registrable domain, multi-label suffixes included', () => {
    expect(linkDisplay('https://m.item.jd.com/1.html')).toEqual({
      before: 'm.item.',
      domain: 'jd.com',
      after: '/1.html',
      punycode: null,
    })
    expect(linkDisplay('https://www.example.com.cn/a?b=1')).toMatchObject({
      before: 'www.',
      domain: 'example.com.cn',
      after: '/a?b=1',
    })
  })

  it('shows punycode for an IDN; a Latin lookalike stays in punycode in the display too', () => {
    expect(linkDisplay('https://xn--fsqu00a.xn--fiqs8s/')).toMatchObject({
      domain: '例子.中国',
      punycode: 'xn--fsqu00a.xn--fiqs8s',
    })
    const lookalike = linkDisplay('https://xn--80ak6aa92e.com/login')
    expect(lookalike.domain).toBe('xn--80ak6aa92e.com')
    expect(lookalike.punycode).toBe('xn--80ak6aa92e.com')
  })

  it('highlights a whole IP host', () => {
    expect(linkDisplay('http://203.0.113.7:8080/x')).toEqual({
      before: '',
      domain: '203.0.113.7',
      after: ':8080/x',
      punycode: null,
    })
  })
})

describe('pages', () => {
  const reasons = [
    {
      code: 'CONTENT_FRAUD',
      text: '<b>fraud</b> & "more"',
      ruleUrl: 'https://h.example/rules#CONTENT_FRAUD',
    },
  ]

  it('escape everything that came from outside: link, reasons, URLs', () => {
    const html = renderSafetyPage({
      lang: 'en',
      url: 'https://example.com/"><script>alert(1)</script>',
      reasons,
      continueUrl: 'https://h.example/go/t?continue=x&y"',
      backUrl: 'https://h.example/go/back',
      appUrl: null,
      reportUrl: 'https://h.example/demo/report?url=x',
    })
    expect(html).not.toContain('<script>')
    expect(html).not.toContain('<b>fraud</b>')
    expect(html).toContain('&lt;b&gt;fraud&lt;/b&gt; &amp; &quot;more&quot;')
    expect(html).toContain('continue=x&amp;y&quot;')
  })

  it('the block page has no way through, and both pages set lang and a heading', () => {
    const block = renderBlockPage({
      lang: 'zh-CN',
      url: 'https://bad.example.com/',
      reasons,
      appealUrl: 'https://h.example/demo/report?appeal=1',
      backUrl: 'https://h.example/go/back',
    })
    expect(block).toContain('<html lang="zh-CN">')
    expect(block).toMatch(/<h1>[^<]+<\/h1>/)
    expect(block).not.toContain('bad.example.com/"')
    expect(block).not.toContain('href="https://bad.example.com')
    expect(renderInvalidLinkPage('en', 'token_expired')).toContain('<html lang="en">')
  })

  it('escapeHtml covers the five HTML specials', () => {
    expect(escapeHtml(`<&>"'`)).toBe('&lt;&amp;&gt;&quot;&#39;')
  })
})
