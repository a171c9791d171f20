import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { dayNumber, dayNumberAt, dayStart, dayText, shanghaiDay } from './calendar-day.js'

describe('calendar days (Asia/Shanghai)', () => {
  it('round-trips every day between 1900 and 2200 through its number', () => {
    fc.assert(
      fc.property(fc.integer({ min: -25_567, max: 84_000 }), (n) => {
        expect(dayNumber(dayText(n))).toBe(n)
        expect(dayText(n)).toBe(new Date(n * 86_400_000).toISOString().slice(0, 10))
      }),
      { seed: 8, numRuns: 2_000 },
    )
  })

  it('rejects days that do not exist or are not in YYYY-MM-DD form', () => {
    for (const bad of [
      '2021-02-29',
      '2022-13-01',
      '2022-00-10',
      '2022-04-31',
      '2022-1-01',
      '20220101',
      '2022-01-0x',
      '',
    ]) {
      expect(dayNumber(bad)).toBeNull()
    }
    expect(dayNumber('2024-02-29')).not.toBeNull()
    expect(dayNumber('2000-02-29')).not.toBeNull()
    expect(dayNumber('1900-02-29')).toBeNull()
  })

  it('starts the day at midnight in Shanghai, 16:00 UTC the day before', () => {
    const n = dayNumber('2022-01-01') ?? 0
    expect(dayStart(n).toISOString()).toBe('2021-12-31T16:00:00.000Z')
    expect(shanghaiDay(new Date('2021-12-31T15:59:59Z'))).toBe('2021-12-31')
    expect(dayNumberAt(new Date('2021-12-31T16:00:00Z'))).toBe(n)
  })
})
