import { describe, expect, it } from 'vitest'
import type { ProviderGrade } from './provider-grade.js'
import {
  cleanDaysLeft,
  nextGrade,
  parseGradeState,
  type GradeState,
  type HysteresisInput,
} from './hysteresis.js'

const at = (day: string) => new Date(`${day}T23:00+08:00`)
const computed = (
  grade: ProviderGrade,
  cleanSince: string | null = '2022-01-01',
  overdueCases = 0,
): HysteresisInput => ({ grade, cleanSince, overdueCases })
const held = (grade: ProviderGrade, extra: Partial<GradeState> = {}): GradeState => ({
  grade,
  since: '2022-01-01T00:00:00.000Z',
  ...extra,
})

/** Runs daily recomputes from `from` for `days` days with the same computed grade, clean from the first day. */
function runDays(start: GradeState, grade: ProviderGrade, from: number, days: number): GradeState[] {
  const out: GradeState[] = []
  let state = start
  for (let i = 0; i < days; i++) {
    const day = `2022-03-${String(from + i).padStart(2, '0')}`
    state = nextGrade(state, computed(grade, `2022-03-${String(from).padStart(2, '0')}`), at(day))
    out.push(state)
  }
  return out
}

describe('nextGrade', () => {
  it('takes the first computed grade as it is', () => {
    expect(nextGrade(null, computed('B'), at('2022-03-01'))).toEqual({
      grade: 'B',
      since: at('2022-03-01').toISOString(),
    })
  })

  it('falls at once, and forgets a pending rise when it does', () => {
    const state = held('B', { pendingUpgrade: { to: 'A', cleanSince: '2022-02-20' } })
    expect(nextGrade(state, computed('D', null), at('2022-03-01'))).toEqual({
      grade: 'D',
      since: at('2022-03-01').toISOString(),
    })
  })

  it('rises on the 14th consecutive clean day, not the 13th', () => {
    const states = runDays(held('D'), 'B', 1, 14)
    expect(states[0]).toMatchObject({ grade: 'D', pendingUpgrade: { to: 'B', cleanSince: '2022-03-01' } })
    expect(states[12]?.grade).toBe('D')
    expect(states[13]).toEqual({ grade: 'B', since: at('2022-03-14').toISOString() })
  })

  it('counts clean days from when the better grade appeared, not from an older clean run', () => {
    // Clean since February, but the numbers only turned better on 1 March.
    let state = held('C')
    for (let d = 1; d <= 13; d++)
      state = nextGrade(state, computed('B', '2022-02-01'), at(`2022-03-${String(d).padStart(2, '0')}`))
    expect(state.grade).toBe('C')
    expect(cleanDaysLeft(state, at('2022-03-13'))).toBe(1)
  })

  it('restarts the streak after a day over the line', () => {
    let state = runDays(held('C'), 'B', 1, 10).at(-1) ?? held('C')
    state = nextGrade(state, computed('B', null), at('2022-03-11'))
    expect(state).toEqual(held('C'))
    state = runDays(state, 'B', 12, 13).at(-1) ?? state
    expect(state.grade).toBe('C')
    state = nextGrade(state, computed('B', '2022-03-12'), at('2022-03-25'))
    expect(state.grade).toBe('B')
  })

  it('picks up a violation the recompute missed, through cleanSince moving forward', () => {
    let state = runDays(held('C'), 'B', 1, 10).at(-1) ?? held('C')
    // No recompute ran on 8 March, when there was a bad day; the stats still show it.
    state = nextGrade(state, computed('B', '2022-03-09'), at('2022-03-14'))
    expect(state.pendingUpgrade?.cleanSince).toBe('2022-03-09')
    expect(state.grade).toBe('C')
  })

  it('will not rise while a case is overdue, however many clean days pass, and rises once it is fixed', () => {
    let state = held('D')
    for (let d = 1; d <= 20; d++)
      state = nextGrade(state, computed('B', '2022-03-01', 1), at(`2022-03-${String(d).padStart(2, '0')}`))
    expect(state).toEqual(held('D', { pendingUpgrade: { to: 'B', cleanSince: '2022-03-01' } }))
    state = nextGrade(state, computed('B', '2022-03-01', 0), at('2022-03-21'))
    expect(state).toEqual({ grade: 'B', since: at('2022-03-21').toISOString() })
  })

  it('aims a pending rise at the latest computed grade', () => {
    let state = runDays(held('D'), 'C', 1, 5).at(-1) ?? held('D')
    state = nextGrade(state, computed('B', '2022-03-01'), at('2022-03-06'))
    expect(state.pendingUpgrade).toEqual({ to: 'B', cleanSince: '2022-03-01' })
  })

  it('keeps the grade and its date when nothing changes, and drops a pending rise that no longer holds', () => {
    const state = held('B', { pendingUpgrade: { to: 'A', cleanSince: '2022-03-01' } })
    expect(nextGrade(state, computed('B'), at('2022-03-05'))).toEqual(held('B'))
  })

  it('treats a fall to insufficient_data as a rise (it lifts every effect) and leaves it at once', () => {
    const waiting = nextGrade(held('D'), computed('insufficient_data', '2022-03-01'), at('2022-03-05'))
    expect(waiting.grade).toBe('D')
    expect(waiting.pendingUpgrade?.to).toBe('insufficient_data')
    expect(nextGrade(held('insufficient_data'), computed('D', null), at('2022-03-05')).grade).toBe('D')
    expect(nextGrade(held('insufficient_data'), computed('A'), at('2022-03-05')).grade).toBe('A')
  })
})

describe('parseGradeState', () => {
  it('reads back what nextGrade writes', () => {
    const state = runDays(held('D'), 'B', 1, 3).at(-1)
    expect(parseGradeState(JSON.parse(JSON.stringify(state)))).toEqual({ ok: true, value: state })
  })

  it('turns a damaged row into issues instead of throwing', () => {
    const parsed = parseGradeState({
      grade: 'E',
      since: 'then',
      pendingUpgrade: { to: 'A', cleanSince: '2022-02-30' },
    })
    expect(parsed.ok).toBe(false)
    if (!parsed.ok)
      expect(parsed.issues.map((i) => i.path.join('.')).sort()).toEqual([
        'grade',
        'pendingUpgrade.cleanSince',
        'since',
      ])
  })
})
