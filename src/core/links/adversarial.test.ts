import { describe, expect, it } from 'vitest'
import { testRegistry } from '../../../test/peers/test-registry.js'
import { extract } from './extract.js'
import { recogniseLinks } from './recognise-links.js'

const MIB = 1024 * 1024
const registry = testRegistry()

function repeat(unit: string): string {
  return unit.repeat(Math.ceil(MIB / unit.length)).slice(0, MIB)
}

// Worst cases for a link scanner: each shape makes a naive one re-scan the rest of the input.
const SHAPES: Record<string, string> = {
  'long run of dots': repeat('.'),
  'http:// repeated': repeat('http://'),
  'http://a, repeated': repeat('http://a,'),
  'a.a.a.a…': repeat('a.'),
  'host then dots': `https://${repeat('a.')}`,
  'www. repeated': repeat('www.'),
  brackets: repeat('(['),
  'https://x.com/ then closers': `https://x.com/${repeat('(')}${repeat(')')}`.slice(0, MIB),
  'IPv6 opener repeated': repeat('http://['),
  'userinfo without @': `http://${repeat("a!$&'*+,;=:")}`,
  'full-width chars': repeat('ｈｔｔｐｓ：／／ａ．'),
  'full-width letters': repeat('ａ'),
  'CJK text': repeat('胡同互通链接'),
  'tokens and currency': repeat('￥abc'),
  'e-mail like': repeat('a@b.'),
}

// The machine is shared, so a timing is the best of three runs.
function bestOf3(run: () => unknown): number {
  let best = Infinity
  for (let i = 0; i < 3; i++) {
    const start = performance.now()
    run()
    best = Math.min(best, performance.now() - start)
  }
  return best
}

describe('adversarial inputs take linear time', () => {
  it.each(Object.entries(SHAPES))('1 MiB of %s in under 200 ms', (_name, text) => {
    recogniseLinks(text.slice(0, 4096), registry) // warm the JIT on the same shape
    expect(bestOf3(() => recogniseLinks(text, registry))).toBeLessThan(200)
  })
  it('1 MiB of dense real links (60k) stays well under a second', () => {
    const text = repeat('https://b23.tv/a ')
    expect(recogniseLinks(text, registry)).toHaveLength(61_681)
    expect(bestOf3(() => recogniseLinks(text, registry))).toBeLessThan(1_000)
  })
  it('extract (links and shares) stays linear on share-text-shaped input', () => {
    const text = repeat('【淘宝】https://m.tb.cn/h.x?tk=y CZ3457 「标题」 ￥abcdefgh12￥ 😆 a1B2c3D4e5 😆 ')
    expect(bestOf3(() => extract(text, registry))).toBeLessThan(2_000)
  })
})
