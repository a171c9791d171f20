const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000

/**
 * The calendar day in Asia/Shanghai (UTC+8, no daylight saving since 1991), as YYYY-MM-DD.
 * @example shanghaiDay(new Date('2021-09-16T16:00:00Z')) // '2021-09-17'
 */
export function shanghaiDay(at: Date): string {
  const ms = at.getTime()
  // Inspect asks once per message; most asks fall on the day asked last.
  if (ms >= last.from && ms < last.to) return last.day
  const shifted = ms + SHANGHAI_OFFSET_MS
  const from = Math.floor(shifted / DAY_MS) * DAY_MS - SHANGHAI_OFFSET_MS
  last = { from, to: from + DAY_MS, day: new Date(shifted).toISOString().slice(0, 10) }
  return last.day
}

const DAY_MS = 86_400_000
let last = { from: 0, to: 0, day: '' }
