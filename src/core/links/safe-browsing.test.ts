import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  fromHex,
  fullHash,
  hashPrefix,
  listingExpression,
  parseIpv4,
  safeBrowsingCanonical,
  safeBrowsingExpressions,
  toHex,
} from './safe-browsing.js'

// Every canonicalisation example published in the Safe Browsing v4 "URLs and hashing" page.
const SPEC_EXAMPLES: [string, string][] = [
  ['http://host/%25%32%35', 'http://host/%25'],
  ['http://host/%25%32%35%25%32%35', 'http://host/%25%25'],
  ['http://host/%2525252525252525', 'http://host/%25'],
  ['http://host/asdf%25%32%35asd', 'http://host/asdf%25asd'],
  ['http://host/%%%25%32%35asd%%', 'http://host/%25%25%25asd%25%25'],
  ['http://www.google.com/', 'http://www.google.com/'],
  [
    'http://%31%36%38%2e%31%38%38%2e%39%39%2e%32%36/%2E%73%65%63%75%72%65/%77%77%77%2E%65%62%61%79%2E%63%6F%6D/',
    'http://168.188.99.26/.secure/www.ebay.com/',
  ],
  [
    'http://195.127.0.11/uploads/%20%20%20%20/.verify/.eBaysecure=updateuserdataxplimnbqmn-xplmvalidateinfoswqpcmlx=hgplmcx/',
    'http://195.127.0.11/uploads/%20%20%20%20/.verify/.eBaysecure=updateuserdataxplimnbqmn-xplmvalidateinfoswqpcmlx=hgplmcx/',
  ],
  [
    'http://host%23.com/%257Ea%2521b%2540c%2523d%2524e%25f%255E00%252611%252A22%252833%252944_55%252B',
    'http://host%23.com/~a!b@c%23d$e%25f^00&11*22(33)44_55+',
  ],
  ['http://3279880203/blah', 'http://195.127.0.11/blah'],
  ['http://www.google.com/blah/..', 'http://www.google.com/'],
  ['www.google.com/', 'http://www.google.com/'],
  ['www.google.com', 'http://www.google.com/'],
  ['http://www.evil.com/blah#frag', 'http://www.evil.com/blah'],
  ['http://www.GOOgle.com/', 'http://www.google.com/'],
  ['http://www.google.com.../', 'http://www.google.com/'],
  ['http://www.google.com/foo\tbar\rbaz\n2', 'http://www.google.com/foobarbaz2'],
  ['http://www.google.com/q?', 'http://www.google.com/q?'],
  ['http://www.google.com/q?r?', 'http://www.google.com/q?r?'],
  ['http://www.google.com/q?r?s', 'http://www.google.com/q?r?s'],
  ['http://evil.com/foo#bar#baz', 'http://evil.com/foo'],
  ['http://evil.com/foo;', 'http://evil.com/foo;'],
  ['http://evil.com/foo?bar;', 'http://evil.com/foo?bar;'],
  // The spec writes this input with raw bytes \x01\x80; a JS string holds code points, not bytes, so the
  // lone 0x80 byte (invalid UTF-8 on its own) is given percent-escaped.
  ['http://\x01%80.com/', 'http://%01%80.com/'],
  ['http://notrailingslash.com', 'http://notrailingslash.com/'],
  ['http://www.gotaport.com:1234/', 'http://www.gotaport.com/'],
  ['  http://www.google.com/  ', 'http://www.google.com/'],
  ['http:// leadingspace.com/', 'http://%20leadingspace.com/'],
  ['http://%20leadingspace.com/', 'http://%20leadingspace.com/'],
  ['%20leadingspace.com/', 'http://%20leadingspace.com/'],
  ['https://www.securesite.com/', 'https://www.securesite.com/'],
  ['http://host.com/ab%23cd', 'http://host.com/ab%23cd'],
  ['http://host.com//twoslashes?more//slashes', 'http://host.com/twoslashes?more//slashes'],
]

describe('safeBrowsingCanonical', () => {
  it.each(SPEC_EXAMPLES)('canonicalises %j as the spec does', (input, expected) => {
    expect(safeBrowsingCanonical(input)).toBe(expected)
  })

  it.each([
    ['http://127.1/', 'http://127.0.0.1/'],
    ['http://0x7f.1/', 'http://127.0.0.1/'],
    ['http://0177.0.0.1/', 'http://127.0.0.1/'],
    ['http://2130706433/', 'http://127.0.0.1/'],
    ['http://0x7f000001/', 'http://127.0.0.1/'],
    ['http://192.0x00A80001/', 'http://192.168.0.1/'],
  ])('normalises the IPv4 spelling %s', (input, expected) => {
    expect(safeBrowsingCanonical(input)).toBe(expected)
  })

  it('does not mistake out-of-range or non-numeric hosts for IPs', () => {
    expect(parseIpv4('256.1.1.1')).toBeNull()
    expect(parseIpv4('1.2.3.4.5')).toBeNull()
    expect(parseIpv4('09.1.1.1')).toBeNull()
    expect(parseIpv4('example.test')).toBeNull()
  })

  it('drops userinfo and port, and converts a Unicode host to punycode', () => {
    expect(safeBrowsingCanonical('https://www.jd.com@evil.example:8443/x')).toBe('https://evil.example/x')
    expect(safeBrowsingCanonical('http://例子.测试/路径')).toBe(
      'http://xn--fsqu00a.xn--0zwm56d/%E8%B7%AF%E5%BE%84',
    )
  })

  it('returns null for input with no host', () => {
    expect(safeBrowsingCanonical('')).toBeNull()
    expect(safeBrowsingCanonical('   ')).toBeNull()
    expect(safeBrowsingCanonical('http:///path')).toBeNull()
  })

  it('never throws, returns ASCII, and is idempotent on its own output', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (input) => {
        const once = safeBrowsingCanonical(input)
        if (once === null) return
        expect(once).toMatch(/^[\x21-\x7e]+$/)
        expect(safeBrowsingCanonical(once)).toBe(once)
      }),
      { seed: 5, numRuns: 1000 },
    )
  })

  it('is idempotent on generated web URLs and keeps their host', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
        const once = safeBrowsingCanonical(url)
        expect(once).not.toBeNull()
        expect(safeBrowsingCanonical(once!)).toBe(once)
        expect(once!.startsWith(`${new URL(url).protocol}//`)).toBe(true)
      }),
      { seed: 7, numRuns: 400 },
    )
  })
})

describe('safeBrowsingExpressions', () => {
  it('lists the spec example for a.b.c/1/2.html?param=1', () => {
    expect(safeBrowsingExpressions('http://a.b.c/1/2.html?param=1')).toEqual([
      'a.b.c/1/2.html?param=1',
      'a.b.c/1/2.html',
      'a.b.c/',
      'a.b.c/1/',
      'b.c/1/2.html?param=1',
      'b.c/1/2.html',
      'b.c/',
      'b.c/1/',
    ])
  })

  it('takes only the last five host components, as in the spec example', () => {
    expect(safeBrowsingExpressions('http://a.b.c.d.e.f.g/1.html')).toEqual([
      'a.b.c.d.e.f.g/1.html',
      'a.b.c.d.e.f.g/',
      'c.d.e.f.g/1.html',
      'c.d.e.f.g/',
      'd.e.f.g/1.html',
      'd.e.f.g/',
      'e.f.g/1.html',
      'e.f.g/',
      'f.g/1.html',
      'f.g/',
    ])
  })

  it('forms no host suffixes for an IP address', () => {
    expect(safeBrowsingExpressions('http://1.2.3.4/1/')).toEqual(['1.2.3.4/1/', '1.2.3.4/'])
  })

  it('caps at 5 hosts × 6 paths', () => {
    const expressions = safeBrowsingExpressions('http://a.b.c.d.e.f.g/1/2/3/4/5/6.html?q=1')
    expect(expressions).toHaveLength(30)
    expect(new Set(expressions).size).toBe(30)
    expect(expressions).toContain('f.g/1/2/3/')
    expect(expressions).not.toContain('f.g/1/2/3/4/')
  })

  it('makes a listed domain match any page under it and its subdomains', () => {
    const listed = listingExpression('http://evil.example/')
    expect(safeBrowsingExpressions('https://login.evil.example/a/b?c=d')).toContain(listed)
    expect(safeBrowsingExpressions('https://notevil.example/')).not.toContain(listed)
  })
})

describe('hashing', () => {
  it('matches the FIPS-180-2 prefixes the spec quotes', () => {
    expect(toHex(fullHash('abc')).slice(0, 8)).toBe('ba7816bf')
    expect(hashPrefix('abc')).toBe(0xba7816bf)
    expect(toHex(fullHash('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).slice(0, 12)).toBe(
      '248d6a61d206',
    )
  })

  it('round-trips hex and rejects malformed hex', () => {
    expect(toHex(fromHex('00ff10')!)).toBe('00ff10')
    expect(fromHex('abc')).toBeNull()
    expect(fromHex('zz')).toBeNull()
  })
})
