import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { canonicaliseLink } from '../../src/core/links/canonical-link.js'
import { PEERS_DIR } from './peer-data.js'

// publicsuffix/list tests/tests.txt: `checkPublicSuffix(input, expected)` lines; "null" means none.
const cases = readFileSync(`${PEERS_DIR}publicsuffix.tests.txt`, 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line !== '' && !line.startsWith('//'))
  .map((line) => {
    const [input = '', expected = ''] = line.split(/\s+/)
    return { input, expected: expected === 'null' ? null : expected }
  })

/** Hutong's registrable domain for a host as a link would carry it (punycode, lower case). */
function registrableDomain(host: string): string | null {
  if (host === 'null' || host.startsWith('.')) return null
  return canonicaliseLink(`http://${host}/`)?.facts.domain ?? null
}

function punycode(domain: string | null): string | null {
  return domain === null ? null : new URL(`http://${domain}/`).hostname
}

// Deviation (docs/links.md): hosts under a TLD missing from the ICANN list are not links, so they
// have no registrable domain in Hutong, where the PSL algorithm would apply the default `*` rule.
const UNLISTED_TLD = new Set(['example.example', 'b.example.example', 'a.b.example.example'])
// Deviation: a private suffix on its own (`uk.com`, like `github.io`) is a host someone runs, so it
// keeps its ICANN registrable domain instead of none.
const PRIVATE_SUFFIX_ITSELF = new Map([['uk.com', 'uk.com']])

describe('publicsuffix.org test vectors: registrable domain', () => {
  it.each(cases)('$input → $expected', ({ input, expected }) => {
    const want = UNLISTED_TLD.has(input) ? null : (PRIVATE_SUFFIX_ITSELF.get(input) ?? punycode(expected))
    expect(registrableDomain(input)).toBe(want)
  })
})
