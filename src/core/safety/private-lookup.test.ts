import { describe, expect, it } from 'vitest'
import { fullHash, listingExpression, toHex } from '../links/safe-browsing.js'
import { DEFAULT_FRESHNESS } from './freshness.js'
import { MapFullHashStore } from './full-hash-store.js'
import {
  MAX_LOOKUP_PREFIXES,
  confirmFullHashes,
  hashPrefixesForLookup,
  matchFullHashesByPrefixes,
} from './private-lookup.js'
import { ThreatSetBuilder } from './threat-set-builder.js'

const NOW = Date.UTC(2024, 5, 1, 12)
const DAY = 86_400_000

function setup() {
  const listed = [
    { fullHash: fullHash(listingExpression('http://phish.example/')!), addedAt: NOW - 1000 },
    { fullHash: fullHash(listingExpression('http://old.example/')!), addedAt: NOW - 40 * DAY },
  ]
  const builder = new ThreatSetBuilder()
  builder.declareSource('list', NOW)
  for (const { fullHash: hash, addedAt } of listed) {
    builder.add({ fullHash: hash, addedAt, source: 'list', kind: 'domain' })
  }
  const options = {
    now: NOW,
    freshness: DEFAULT_FRESHNESS,
    fullHashes: MapFullHashStore.from(listed.map((entry) => entry.fullHash)),
  }
  return { set: builder.build(NOW), options }
}

describe('private hash-prefix lookup', () => {
  it('lets a client learn a URL is listed while sending only 4-byte prefixes', () => {
    const { set, options } = setup()
    const url = 'https://login.phish.example/account?u=1'
    const prefixes = hashPrefixesForLookup(url)
    expect(prefixes.every((prefix) => /^[0-9a-f]{8}$/.test(prefix))).toBe(true)
    expect(prefixes.join(' ')).not.toContain('phish')
    const result = matchFullHashesByPrefixes(set, prefixes, options)
    expect(result).toEqual({ ok: true, value: [toHex(fullHash('phish.example/'))] })
    if (result.ok) expect(confirmFullHashes(url, result.value)).toEqual(['phish.example/'])
  })

  it('answers nothing for an unlisted URL and for entries past their freshness', () => {
    const { set, options } = setup()
    expect(matchFullHashesByPrefixes(set, hashPrefixesForLookup('https://fine.example/'), options)).toEqual({
      ok: true,
      value: [],
    })
    expect(matchFullHashesByPrefixes(set, hashPrefixesForLookup('http://old.example/'), options)).toEqual({
      ok: true,
      value: [],
    })
  })

  it('rejects malformed prefixes and oversized batches as issues, not exceptions', () => {
    const { set, options } = setup()
    const bad = matchFullHashesByPrefixes(set, ['abcd', 'zzzzzzzz'], options)
    expect(bad.ok).toBe(false)
    if (!bad.ok)
      expect(bad.issues[0]).toMatchObject({ code: 'THREAT_LOOKUP_PREFIX_INVALID', path: ['prefixes', 0] })
    const many = matchFullHashesByPrefixes(set, Array(MAX_LOOKUP_PREFIXES + 1).fill('00000000'), options)
    expect(many.ok).toBe(false)
  })
})
