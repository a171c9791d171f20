import v8 from 'node:v8'
import vm from 'node:vm'
import { fullHash, listingExpression } from '../src/core/links/safe-browsing.js'
import { DEFAULT_FRESHNESS } from '../src/core/safety/freshness.js'
import { MapFullHashStore } from '../src/core/safety/full-hash-store.js'
import { matchUrl } from '../src/core/safety/match-url.js'
import type { ThreatSet } from '../src/core/safety/threat-set.js'
import { ThreatSetBuilder } from '../src/core/safety/threat-set-builder.js'
import { deserializeThreatSet, serializeThreatSet } from '../src/core/safety/threat-set-snapshot.js'
import type { BenchResult } from './harness.js'

// Synthetic data only: hosts under the reserved `.example` TLD. At 10M entries the prefixes come from a
// seeded PRNG instead of 10M SHA-256 calls; SHA-256 output is uniform, so the layout and timings match.
const NOW = Date.UTC(2024, 5, 1)
const PROBES = 1 << 20

v8.setFlagsFromString('--expose-gc')
const collect = vm.runInNewContext('gc') as () => void

function settle(): NodeJS.MemoryUsage {
  for (let i = 0; i < 3; i++) collect()
  return process.memoryUsage()
}

function xorshift(seed: number): () => number {
  let state = seed >>> 0 || 1
  return () => {
    state ^= state << 13
    state >>>= 0
    state ^= state >>> 17
    state ^= state << 5
    state >>>= 0
    return state
  }
}

function syntheticUrl(i: number): string {
  const url = `https://h${i.toString(36)}.phish${i % 997}.example/login/${i}?session=${(i * 2654435761) >>> 0}`
  // Flatten the rope a template literal builds, so the baseline pays for one plain string per URL.
  return url.normalize()
}

interface Built {
  set: ThreatSet
  /** Time in `ThreatSetBuilder.build` (sort and pack) alone. */
  buildMs: number
  /** Adding the rows plus building: what a reload from row data costs, apart from reading the rows. */
  loadMs: number
  arrayBufferDelta: number
  rssDelta: number
  probePrefixes: Uint32Array
  probeChecks: Uint16Array
}

function buildSynthetic(n: number, seed: number): Built {
  const before = settle()
  const started = performance.now()
  const { set, probePrefixes, probeChecks, buildMs } = fillAndBuild(n, seed)
  const loadMs = performance.now() - started
  // The builder is out of scope here, so the settled figure is the set alone (plus the probes, subtracted).
  const after = settle()
  return {
    set,
    buildMs,
    loadMs,
    arrayBufferDelta:
      after.arrayBuffers - before.arrayBuffers - probePrefixes.byteLength - probeChecks.byteLength,
    rssDelta: after.rss - before.rss,
    probePrefixes,
    probeChecks,
  }
}

function fillAndBuild(
  n: number,
  seed: number,
): Pick<Built, 'set' | 'probePrefixes' | 'probeChecks' | 'buildMs'> {
  const random = xorshift(seed)
  const builder = new ThreatSetBuilder({ initialCapacity: n })
  const groups = ['urlhaus', 'phishtank', 'openphish', 'list'].map((source, i) =>
    builder.groupFor(source, i === 3 ? 'domain' : 'url', NOW - i * 3_600_000),
  )
  const probePrefixes = new Uint32Array(PROBES)
  const probeChecks = new Uint16Array(PROBES)
  for (let i = 0; i < n; i++) {
    const prefix = random()
    const check = random() & 0xffff
    builder.addHashed(prefix, check, groups[i & 3] ?? 0)
    // 1% of probes are listed entries, the rest random: most traffic is clean.
    if (i < PROBES && i % 100 === 0) {
      probePrefixes[i] = prefix
      probeChecks[i] = check
    }
  }
  for (let i = 0; i < PROBES; i++) {
    if (i % 100 !== 0) {
      probePrefixes[i] = random()
      probeChecks[i] = random() & 0xffff
    }
  }
  const started = performance.now()
  const set = builder.build(NOW)
  return { set, probePrefixes, probeChecks, buildMs: performance.now() - started }
}

function setLookupsPerSecond(built: Built): number {
  const { set, probePrefixes, probeChecks } = built
  let hits = 0
  const rounds = 4
  const started = performance.now()
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < PROBES; i++) if (set.has(probePrefixes[i]!, probeChecks[i]!)) hits++
  }
  const seconds = (performance.now() - started) / 1000
  if (hits < (rounds * PROBES) / 200) throw new Error(`expected about 1% hits, got ${hits}`)
  return (rounds * PROBES) / seconds
}

interface Baseline {
  set: Set<string>
  bytes: number
  buildMs: number
  lookupsPerSecond: number
}

function buildStringSet(n: number): Baseline {
  const before = settle()
  const started = performance.now()
  const set = new Set<string>()
  for (let i = 0; i < n; i++) set.add(syntheticUrl(i))
  const buildMs = performance.now() - started
  const after = settle()
  const probes = Array.from({ length: 1 << 16 }, (_, i) =>
    i % 100 === 0 ? syntheticUrl(i * 7) : syntheticUrl(n + i),
  )
  let hits = 0
  const rounds = 32
  const t = performance.now()
  for (let r = 0; r < rounds; r++) for (const probe of probes) if (set.has(probe)) hits++
  const lookupsPerSecond = (rounds * probes.length * 1000) / (performance.now() - t)
  if (hits === 0) throw new Error('baseline found nothing')
  return { set, bytes: after.heapUsed - before.heapUsed, buildMs, lookupsPerSecond }
}

function endToEndUrlsPerSecond(): { ours: number; baseline: number } {
  const listed = Array.from({ length: 10_000 }, (_, i) => fullHash(listingExpression(syntheticUrl(i))!))
  const builder = new ThreatSetBuilder()
  for (const hash of listed) builder.add({ fullHash: hash, source: 'urlhaus', kind: 'url', addedAt: NOW })
  const set = builder.build(NOW)
  const options = { now: NOW, freshness: DEFAULT_FRESHNESS, fullHashes: MapFullHashStore.from(listed) }
  const strings = new Set(Array.from({ length: 10_000 }, (_, i) => syntheticUrl(i)))
  const urls = Array.from({ length: 20_000 }, (_, i) => syntheticUrl(i * 5))
  let found = 0
  for (const url of urls.slice(0, 2_000)) found += matchUrl(set, url, options).length // warm-up
  let started = performance.now()
  for (const url of urls) found += matchUrl(set, url, options).length
  const ours = (urls.length * 1000) / (performance.now() - started)
  started = performance.now()
  for (let r = 0; r < 100; r++) for (const url of urls) if (strings.has(url)) found++
  const baseline = (100 * urls.length * 1000) / (performance.now() - started)
  if (found === 0) throw new Error('end-to-end found nothing')
  return { ours, baseline }
}

export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = []
  const baseline = buildStringSet(1_000_000)
  const baselineBytesPerEntry = baseline.bytes / 1_000_000
  const baselineLookups = baseline.lookupsPerSecond
  const baselineBuildMs = baseline.buildMs
  baseline.set.clear()

  for (const n of [1_000_000, 10_000_000]) {
    // Yield between phases so a harness running several benches stays responsive.
    await new Promise((resolve) => setImmediate(resolve))
    const built = buildSynthetic(n, n)
    const label = n === 1_000_000 ? '1M' : '10M'
    const baselineLabel =
      n === 1_000_000 ? 'JS Set of 1M URL strings' : 'JS Set of URL strings, 1M ×10 (extrapolated linearly)'
    const bytes = built.set.byteLength()
    const setBytes = baselineBytesPerEntry * n
    results.push({
      name: `threat set size at ${label} entries (typed arrays)`,
      value: bytes / 2 ** 20,
      unit: 'MiB',
      baseline: baselineLabel,
      baselineValue: setBytes / 2 ** 20,
      ratio: bytes / setBytes,
      ...(n === 10_000_000 ? { target: '≤ 64 MiB' } : {}),
    })
    results.push({
      name: `threat set resident growth at ${label} (process.memoryUsage arrayBuffers Δ)`,
      value: built.arrayBufferDelta / 2 ** 20,
      unit: 'MiB',
      baseline: baselineLabel,
      baselineValue: setBytes / 2 ** 20,
      ratio: built.arrayBufferDelta / setBytes,
    })
    results.push({
      name: `threat set resident growth at ${label} (process.memoryUsage rss Δ)`,
      value: built.rssDelta / 2 ** 20,
      unit: 'MiB',
      baseline: baselineLabel,
      baselineValue: setBytes / 2 ** 20,
      ratio: built.rssDelta / setBytes,
      ...(n === 10_000_000 ? { target: '≤ 64 MiB' } : {}),
    })
    const lookups = setLookupsPerSecond(built)
    results.push({
      name: `threat set lookups/s at ${label} (one expression hash each, 1% hits)`,
      value: lookups,
      unit: 'lookups/s',
      baseline: 'JS Set.has(url) at 1M',
      baselineValue: baselineLookups,
      ratio: lookups / baselineLookups,
      target: '≥ 1,000,000/s',
    })
    if (n === 10_000_000) {
      const snapshot = serializeThreatSet(built.set)
      const restoreStarted = performance.now()
      const restored = deserializeThreatSet(snapshot)
      const restoreMs = performance.now() - restoreStarted
      if (restored?.size !== built.set.size) throw new Error('snapshot did not round-trip')
      results.push({
        name: `threat set reload from a ${(snapshot.byteLength / 2 ** 20).toFixed(0)} MiB snapshot, 10M entries`,
        value: restoreMs,
        unit: 'ms',
        baseline: 'add 10M hashed rows and build',
        baselineValue: built.loadMs,
        ratio: restoreMs / built.loadMs,
        target: '≤ 2000 ms',
      })
      results.push({
        name: 'threat set load: add 10M hashed rows, then build (incl. generating them)',
        value: built.loadMs,
        unit: 'ms',
        baseline: 'JS Set of URL strings, 1M build ×10 (extrapolated)',
        baselineValue: baselineBuildMs * 10,
        ratio: built.loadMs / (baselineBuildMs * 10),
        target: '≤ 2000 ms',
      })
      results.push({
        name: 'threat set build() alone (sort + pack), 10M entries',
        value: built.buildMs,
        unit: 'ms',
        baseline: 'JS Set of URL strings, 1M build ×10 (extrapolated)',
        baselineValue: baselineBuildMs * 10,
        ratio: built.buildMs / (baselineBuildMs * 10),
      })
    }
  }

  const endToEnd = endToEndUrlsPerSecond()
  results.push({
    name: 'URL checks/s end to end (canonicalise + ≤30 SHA-256 + lookup + confirm)',
    value: endToEnd.ours,
    unit: 'urls/s',
    baseline: 'JS Set.has(raw url), no canonicalisation',
    baselineValue: endToEnd.baseline,
    ratio: endToEnd.ours / endToEnd.baseline,
  })
  return results
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await run()) console.log(r)
}
