/**
 * Grading counts per Asia/Shanghai calendar day, the day the inspect counters use. Shanghai has been a fixed
 * UTC+08:00 with no daylight saving since 1991, so a day is an exact 24-hour span.
 */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000
const DAY_MS = 86_400_000

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
  if (day.length !== 10 || day.charCodeAt(4) !== 45 || day.charCodeAt(7) !== 45) return null
  const y = digits(day, 0, 4)
  const m = digits(day, 5, 7)
  const d = digits(day, 8, 10)
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null
  return daysFromCivil(y, m, d)
}

// Parsing runs for every daily row of every window, so it avoids regexes and Date objects.
function digits(text: string, from: number, to: number): number {
  let n = 0
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) - 48
    if (c < 0 || c > 9) return -1
    n = n * 10 + c
  }
  return n
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31
}

// Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms").
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y
  const era = Math.floor(yy / 400)
  const yoe = yy - era * 400
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146_097 + doe - 719_468
}

/**
 * The `YYYY-MM-DD` text of a day number.
 * @example dayText(0) // '1970-01-01'
 */
export function dayText(n: number): CalendarDay {
  // Inverse of daysFromCivil (same source); four-digit years only, as counters never leave them.
  const z = n + 719_468
  const era = Math.floor(z / 146_097)
  const doe = z - era * 146_097
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1_460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  )
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1
  const m = mp < 10 ? mp + 3 : mp - 9
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0)
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`
}

/**
 * The Shanghai calendar day containing an instant.
 * @example shanghaiDay(new Date('2021-11-29T16:00:00Z')) // '2021-11-30'
 */
export function shanghaiDay(at: Date): CalendarDay {
  return dayText(dayNumberAt(at))
}

/**
 * The instant a Shanghai calendar day starts.
 * @example dayStart(dayNumber('2022-01-01') ?? 0).toISOString() // '2021-12-31T16:00:00.000Z'
 */
export function dayStart(n: number): Date {
  return new Date(n * DAY_MS - SHANGHAI_OFFSET_MS)
}
