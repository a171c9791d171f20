import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { extract } from './extract.js'
import { testRegistry } from '../../../test/peers/test-registry.js'

const registry = testRegistry()
const lines = readFileSync(
  new URL('../../../test/fixtures/shared-data/share_texts.txt', import.meta.url),
  'utf8',
)
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => {
    const tab = line.indexOf('\t')
    return { expected: line.slice(0, tab), text: line.slice(tab + 1).replaceAll('\\n', '\n') }
  })

describe('share_texts.txt: every real share text gets its provider', () => {
  it.each(lines)('$expected: $text', ({ expected, text }) => {
    const { links, shares } = extract(text, registry)
    // Shares name the provider; a line that is only a link is attributed through the link.
    const providers = shares.length > 0 ? shares.map((s) => s.provider) : links.map((l) => l.provider)
    expect(providers.length).toBeGreaterThan(0)
    expect(new Set(providers)).toEqual(new Set([expected]))
    for (const share of shares) {
      if (share.linkIndex !== undefined) expect(links[share.linkIndex]?.provider).toBe(expected)
    }
  })
})
