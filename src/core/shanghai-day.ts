const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000

/**
 * The calendar day in Asia/Shanghai (UTC+8, no daylight saving since 1991), as YYYY-MM-DD.
 * @example shanghaiDay(new Date('2021-09-16T16:00:00Z')) // '2021-09-17'
 */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10)
}
