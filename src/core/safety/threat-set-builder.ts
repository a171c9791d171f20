import { prefixOf } from '../links/safe-browsing.js'
import type { ThreatEntry, ThreatKind } from './threat-entry.js'
import { THREAT_KINDS, checkWordOf } from './threat-entry.js'
import type { EntryGroupTable, ThreatSource } from './threat-set.js'
import { ThreatSet } from './threat-set.js'

const BUCKETS = 0x10000
const MAX_GROUPS = 0xffff
const MAX_SOURCES = 0xffff
const HOUR = 3_600_000

export interface ThreatSetBuilderOptions {
  /** `addedAt` is rounded down to this step so entries share metadata groups; coarsened if groups overflow. */
  timeGranularityMs?: number
  initialCapacity?: number
}

interface GroupDraft {
  source: number
  kind: number
  addedAt: number
}

/**
 * Collects entries and builds an immutable `ThreatSet`; a builder is used once.
 * @example
 * const builder = new ThreatSetBuilder()
 * builder.add({ fullHash, source: 'urlhaus', addedAt: now, kind: 'url' })
 * const set = builder.build(now)
 */
export class ThreatSetBuilder {
  private readonly granularity: number
  private prefixes: Uint32Array
  private checks: Uint16Array
  private groupIds: Uint32Array
  private count = 0
  private readonly sourceIndex = new Map<string, number>()
  private readonly sources: ThreatSource[] = []
  private readonly groupIndex = new Map<string, number>()
  private readonly groups: GroupDraft[] = []
  private readonly declared = new Set<number>()

  constructor(options: ThreatSetBuilderOptions = {}) {
    this.granularity = Math.max(1, options.timeGranularityMs ?? HOUR)
    const capacity = Math.max(16, options.initialCapacity ?? 1024)
    this.prefixes = new Uint32Array(capacity)
    this.checks = new Uint16Array(capacity)
    this.groupIds = new Uint32Array(capacity)
  }

  get size(): number {
    return this.count
  }

  /**
   * Records when a source was last imported; otherwise its newest `addedAt` stands in.
   * @example builder.declareSource('urlhaus', importedAt)
   */
  declareSource(name: string, importedAt: number): number {
    const index = this.sourceFor(name)
    this.declared.add(index)
    const source = this.sources[index]
    if (source !== undefined) source.importedAt = importedAt
    return index
  }

  /**
   * The metadata group for entries of one source and kind added at about the same time.
   * @example const group = builder.groupFor('urlhaus', 'url', addedAt)
   */
  groupFor(source: string, kind: ThreatKind, addedAt: number): number {
    const sourceIndex = this.sourceFor(source)
    const kindIndex = THREAT_KINDS.indexOf(kind)
    const rounded = Math.floor(addedAt / this.granularity) * this.granularity
    const key = `${sourceIndex}:${kindIndex}:${rounded}`
    let group = this.groupIndex.get(key)
    if (group === undefined) {
      group = this.groups.length
      this.groups.push({ source: sourceIndex, kind: kindIndex, addedAt: rounded })
      this.groupIndex.set(key, group)
    }
    const sourceRecord = this.sources[sourceIndex]
    if (sourceRecord !== undefined && sourceRecord.importedAt < addedAt && !this.declared.has(sourceIndex)) {
      sourceRecord.importedAt = addedAt
    }
    return group
  }

  /**
   * Adds one entry; hashes that are not 32 bytes are ignored.
   * @example builder.add({ fullHash: fullHash('evil.example/'), source: 'list', addedAt: now, kind: 'domain' })
   */
  add(entry: ThreatEntry): void {
    if (entry.fullHash.length !== 32) return
    this.addHashed(
      prefixOf(entry.fullHash),
      checkWordOf(entry.fullHash),
      this.groupFor(entry.source, entry.kind, entry.addedAt),
    )
  }

  /**
   * The allocation-free form of `add`, for reloading millions of rows that already carry prefix and check.
   * @example builder.addHashed(row.prefix, row.check, builder.groupFor(row.source, row.kind, row.addedAt))
   */
  addHashed(prefix: number, check: number, group: number): void {
    if (this.count === this.prefixes.length) this.grow()
    this.prefixes[this.count] = prefix >>> 0
    this.checks[this.count] = check & 0xffff
    this.groupIds[this.count] = group
    this.count++
  }

  /**
   * Sorts, de-duplicates and packs the entries; `refreshedAt` is when the data was confirmed current.
   * @example const set = builder.build(now)
   */
  build(refreshedAt: number): ThreatSet {
    const groupRemap = this.coarsenGroups()
    const groupCount = Math.max(1, groupRemap.tableSize)
    const n = this.count

    // Counting sort by the top 16 bits, then a small numeric sort per bucket of (low, check, group) keys.
    const bucketStart = new Uint32Array(BUCKETS + 1)
    for (let i = 0; i < n; i++) {
      const bucket = ((this.prefixes[i] ?? 0) >>> 16) + 1
      bucketStart[bucket] = (bucketStart[bucket] ?? 0) + 1
    }
    for (let b = 0; b < BUCKETS; b++) bucketStart[b + 1] = (bucketStart[b + 1] ?? 0) + (bucketStart[b] ?? 0)
    const cursor = bucketStart.slice(0, BUCKETS)
    const keys = new Float64Array(n)
    for (let i = 0; i < n; i++) {
      const prefix = this.prefixes[i] ?? 0
      const group = groupRemap.map[this.groupIds[i] ?? 0] ?? 0
      const position = cursor[prefix >>> 16] ?? 0
      cursor[prefix >>> 16] = position + 1
      keys[position] = ((prefix & 0xffff) * 0x10000 + (this.checks[i] ?? 0)) * 0x10000 + group
    }
    for (let b = 0; b < BUCKETS; b++) {
      const start = bucketStart[b] ?? 0
      const end = bucketStart[b + 1] ?? 0
      if (end - start > 1) keys.subarray(start, end).sort()
    }

    const low = new Uint16Array(n)
    const check = new Uint16Array(n)
    const group = groupCount <= 256 ? new Uint8Array(n) : new Uint16Array(n)
    const packedStart = new Uint32Array(BUCKETS + 1)
    let out = 0
    for (let b = 0; b < BUCKETS; b++) {
      packedStart[b] = out
      const end = bucketStart[b + 1] ?? 0
      let previous = -1
      for (let i = bucketStart[b] ?? 0; i < end; i++) {
        const key = keys[i] ?? 0
        if (key === previous) continue
        previous = key
        low[out] = Math.floor(key / 0x100000000)
        check[out] = Math.floor(key / 0x10000) & 0xffff
        group[out] = key % 0x10000
        out++
      }
    }
    packedStart[BUCKETS] = out

    return new ThreatSet({
      bucketStart: packedStart,
      low: out === n ? low : low.slice(0, out),
      check: out === n ? check : check.slice(0, out),
      group: out === n ? group : group.slice(0, out),
      groups: groupRemap.table,
      sources: this.sources.map((source) => ({ ...source })),
      refreshedAt,
    })
  }

  private sourceFor(name: string): number {
    let index = this.sourceIndex.get(name)
    if (index === undefined) {
      // The group table stores sources as Uint16; a deployment has a handful, so past 65,535 they share a slot.
      index = Math.min(this.sources.length, MAX_SOURCES - 1)
      if (index === this.sources.length) this.sources.push({ name, importedAt: 0, entries: 0 })
      this.sourceIndex.set(name, index)
    }
    return index
  }

  private grow(): void {
    const capacity = this.prefixes.length * 2
    const prefixes = new Uint32Array(capacity)
    prefixes.set(this.prefixes)
    const checks = new Uint16Array(capacity)
    checks.set(this.checks)
    const groupIds = new Uint32Array(capacity)
    groupIds.set(this.groupIds)
    this.prefixes = prefixes
    this.checks = checks
    this.groupIds = groupIds
  }

  /** Merges groups by doubling the time step until at most 65,535 remain, and counts entries per source. */
  private coarsenGroups(): { map: Uint16Array; table: EntryGroupTable; tableSize: number } {
    let step = this.granularity
    let merged = new Map<string, number>()
    let map = new Uint16Array(this.groups.length)
    const roundedFor = (draft: GroupDraft): number => Math.floor(draft.addedAt / step) * step
    for (;;) {
      merged = new Map()
      map = new Uint16Array(this.groups.length)
      let overflow = false
      this.groups.forEach((draft, index) => {
        const key = `${draft.source}:${draft.kind}:${roundedFor(draft)}`
        let target = merged.get(key)
        if (target === undefined) {
          target = merged.size
          merged.set(key, target)
        }
        if (target >= MAX_GROUPS) overflow = true
        map[index] = target
      })
      if (!overflow) break
      step *= 2
    }
    const size = merged.size
    const table: EntryGroupTable = {
      source: new Uint16Array(size),
      kind: new Uint8Array(size),
      addedAt: new Float64Array(size),
    }
    this.groups.forEach((draft, index) => {
      const target = map[index] ?? 0
      table.source[target] = draft.source
      table.kind[target] = draft.kind
      table.addedAt[target] = roundedFor(draft)
    })
    const perGroup = new Uint32Array(this.groups.length)
    for (let i = 0; i < this.count; i++) {
      const group = this.groupIds[i] ?? 0
      perGroup[group] = (perGroup[group] ?? 0) + 1
    }
    this.groups.forEach((draft, index) => {
      const source = this.sources[draft.source]
      if (source !== undefined) source.entries += perGroup[index] ?? 0
    })
    return { map, table, tableSize: size }
  }
}
