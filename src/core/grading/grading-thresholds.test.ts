import { describe, expect, it } from 'vitest'
import { DEFAULT_GRADING_THRESHOLDS, parseGradingThresholds } from './grading-thresholds.js'

describe('parseGradingThresholds', () => {
  it('fills every field left out with its documented default', () => {
    const parsed = parseGradingThresholds({ violationRate: { A: 2, B: 10, C: 30 } })
    expect(parsed.ok && parsed.value).toEqual({
      ...DEFAULT_GRADING_THRESHOLDS,
      violationRate: { A: 2, B: 10, C: 30 },
    })
    expect(parseGradingThresholds(undefined)).toEqual({ ok: true, value: DEFAULT_GRADING_THRESHOLDS })
  })

  it('ships the Gmail lines for violations and the eBay lines for complaints', () => {
    expect(DEFAULT_GRADING_THRESHOLDS.violationRate).toEqual({ A: 1, B: 10, C: 30 })
    expect(DEFAULT_GRADING_THRESHOLDS.complaintRate).toEqual({ A: 10, B: 50, C: 200 })
  })

  it('rejects lines that decrease, negative limits, unknown keys and a low-volume window shorter than the high one', () => {
    const cases: [unknown, string][] = [
      [{ violationRate: { A: 10, B: 5, C: 30 } }, 'violationRate'],
      [{ medianFixHours: { A: -1, B: 72, C: 168 } }, 'medianFixHours'],
      [{ minLinks: 0 }, 'minLinks'],
      [{ surprise: 1 }, ''],
      [{ lowVolumeWindowDays: 30 }, 'lowVolumeWindowDays'],
    ]
    for (const [input, path] of cases) {
      const parsed = parseGradingThresholds(input)
      expect(parsed.ok).toBe(false)
      if (!parsed.ok) {
        expect(parsed.issues[0]?.code).toBe('invalid_grading_threshold')
        expect(parsed.issues[0]?.path.join('.') ?? '').toContain(path)
      }
    }
  })
})
