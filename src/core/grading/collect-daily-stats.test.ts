import { describe, expect, it } from 'vitest'
import { collectDailyStats, type ViolationRecord } from './collect-daily-stats.js'

const t = (iso: string) => new Date(`${iso}+08:00`)
const violation = (
  decided: string,
  subject: string,
  extra: Partial<ViolationRecord> = {},
): ViolationRecord => ({
  decidedAt: t(decided),
  subject,
  category: 'fraud',
  ...extra,
})

describe('collectDailyStats', () => {
  it('counts a repeat when the same case subject is confirmed again within 90 days', () => {
    const rows = collectDailyStats({
      sharedLinks: [],
      reports: [],
      violations: [
        violation('2022-01-01T10:00', 'https://shop.example.com/item/1'),
        violation('2022-03-31T09:00', 'https://shop.example.com/item/1'),
        violation('2022-07-30T10:00', 'https://shop.example.com/item/1'),
        // Another link on the same platform domain is a new violation, not a repeat of the first.
        violation('2022-03-31T10:00', 'https://shop.example.com/item/2'),
        violation('2022-03-31T11:00', 'phish.example.net'),
        violation('2022-04-01T11:00', ' phish.example.net '),
      ],
    })
    expect(rows.map((r) => [r.day, r.repeatViolations])).toEqual([
      ['2022-01-01', 0],
      ['2022-03-31', 1],
      ['2022-04-01', 1],
      ['2022-07-30', 0],
    ])
  })

  it('leaves reversed decisions out of repeats and fix times, but records them against their decision day', () => {
    const rows = collectDailyStats({
      sharedLinks: [],
      reports: [],
      violations: [
        violation('2022-01-01T10:00', 'example.com', { reversed: true, noticedAt: t('2022-01-01T11:00') }),
        violation('2022-01-02T10:00', 'example.com', {
          category: 'malware',
          noticedAt: t('2022-01-02T11:00'),
          fixedAt: t('2022-01-02T17:30'),
        }),
      ],
    })
    expect(rows[0]).toMatchObject({
      day: '2022-01-01',
      confirmedViolations: { fraud: 1 },
      reversedDecisions: { fraud: 1 },
      fixHours: [],
      unfixedCases: 0,
    })
    expect(rows[1]).toMatchObject({
      day: '2022-01-02',
      confirmedViolations: { malware: 1 },
      repeatViolations: 0,
      fixHours: [6.5],
    })
  })

  it('counts only upheld reports, keeps rejected ones apart, and waits on pending ones', () => {
    const rows = collectDailyStats({
      sharedLinks: [{ day: '2022-01-01', count: 5_000 }],
      reports: [
        { filedAt: t('2022-01-01T08:00'), weight: 1, outcome: 'upheld' },
        { filedAt: t('2022-01-01T09:00'), weight: 0.5, outcome: 'upheld' },
        { filedAt: t('2022-01-01T09:00'), weight: 1, outcome: 'rejected' },
        { filedAt: t('2022-01-01T09:00'), weight: 1, outcome: 'pending' },
      ],
      violations: [],
    })
    expect(rows).toEqual([
      expect.objectContaining({
        day: '2022-01-01',
        sharedLinks: 5_000,
        weightedReports: 1.5,
        rejectedReports: 1,
      }),
    ])
  })

  it('attributes fixes to the notice day and keeps unfixed cases open', () => {
    const rows = collectDailyStats({
      sharedLinks: [],
      reports: [],
      violations: [violation('2022-01-01T22:00', 'x.cn', { noticedAt: t('2022-01-02T01:00') })],
    })
    expect(rows.find((r) => r.day === '2022-01-02')?.unfixedCases).toBe(1)
  })

  it('ignores invalid dates instead of throwing', () => {
    expect(
      collectDailyStats({
        sharedLinks: [{ day: 'soon', count: 9 }],
        reports: [{ filedAt: new Date(Number.NaN), weight: 1, outcome: 'upheld' }],
        violations: [violation('nope', 'x.cn')],
      }),
    ).toEqual([])
  })
})
