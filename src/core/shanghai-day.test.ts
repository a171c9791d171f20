import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { shanghaiDay } from './shanghai-day.js'

describe('shanghaiDay', () => {
  it('turns over at midnight in Shanghai (16:00 UTC)', () => {
    expect(shanghaiDay(new Date('2021-09-16T15:59:59.999Z'))).toBe('2021-09-16')
    expect(shanghaiDay(new Date('2021-09-16T16:00:00.000Z'))).toBe('2021-09-17')
    expect(shanghaiDay(new Date('2021-09-16T15:59:59.999Z'))).toBe('2021-09-16')
  })
  it('agrees with a direct computation for any instant, in any order of asking', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 4_102_444_800_000 }), { minLength: 1, maxLength: 50 }),
        (times) =>
          times.every(
            (ms) => shanghaiDay(new Date(ms)) === new Date(ms + 8 * 3600_000).toISOString().slice(0, 10),
          ),
      ),
    )
  })
})
