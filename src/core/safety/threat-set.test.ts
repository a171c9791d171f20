import { randomBytes } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fullHash, listingExpression, prefixOf } from '../links/safe-browsing.js'
import { DEFAULT_FRESHNESS } from './freshness.js'
import { MapFullHashStore } from './full-hash-store.js'
import { matchUrl, prefixesToConfirm } from './match-url.js'
import type { ThreatEntry, ThreatKind } from './threat-entry.js'
import { checkWordOf } from './threat-entry.js'
import { ThreatSetBuilder } from './threat-set-builder.js'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const NOW = Date.UTC(2024, 5, 1, 12)

function entryFor(url: string, source: string, kind: ThreatKind, addedAt = NOW - HOUR): ThreatEntry {
  return { fullHash: fullHash(listingExpression(url)!), source, kind, addedAt }
}

function buildWith(entries: ThreatEntry[], refreshedAt = NOW) {
  const builder = new ThreatSetBuilder()
  for (const entry of entries) builder.add(entry)
  return {
    set: builder.build(refreshedAt),
    store: MapFullHashStore.from(entries.map((entry) => entry.fullHash)),
  }
}

describe('ThreatSet', () => {
  it('finds every added hash and (at 48 bits) none of 100k random others', () => {
    const hashes = Array.from({ length: 20_000 }, () => new Uint8Array(randomBytes(32)))
    const builder = new ThreatSetBuilder({ initialCapacity: 16 })
    for (const hash of hashes) builder.add({ fullHash: hash, source: 'synthetic', kind: 'url', addedAt: NOW })
    const set = builder.build(NOW)
    expect(set.size).toBe(20_000)
    for (const hash of hashes) expect(set.has(prefixOf(hash), checkWordOf(hash))).toBe(true)
    let falseHits = 0
    for (let i = 0; i < 100_000; i++) {
      const probe = randomBytes(6)
      if (set.has(prefixOf(probe), checkWordOf(probe))) falseHits++
    }
    expect(falseHits).toBeLessThan(3)
  })

  it('agrees with a plain Set of 48-bit keys on any entries and probes', () => {
    // Crowd some keys into one bucket, and some onto a handful of prefixes, to exercise the in-bucket walk.
    const prefix = fc.oneof(
      fc.integer({ min: 0, max: 0xffffffff }),
      fc.integer({ min: 0x12340000, max: 0x1234ffff }),
      fc.integer({ min: 0x12340000, max: 0x12340004 }),
    )
    const key = fc.record({ prefix, check: fc.integer({ min: 0, max: 3 }) })
    fc.assert(
      fc.property(fc.array(key, { maxLength: 300 }), fc.array(key, { maxLength: 100 }), (entries, probes) => {
        const builder = new ThreatSetBuilder({ initialCapacity: 16 })
        const group = builder.groupFor('s', 'url', NOW)
        for (const { prefix, check } of entries) builder.addHashed(prefix, check, group)
        const set = builder.build(NOW)
        const model = new Set(entries.map(({ prefix, check }) => prefix * 0x10000 + check))
        expect(set.size).toBe(model.size)
        for (const { prefix, check } of [...entries, ...probes]) {
          expect(set.has(prefix, check)).toBe(model.has(prefix * 0x10000 + check))
        }
        for (const { prefix } of entries) {
          const found = set.withPrefix(prefix).map((index) => set.entry(index)?.prefix)
          expect(found.every((p) => p === prefix)).toBe(true)
        }
      }),
      { seed: 17, numRuns: 300 },
    )
  })

  it('builds an empty set that matches nothing', () => {
    const set = new ThreatSetBuilder().build(NOW)
    expect(set.size).toBe(0)
    expect(set.has(0, 0)).toBe(false)
    expect(set.candidates(0xffffffff, 0xffff)).toEqual([])
  })

  it('packs a few-source set into 5 bytes per entry plus the bucket index', () => {
    const builder = new ThreatSetBuilder()
    for (let i = 0; i < 50_000; i++) {
      builder.add({
        fullHash: fullHash(`host${i}.example/`),
        source: i % 2 ? 'a' : 'b',
        kind: 'url',
        addedAt: NOW,
      })
    }
    const set = builder.build(NOW)
    expect(set.byteLength()).toBeLessThan(50_000 * 5 + 65_537 * 4 + 1024)
  })

  it('keeps one entry per (hash, source, kind, time group) and reports each source of a shared hash', () => {
    const a = entryFor('http://evil.example/login', 'urlhaus', 'url')
    const b = entryFor('http://evil.example/login', 'openphish', 'url')
    const { set, store } = buildWith([a, a, b])
    expect(set.size).toBe(2)
    expect(set.sources.map((source) => source.name)).toEqual(['urlhaus', 'openphish'])
    const matches = matchUrl(set, 'http://evil.example/login', {
      now: NOW,
      freshness: DEFAULT_FRESHNESS,
      fullHashes: store,
    })
    expect(matches.map((match) => match.source).sort()).toEqual(['openphish', 'urlhaus'])
  })

  it('returns each entry with its prefix, kind and hour-rounded addedAt', () => {
    const entry = entryFor('http://evil.example/', 'list', 'domain', NOW - 90 * 60_000)
    const { set } = buildWith([entry])
    const [index] = set.candidates(prefixOf(entry.fullHash), checkWordOf(entry.fullHash))
    expect(set.entry(index!)).toMatchObject({
      prefix: prefixOf(entry.fullHash),
      source: 'list',
      kind: 'domain',
      addedAt: NOW - 2 * HOUR,
    })
  })

  it('coarsens time groups instead of overflowing 65,535 of them', () => {
    const builder = new ThreatSetBuilder({ timeGranularityMs: 1 })
    for (let i = 0; i < 70_000; i++) {
      builder.add({ fullHash: fullHash(`h${i}.example/`), source: 's', kind: 'url', addedAt: NOW - i * 1000 })
    }
    const set = builder.build(NOW)
    const hash = fullHash('h69999.example/')
    const entry = set.entry(set.candidates(prefixOf(hash), checkWordOf(hash))[0]!)
    expect(entry?.source).toBe('s')
    expect(NOW - 69_999_000 - entry!.addedAt).toBeGreaterThanOrEqual(0)
    expect(NOW - 69_999_000 - entry!.addedAt).toBeLessThan(2 * 70_000 * 1000)
  })

  it('shares arrays when touched and moves only refreshedAt', () => {
    const { set } = buildWith([entryFor('http://evil.example/', 'list', 'domain')], NOW - DAY)
    const touched = set.touched(NOW)
    expect(touched.refreshedAt).toBe(NOW)
    expect(touched.size).toBe(set.size)
    expect(touched.byteLength()).toBe(set.byteLength())
  })
})

describe('matchUrl', () => {
  const freshness = DEFAULT_FRESHNESS

  it('matches a listed domain on every page of it and its subdomains, and nothing else', () => {
    const { set, store } = buildWith([entryFor('http://evil.example/', 'list', 'domain')])
    const options = { now: NOW, freshness, fullHashes: store }
    const [match] = matchUrl(set, 'https://a.b.evil.example/deep/path?q=1', options)
    expect(match).toMatchObject({ source: 'list', expression: 'evil.example/', kind: 'domain', fresh: true })
    expect(matchUrl(set, 'https://evil.example.test/', options)).toEqual([])
    expect(matchUrl(set, 'https://notevil.example/', options)).toEqual([])
  })

  it('matches a listed URL only on that page (query included)', () => {
    const { set, store } = buildWith([entryFor('http://evil.example/pay?id=1', 'urlhaus', 'url')])
    const options = { now: NOW, freshness, fullHashes: store }
    expect(matchUrl(set, 'HTTP://EVIL.example/pay?id=1#top', options)).toHaveLength(1)
    expect(matchUrl(set, 'http://evil.example/pay?id=2', options)).toEqual([])
  })

  it('marks old entries, unrefreshed sources and an unrefreshed set as not fresh', () => {
    const old = entryFor('http://old.example/', 'urlhaus', 'url', NOW - 8 * DAY)
    const { set, store } = buildWith([old])
    const options = { now: NOW, freshness, fullHashes: store }
    expect(matchUrl(set, 'http://old.example/', options)[0]).toMatchObject({
      fresh: false,
      staleBecause: 'source-not-refreshed',
    })

    const builder = new ThreatSetBuilder()
    builder.declareSource('urlhaus', NOW - HOUR)
    builder.add(old)
    const declared = builder.build(NOW)
    expect(matchUrl(declared, 'http://old.example/', options)[0]?.staleBecause).toBe('entry-too-old')
    const lenient = { ...freshness, perSource: { urlhaus: { maxEntryAgeMs: { url: 30 * DAY } } } }
    expect(matchUrl(declared, 'http://old.example/', { ...options, freshness: lenient })[0]?.fresh).toBe(true)

    const unrefreshed = declared.touched(NOW - 2 * HOUR)
    expect(matchUrl(unrefreshed, 'http://old.example/', options)[0]?.staleBecause).toBe('set-not-refreshed')
  })

  it('does not match on a 6-byte hit the full-hash store cannot confirm', () => {
    const hash = fullHash('collide.example/')
    const builder = new ThreatSetBuilder()
    builder.addHashed(prefixOf(hash), checkWordOf(hash), builder.groupFor('x', 'domain', NOW))
    const set = builder.build(NOW)
    expect(prefixesToConfirm(set, 'http://collide.example/')).toEqual([prefixOf(hash)])
    const options = { now: NOW, freshness, fullHashes: new MapFullHashStore() }
    expect(matchUrl(set, 'http://collide.example/', options)).toEqual([])
    expect(prefixesToConfirm(set, 'http://other.example/')).toEqual([])
  })
})
