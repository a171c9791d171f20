/**
 * A bounded memo for the hot path: two generations of plain Maps. New entries go into the young
 * generation; when it is full it becomes the old one and the previous old generation is dropped whole.
 * A hit in the old generation moves the entry back to the young one, so what is used stays.
 *
 * Holds at most 2 × `limit` cost units (by default each entry costs 1). Compared with a true LRU it
 * evicts a little early, in bulk, and costs one Map lookup per hit (`bench/hot-cache.bench.ts`
 * measures it against lru-cache).
 * @example const memo = new HotCache<string, number>({ limit: 1000 }); memo.set('a', 1); memo.get('a') // 1
 */
export class HotCache<K, V> {
  #young = new Map<K, V>()
  #old = new Map<K, V>()
  #youngCost = 0
  readonly #limit: number
  readonly #cost: ((value: V, key: K) => number) | undefined

  constructor(options: { limit: number; cost?: (value: V, key: K) => number }) {
    if (!(options.limit > 0)) throw new RangeError('HotCache limit must be positive')
    this.#limit = options.limit
    this.#cost = options.cost
  }

  get(key: K): V | undefined {
    const young = this.#young.get(key)
    if (young !== undefined) return young
    const old = this.#old.get(key)
    if (old !== undefined) {
      this.#old.delete(key)
      this.set(key, old)
    }
    return old
  }

  set(key: K, value: V): void {
    const cost = this.#cost === undefined ? 1 : this.#cost(value, key)
    // An entry bigger than a generation would evict everything for nothing: it is not kept.
    if (cost > this.#limit) return
    if (this.#youngCost + cost > this.#limit) {
      this.#old = this.#young
      this.#young = new Map()
      this.#youngCost = 0
    }
    // A key already young is overwritten; its old cost stays counted until the generation turns.
    this.#young.set(key, value)
    this.#youngCost += cost
  }

  /** Entries held now, in both generations (a key in both counts once). */
  get size(): number {
    let size = this.#young.size
    for (const key of this.#old.keys()) if (!this.#young.has(key)) size++
    return size
  }

  clear(): void {
    this.#young = new Map()
    this.#old = new Map()
    this.#youngCost = 0
  }
}
