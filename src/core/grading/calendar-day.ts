/**
 * Grading counts per Asia/Shanghai calendar day, the day the inspect counters use. Shanghai has been a fixed
 * UTC+08:00 with no daylight saving since 1991, so a day is an exact 24-hour span.
 */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000
const DAY_MS = 86_400_000
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/

/** A calendar day as `YYYY-MM-DD` (Asia/Shanghai). */
export type CalendarDay = string

/**
 * The Shanghai calendar day number (days since 1970-01-01) containing an instant.
 * @example dayNumberAt(new Date('2021-11-29T16:00:00Z')) === dayNumber('2021-11-30')
 */
export function dayNumberAt(at: Date): number {
  return Math.floor((at.getTime() + SHANGHAI_OFFSET_MS) / DAY_MS)
}

/**
 * The day number of a `YYYY-MM-DD` day, or null when the text is not a real date.
 * @example dayNumber('1970-01-02') // 1
 */
export function dayNumber(day: CalendarDay): number | null {
  const m = DAY_PATTERN.exec(day)
  if (!m) return null
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  const back = new Date(ms)
  // Date.UTC rolls 2021-02-30 into March; a counter day must say what it means.
  if (back.getUTCDate() !== Number(m[3]) || back.getUTCMonth() + 1 !== Number(m[2])) return null
  return ms / DAY_MS
}

/**
 * The `YYYY-MM-DD` text of a day number.
 * @example dayText(0) // '1970-01-01'
 */
export function dayText(n: number): CalendarDay {
  return new Date(n * DAY_MS).toISOString().slice(0, 10)
}

/**
 * The Shanghai calendar day containing an instant.
 * @example shanghaiDay(new Date('2021-11-29T16:00:00Z')) // '2021-11-30'
 */
export function shanghaiDay(at: Date): CalendarDay {
  return dayText(dayNumberAt(at))
}

/** The instant a Shanghai calendar day starts. */
export function dayStart(n: number): Date {
  return new Date(n * DAY_MS - SHANGHAI_OFFSET_MS)
}
