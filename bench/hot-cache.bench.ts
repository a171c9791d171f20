import { LRUCache } from 'lru-cache'
import { HotCache } from '../src/core/hot-cache.js'
import { opsPerSecond, type BenchResult } from './harness.js'

/**
 * The inspect memos (core/hot-cache.ts) against lru-cache, the well-kept library they replace, on
 * the same workload in this run: URL-like keys drawn from a Zipf-like popularity curve, as links are
 * shared in chat, with a miss filled by a set. Also the hit rate each keeps at the same capacity.
 */
const KEYS = 200_000
const CAPACITY = 20_000
const LOOKUPS = 10_000

function zipfKeys(count: number): string[] {
  // Inverse-transform sampling of a Zipf(s≈1) rank, deterministic for the same run.
  let seed = 42
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31
  const out: string[] = []
  for (let i = 0; i < count; i++) {
    const rank = Math.floor(Math.exp(random() * Math.log(KEYS)))
    out.push(`https://item.example.com/${rank}.html`)
  }
  return out
}

interface Memo {
  get(key: string): number | undefined
  set(key: string, value: number): unknown
}

export async function run(): Promise<BenchResult[]> {
  // Each key is built anew for each lookup, as a request's text is: a fresh string, hashed afresh.
  const workload = zipfKeys(LOOKUPS).map((key) => key.split('/'))
  const getOrSetRate = (memo: Memo) =>
    opsPerSecond(
      () => {
        for (const parts of workload) {
          const key = parts.join('/')
          if (memo.get(key) === undefined) memo.set(key, key.length)
        }
      },
      2_000,
      LOOKUPS,
    )
  const hotOps = await getOrSetRate(new HotCache<string, number>({ limit: CAPACITY / 2 }))
  const lruOps = await getOrSetRate(new LRUCache<string, number>({ max: CAPACITY }))
  const rate = (cache: Memo) => {
    let hits = 0
    const keys = zipfKeys(200_000)
    for (const key of keys) {
      if (cache.get(key) === undefined) cache.set(key, 1)
      else hits++
    }
    return hits / keys.length
  }
  const hotRate = rate(new HotCache<string, number>({ limit: CAPACITY / 2 }))
  const lruRate = rate(new LRUCache<string, number>({ max: CAPACITY }))
  return [
    {
      name: 'memo get-or-set, Zipf keys, 20k capacity',
      value: hotOps,
      unit: 'ops/s',
      baseline: 'lru-cache 11',
      baselineValue: lruOps,
      ratio: hotOps / lruOps,
      target: '≥ 1 (the hand-written memo must beat the library)',
    },
    {
      name: 'memo hit rate, same workload and capacity',
      value: hotRate * 100,
      unit: '%',
      baseline: 'lru-cache 11 hit rate',
      baselineValue: lruRate * 100,
      ratio: hotRate / lruRate,
    },
  ]
}
