import type { ThreatKind } from './threat-entry.js'
import { THREAT_KINDS } from './threat-entry.js'

/** A feed the set was built from, and when it was last imported. */
export interface ThreatSource {
  name: string
  importedAt: number
  entries: number
}

/** Metadata shared by many entries: a source, a kind and an `addedAt` rounded down to the set's granularity. */
export interface EntryGroupTable {
  source: Uint16Array
  kind: Uint8Array
  addedAt: Float64Array
}

/** The arrays a `ThreatSet` is made of; only `ThreatSetBuilder` should assemble one. */
export interface ThreatSetLayout {
  /** `bucketStart[b]..bucketStart[b+1]` are the entries whose prefix has top 16 bits `b` (65,537 items). */
  bucketStart: Uint32Array
  /** Low 16 bits of each entry's 4-byte prefix; sorted within a bucket. */
  low: Uint16Array
  /** Bytes 4–5 of each entry's hash, sorted within equal `low`. */
  check: Uint16Array
  /** Index into `groups`, per entry: Uint8Array while there are at most 256 groups. */
  group: Uint8Array | Uint16Array
  groups: EntryGroupTable
  sources: readonly ThreatSource[]
  refreshedAt: number
}

/** What the set knows about one entry without touching the full-hash store. */
export interface ThreatSetEntry {
  prefix: number
  check: number
  source: string
  kind: ThreatKind
  addedAt: number
  sourceImportedAt: number
}

/**
 * An immutable set of hashed threat expressions: a 16-bit bucket index over 2-byte prefix tails, a 2-byte
 * check word and a 1–2 byte metadata group per entry (4–6 bytes per entry). Swap a whole set to update.
 * @example const indices = set.candidates(prefixOf(hash), checkWordOf(hash))
 */
export class ThreatSet {
  readonly size: number
  readonly refreshedAt: number
  readonly sources: readonly ThreatSource[]
  private readonly layout: ThreatSetLayout

  constructor(layout: ThreatSetLayout) {
    this.layout = layout
    this.size = layout.low.length
    this.refreshedAt = layout.refreshedAt
    this.sources = layout.sources
  }

  /**
   * The arrays behind the set, for snapshots; they are shared, so never write to them.
   * @example serializeThreatSet(set) // uses set.arrays()
   */
  arrays(): Readonly<ThreatSetLayout> {
    return this.layout
  }

  /**
   * The same data, marked as confirmed current at `now` (the arrays are shared, not copied).
   * @example current = current.touched(now)
   */
  touched(now: number): ThreatSet {
    return new ThreatSet({ ...this.layout, refreshedAt: now })
  }

  /**
   * Indices of the entries whose first 6 hash bytes equal `prefix` and `check`.
   * @example set.candidates(0xba7816bf, 0x8f01)
   */
  candidates(prefix: number, check: number): number[] {
    const found: number[] = []
    const { low, check: checks } = this.layout
    const tail = prefix & 0xffff
    const [start, end] = this.bucket(prefix)
    for (let i = lowerBound(low, start, end, tail); i < end && low[i] === tail; i++) {
      if (checks[i] === check) found.push(i)
    }
    return found
  }

  /**
   * Whether any entry starts with these 6 hash bytes: the allocation-free form of `candidates`.
   * @example set.has(prefix, check)
   */
  has(prefix: number, check: number): boolean {
    const { low, check: checks } = this.layout
    const tail = prefix & 0xffff
    const [start, end] = this.bucket(prefix)
    for (let i = lowerBound(low, start, end, tail); i < end && low[i] === tail; i++) {
      if (checks[i] === check) return true
    }
    return false
  }

  /**
   * Indices of every entry with this 4-byte prefix, whatever its check word (for private lookups).
   * @example set.withPrefix(0xba7816bf)
   */
  withPrefix(prefix: number): number[] {
    const found: number[] = []
    const { low } = this.layout
    const tail = prefix & 0xffff
    const [start, end] = this.bucket(prefix)
    for (let i = lowerBound(low, start, end, tail); i < end && low[i] === tail; i++) found.push(i)
    return found
  }

  /**
   * An entry's prefix, check word and metadata.
   * @example set.entry(set.candidates(prefix, check)[0])
   */
  entry(index: number): ThreatSetEntry | null {
    const { low, check, group, groups, bucketStart } = this.layout
    const tail = low[index]
    const checkWord = check[index]
    const groupIndex = group[index]
    if (tail === undefined || checkWord === undefined || groupIndex === undefined) return null
    const sourceIndex = groups.source[groupIndex] ?? 0
    const source = this.sources[sourceIndex]
    return {
      prefix: ((upperBound(bucketStart, index) - 1) * 0x10000 + tail) >>> 0,
      check: checkWord,
      source: source?.name ?? '',
      kind: THREAT_KINDS[groups.kind[groupIndex] ?? 0] ?? 'url',
      addedAt: groups.addedAt[groupIndex] ?? 0,
      sourceImportedAt: source?.importedAt ?? 0,
    }
  }

  /**
   * Bytes held by the typed arrays (the resident cost of the set, apart from a few small objects).
   * @example set.byteLength() / set.size // ≈ 5 or 6
   */
  byteLength(): number {
    const { bucketStart, low, check, group, groups } = this.layout
    return (
      bucketStart.byteLength +
      low.byteLength +
      check.byteLength +
      group.byteLength +
      groups.source.byteLength +
      groups.kind.byteLength +
      groups.addedAt.byteLength
    )
  }

  private bucket(prefix: number): [number, number] {
    const top = prefix >>> 16
    return [this.layout.bucketStart[top] ?? 0, this.layout.bucketStart[top + 1] ?? 0]
  }
}

/**
 * First index in [start, end) whose value is >= `value`. Tails are uniform within a bucket, so an
 * interpolated guess lands within a few slots (one cache line) of the answer; walk from there.
 */
function lowerBound(values: Uint16Array, start: number, end: number, value: number): number {
  if (start >= end) return start
  let i = start + Math.floor(((end - start) * value) / 0x10000)
  while (i < end && (values[i] ?? 0) < value) i++
  while (i > start && (values[i - 1] ?? 0) >= value) i--
  return i
}

/** First bucket whose start is > `index`: the bucket holding `index` is the one before. */
function upperBound(bucketStart: Uint32Array, index: number): number {
  let lo = 0
  let hi = bucketStart.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((bucketStart[mid] ?? 0) <= index) lo = mid + 1
    else hi = mid
  }
  return lo
}
