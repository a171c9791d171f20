/** Cells with fewer items than this are suppressed (shown as null) so that no small group can be singled out. */
export const SUPPRESSION_THRESHOLD = 10

/** One published count; `count` and `share` are null when the cell is suppressed. */
export interface CountCell {
  key: string
  count: number | null
  /** count / total, rounded to 4 decimals; null when suppressed. */
  share: number | null
  suppressed: boolean
}

/** A breakdown of one total by one dimension, after suppression. */
export interface CountTable {
  total: number | null
  totalSuppressed: boolean
  cells: CountCell[]
}

const round4 = (x: number): number => Math.round(x * 10_000) / 10_000

/**
 * Turns raw counts into a published table: cells of 1–9 become null (primary suppression), and when
 * exactly one cell is suppressed the next smallest is too, so that no suppressed cell can be recovered
 * by subtracting the others from the total (secondary suppression). Zero is published as zero.
 * Cells are ordered by count, largest first, then by key.
 * @example countTable(new Map([['fraud', 40], ['rumor', 3]])).cells[1] // { key: 'rumor', count: null, share: null, suppressed: true }
 */
export function countTable(
  counts: ReadonlyMap<string, number>,
  threshold = SUPPRESSION_THRESHOLD,
): CountTable {
  const entries = [...counts.entries()].sort(
    (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0),
  )
  const total = entries.reduce((sum, [, n]) => sum + n, 0)
  const hidden = new Set(entries.filter(([, n]) => n > 0 && n < threshold).map(([key]) => key))
  const totalSuppressed = total > 0 && total < threshold
  if (hidden.size === 1 && !totalSuppressed) {
    const next = [...entries].reverse().find(([key, n]) => n > 0 && !hidden.has(key))
    if (next) hidden.add(next[0])
  }
  return {
    total: totalSuppressed ? null : total,
    totalSuppressed,
    cells: entries.map(([key, n]) => {
      const suppressed = totalSuppressed ? n > 0 : hidden.has(key)
      return {
        key,
        count: suppressed ? null : n,
        share: suppressed || total === 0 ? null : round4(n / total),
        suppressed,
      }
    }),
  }
}

/** A table without suppression, for counts about organisations and feeds that are public one by one anyway. */
export function openCountTable(counts: ReadonlyMap<string, number>): CountTable {
  return countTable(counts, 0)
}

/** Adds one to a key of a count map. */
export function bump(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1)
}
