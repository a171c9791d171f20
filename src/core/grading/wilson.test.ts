import { describe, expect, it } from 'vitest'
import { maxCountWithin, wilsonLower, wilsonUpper } from './wilson.js'

describe('Wilson score interval', () => {
  // Newcombe (1998), "Two-sided confidence intervals for the single proportion", Table I, method 3 (score).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
    [5, 10, 0.2366, 0.7634],
  ])('%i of %i → [%f, %f]', (successes, trials, lower, upper) => {
    expect(wilsonLower(successes, trials)).toBeCloseTo(lower, 4)
    expect(wilsonUpper(successes, trials)).toBeCloseTo(upper, 4)
  })

  it('gives z²/(n+z²) as the upper bound of zero events, the "rule of about 4" grading leans on', () => {
    expect(wilsonUpper(0, 10_000)).toBeCloseTo(1.96 ** 2 / (10_000 + 1.96 ** 2), 12)
  })

  it('knows nothing without trials, and never leaves [0, 1] on bad counts', () => {
    expect(wilsonUpper(0, 0)).toBe(1)
    expect(wilsonLower(0, 0)).toBe(0)
    expect(wilsonUpper(5, Number.NaN)).toBe(1)
    expect(wilsonUpper(50, 10)).toBe(1)
    expect(wilsonLower(-3, 10)).toBe(0)
  })

  it('is symmetric: lower(s, n) = 1 − upper(n − s, n)', () => {
    for (const [s, n] of [
      [3, 17],
      [0, 5],
      [120, 4000],
    ] as const) {
      expect(wilsonLower(s, n)).toBeCloseTo(1 - wilsonUpper(n - s, n), 12)
    }
  })

  it('takes fractional counts (weighted reports) between the neighbouring whole counts', () => {
    expect(wilsonUpper(2.5, 1000)).toBeGreaterThan(wilsonUpper(2, 1000))
    expect(wilsonUpper(2.5, 1000)).toBeLessThan(wilsonUpper(3, 1000))
  })
})

describe('maxCountWithin', () => {
  it('finds the last count whose upper bound stays inside the line', () => {
    for (const [limit, n] of [
      [0.001, 100_000],
      [0.003, 10_000],
      [0.0001, 1_000_000],
    ] as const) {
      const max = maxCountWithin(limit, n)
      expect(max).toBeGreaterThanOrEqual(0)
      expect(wilsonUpper(max, n)).toBeLessThanOrEqual(limit)
      expect(wilsonUpper(max + 1, n)).toBeGreaterThan(limit)
    }
  })

  it('returns -1 when even zero events cannot show the rate (10k links cannot prove 1 per 10k)', () => {
    expect(maxCountWithin(0.0001, 10_000)).toBe(-1)
  })
})
