import type { EntryGroupTable, ThreatSetLayout, ThreatSource } from './threat-set.js'
import { ThreatSet } from './threat-set.js'

const MAGIC = 0x48545331 // "HTS1"
const BUCKETS = 0x10000
const HEADER_BYTES = 32
const MAX_SOURCES_JSON = 16 * 1024 * 1024

/**
 * Serialises a set's arrays into one byte string (little-endian), so a node can reload 10M entries from a
 * single database row or file instead of rebuilding from 10M rows.
 * Layout: header (magic, entry count, group count, group width, refreshedAt, sources-JSON length), the
 * sources JSON, then bucketStart, low, check, group, and the group table, each 8-byte aligned.
 * @example await db.saveSnapshot(serializeThreatSet(set)); const set = deserializeThreatSet(bytes)
 */
export function serializeThreatSet(set: ThreatSet): Uint8Array {
  const { bucketStart, low, check, group, groups, sources, refreshedAt } = set.arrays()
  const sourcesJson = new TextEncoder().encode(JSON.stringify(sources))
  const parts: ArrayBufferView[] = [
    bucketStart,
    low,
    check,
    group,
    groups.source,
    groups.kind,
    groups.addedAt,
  ]
  let length = align(HEADER_BYTES + sourcesJson.byteLength)
  for (const part of parts) length = align(length + part.byteLength)
  const bytes = new Uint8Array(length)
  const view = new DataView(bytes.buffer)
  view.setUint32(0, MAGIC, true)
  view.setUint32(4, low.length, true)
  view.setUint32(8, groups.source.length, true)
  view.setUint32(12, group.BYTES_PER_ELEMENT, true)
  view.setFloat64(16, refreshedAt, true)
  view.setUint32(24, sourcesJson.byteLength, true)
  bytes.set(sourcesJson, HEADER_BYTES)
  let offset = align(HEADER_BYTES + sourcesJson.byteLength)
  for (const part of parts) {
    bytes.set(new Uint8Array(part.buffer, part.byteOffset, part.byteLength), offset)
    offset = align(offset + part.byteLength)
  }
  return bytes
}

/**
 * Restores a set from `serializeThreatSet` output; `null` when the bytes are not a consistent snapshot.
 * @example const set = deserializeThreatSet(row.snapshot)?.touched(now)
 */
export function deserializeThreatSet(bytes: Uint8Array): ThreatSet | null {
  if (bytes.byteLength < HEADER_BYTES) return null
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (view.getUint32(0, true) !== MAGIC) return null
  const n = view.getUint32(4, true)
  const groupCount = view.getUint32(8, true)
  const width = view.getUint32(12, true)
  const refreshedAt = view.getFloat64(16, true)
  const jsonLength = view.getUint32(24, true)
  if ((width !== 1 && width !== 2) || jsonLength > MAX_SOURCES_JSON) return null

  let offset = align(HEADER_BYTES + jsonLength)
  const take = (byteLength: number): ArrayBuffer | null => {
    if (offset + byteLength > bytes.byteLength) return null
    const start = bytes.byteOffset + offset
    offset = align(offset + byteLength)
    return bytes.buffer.slice(start, start + byteLength) as ArrayBuffer
  }
  const sources = parseSources(bytes.subarray(HEADER_BYTES, HEADER_BYTES + jsonLength))
  const bucketBuffer = take((BUCKETS + 1) * 4)
  const lowBuffer = take(n * 2)
  const checkBuffer = take(n * 2)
  const groupBuffer = take(n * width)
  const sourceBuffer = take(groupCount * 2)
  const kindBuffer = take(groupCount)
  const addedAtBuffer = take(groupCount * 8)
  if (
    sources === null ||
    bucketBuffer === null ||
    lowBuffer === null ||
    checkBuffer === null ||
    groupBuffer === null ||
    sourceBuffer === null ||
    kindBuffer === null ||
    addedAtBuffer === null
  ) {
    return null
  }
  const bucketStart = new Uint32Array(bucketBuffer)
  const group = width === 1 ? new Uint8Array(groupBuffer) : new Uint16Array(groupBuffer)
  const groups: EntryGroupTable = {
    source: new Uint16Array(sourceBuffer),
    kind: new Uint8Array(kindBuffer),
    addedAt: new Float64Array(addedAtBuffer),
  }
  if (!consistent(bucketStart, n, group, groups, sources.length)) return null
  const layout: ThreatSetLayout = {
    bucketStart,
    low: new Uint16Array(lowBuffer),
    check: new Uint16Array(checkBuffer),
    group,
    groups,
    sources,
    refreshedAt,
  }
  return new ThreatSet(layout)
}

function consistent(
  bucketStart: Uint32Array,
  n: number,
  group: Uint8Array | Uint16Array,
  groups: EntryGroupTable,
  sourceCount: number,
): boolean {
  if (bucketStart[0] !== 0 || bucketStart[BUCKETS] !== n) return false
  for (let b = 0; b < BUCKETS; b++) if ((bucketStart[b] ?? 0) > (bucketStart[b + 1] ?? 0)) return false
  const groupCount = groups.source.length
  for (let i = 0; i < n; i++) if ((group[i] ?? 0) >= Math.max(1, groupCount)) return false
  return groups.source.every((source) => source < Math.max(1, sourceCount))
}

function parseSources(json: Uint8Array): ThreatSource[] | null {
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(json))
    if (!Array.isArray(value)) return null
    const sources: ThreatSource[] = []
    for (const item of value as unknown[]) {
      if (typeof item !== 'object' || item === null) return null
      const { name, importedAt, entries } = item as Record<string, unknown>
      if (typeof name !== 'string' || typeof importedAt !== 'number' || typeof entries !== 'number')
        return null
      sources.push({ name, importedAt, entries })
    }
    return sources
  } catch {
    return null
  }
}

function align(offset: number): number {
  return Math.ceil(offset / 8) * 8
}
