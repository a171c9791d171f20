import { describe, expect, it } from 'vitest'
import { canonicaliseLink } from '../../src/core/links/canonical-link.js'
import { loadPeer } from './peer-data.js'

interface Case {
  test: string
  input: string
  options?: Record<string, unknown> | null
  expected: string
}

// Where normalize-url's defaults overlap Hutong's canonical form: scheme, host (lower case, punycode,
// trailing dot) and default-port removal. Hutong keeps `www.`, the trailing slash, query order and
// encoding (docs/links.md: a canonical URL must name the same resource), so those parts are not compared.
const APPLIES = new Set([
  'main',
  'removeExplicitPort option',
  'prevents homograph attack',
  'invalid urls',
  'ignore custom schemes',
])
const cases = loadPeer<Case[]>('normalize-url.cases.json').filter(
  (c) => APPLIES.has(c.test) && (c.options == null || Object.keys(c.options).length === 0),
)

function origin(url: string): string {
  const u = new URL(url)
  return `${u.protocol}//${u.hostname.replace(/^www\./, '')}${u.port === '' ? '' : `:${u.port}`}`
}

describe('normalize-url cases: canonical origin', () => {
  it.each(cases)('$test: $input', ({ input, expected }) => {
    const link = canonicaliseLink(input)
    if (!URL.canParse(expected) || !/^https?:/.test(expected)) {
      // Invalid or non-http input: normalize-url throws or leaves it alone; Hutong returns null.
      expect(link).toBeNull()
      return
    }
    expect(link).not.toBeNull()
    expect(origin(link!.url)).toBe(origin(expected))
  })
})
