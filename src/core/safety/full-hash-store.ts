import { prefixOf } from '../links/safe-browsing.js'

/**
 * Where full hashes live for confirming a prefix hit. The in-memory set keeps only 6 bytes per entry, so
 * a database-backed store fetches the rows for the few candidate prefixes first, then answers from them.
 */
export interface FullHashStore {
  /** Every stored full hash whose first 4 bytes equal `prefix`. */
  fullHashesFor(prefix: number): readonly Uint8Array[]
}

/**
 * A `FullHashStore` held in a Map: for tests, small sets, and the rows a service fetched for one lookup.
 * @example const store = MapFullHashStore.from(entries.map((entry) => entry.fullHash))
 */
export class MapFullHashStore implements FullHashStore {
  private readonly byPrefix = new Map<number, Uint8Array[]>()

  static from(hashes: Iterable<Uint8Array>): MapFullHashStore {
    const store = new MapFullHashStore()
    for (const hash of hashes) store.add(hash)
    return store
  }

  add(hash: Uint8Array): void {
    if (hash.length !== 32) return
    const prefix = prefixOf(hash)
    const list = this.byPrefix.get(prefix)
    if (list === undefined) this.byPrefix.set(prefix, [hash])
    else if (!list.some((known) => sameBytes(known, hash))) list.push(hash)
  }

  fullHashesFor(prefix: number): readonly Uint8Array[] {
    return this.byPrefix.get(prefix) ?? []
  }
}

/**
 * Whether `store` holds exactly `hash`.
 * @example storeHas(store, fullHash('evil.example/'))
 */
export function storeHas(store: FullHashStore, hash: Uint8Array): boolean {
  return store.fullHashesFor(prefixOf(hash)).some((known) => sameBytes(known, hash))
}

/**
 * Byte-wise equality of two arrays.
 * @example sameBytes(a, b)
 */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}
