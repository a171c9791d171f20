import { describe, expect, it } from 'vitest'
import { fullHash, prefixOf } from '../links/safe-browsing.js'
import { DEFAULT_FRESHNESS } from './freshness.js'
import { MapFullHashStore } from './full-hash-store.js'
import { matchUrl } from './match-url.js'
import { checkWordOf } from './threat-entry.js'
import { ThreatSetBuilder } from './threat-set-builder.js'
import { deserializeThreatSet, serializeThreatSet } from './threat-set-snapshot.js'

const NOW = Date.UTC(2024, 5, 1)

function sampleSet(groups: number) {
  const builder = new ThreatSetBuilder({ timeGranularityMs: 1000 })
  builder.declareSource('urlhaus', NOW)
  const hashes = Array.from({ length: 3000 }, (_, i) => fullHash(`h${i}.example/`))
  hashes.forEach((hash, i) =>
    builder.add({
      fullHash: hash,
      source: i % 3 ? 'urlhaus' : 'list',
      kind: i % 2 ? 'url' : 'domain',
      addedAt: NOW - (i % groups) * 1000,
    }),
  )
  return { set: builder.build(NOW), hashes }
}

describe('threat set snapshots', () => {
  it.each([3, 1000])('round-trips a set with %i time groups, answering lookups identically', (groups) => {
    const { set, hashes } = sampleSet(groups)
    const restored = deserializeThreatSet(serializeThreatSet(set))
    expect(restored).not.toBeNull()
    expect(restored!.size).toBe(set.size)
    expect(restored!.sources).toEqual(set.sources)
    expect(restored!.byteLength()).toBe(set.byteLength())
    for (const hash of hashes.slice(0, 500)) {
      const [a] = set.candidates(prefixOf(hash), checkWordOf(hash))
      const [b] = restored!.candidates(prefixOf(hash), checkWordOf(hash))
      expect(restored!.entry(b!)).toEqual(set.entry(a!))
    }
    const options = { now: NOW, freshness: DEFAULT_FRESHNESS, fullHashes: MapFullHashStore.from(hashes) }
    expect(matchUrl(restored!, 'http://h7.example/x', options)).toEqual(
      matchUrl(set, 'http://h7.example/x', options),
    )
  })

  it('rejects truncated, foreign or inconsistent bytes', () => {
    const bytes = serializeThreatSet(sampleSet(3).set)
    expect(deserializeThreatSet(bytes.subarray(0, bytes.length - 100))).toBeNull()
    expect(deserializeThreatSet(new Uint8Array(64))).toBeNull()
    const tampered = bytes.slice()
    new DataView(tampered.buffer).setUint32(4, 5, true) // entry count no longer matches the index
    expect(deserializeThreatSet(tampered)).toBeNull()
  })
})
