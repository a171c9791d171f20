import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { recogniseLinks, type RememberedLink } from './recognise-links.js'
import { HotCache } from '../hot-cache.js'
import { extract } from './extract.js'
import { testRegistry } from '../../../test/peers/test-registry.js'

const registry = testRegistry()

// Text built from the pieces that matter to the scanner, so random inputs reach deep states.
const piece = fc.constantFrom(
  'http://',
  'https://',
  'HTTPS://',
  'www.',
  'jd.com',
  'b23.tv',
  '.',
  '..',
  '/',
  '?',
  '=',
  '&',
  '#',
  ':',
  '@',
  '(',
  ')',
  '[',
  ']',
  ',',
  ' ',
  '\n',
  '哈',
  '，',
  '。',
  '【',
  '】',
  '😂',
  'ｈｔｔｐｓ：／／',
  'ｊｄ．ｃｏｍ',
  '￥',
  'abc',
  '123',
  '-',
  '_',
  'xn--fiqs8s',
  '例子.中国',
  '%E4',
  "'",
  '"',
  '<',
  '\u200d',
  '\ud83d',
  'm.tb.cn/h.',
  '【淘宝】',
)
const chatText = fc.oneof(
  fc.array(piece, { maxLength: 40 }).map((p) => p.join('')),
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 100 }),
)

describe('recogniseLinks properties (seeded)', () => {
  it('spans lie inside the input, are sorted, never overlap, and raw is the slice', () => {
    fc.assert(
      fc.property(chatText, (text) => {
        const links = recogniseLinks(text, registry)
        let previousEnd = 0
        for (const link of links) {
          expect(link.start).toBeGreaterThanOrEqual(previousEnd)
          expect(link.end).toBeGreaterThan(link.start)
          expect(link.end).toBeLessThanOrEqual(text.length)
          expect(text.slice(link.start, link.end)).toBe(link.raw)
          expect(() => new URL(link.url)).not.toThrow()
          previousEnd = link.end
        }
      }),
      { seed: 20211129, numRuns: 3000 },
    )
  })
  it('never throws, and shares point at existing links', () => {
    fc.assert(
      fc.property(chatText, (text) => {
        const { links, shares } = extract(text, registry)
        for (const share of shares)
          if (share.linkIndex !== undefined) expect(links[share.linkIndex]).toBeDefined()
      }),
      { seed: 917, numRuns: 2000 },
    )
  })
  it('finds a link the same way wherever it sits between spaces', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.string({ maxLength: 30 }), (before, after) => {
        const text = `${before} https://b23.tv/AbC ${after}`
        const link = recogniseLinks(text).find((l) => l.start === before.length + 1)
        expect(link?.raw).toBe('https://b23.tv/AbC')
      }),
      { seed: 3, numRuns: 500 },
    )
  })
  it('finds the same links with a memo shared across messages as without one', () => {
    // Small: generations turn over, so entries are dropped and found again as the run goes on.
    const memo = new HotCache<string, RememberedLink>({ limit: 64 })
    fc.assert(
      fc.property(fc.array(chatText, { minLength: 1, maxLength: 5 }), (texts) => {
        for (const text of texts) {
          const found = recogniseLinks(text, registry, memo)
          expect(found).toEqual(recogniseLinks(text, registry))
          // What a caller does with its answer does not reach the memo.
          for (const link of found) link.flags.push('credentials')
          expect(extract(text, registry, memo)).toEqual(extract(text, registry))
        }
      }),
      { seed: 2026, numRuns: 2000 },
    )
  })
})
