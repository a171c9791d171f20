import { describe, expect, it } from 'vitest'
import { parsePolicyTime } from './policy-time.js'

describe('policy times', () => {
  it('reads a time without an offset as Asia/Shanghai', () => {
    expect(parsePolicyTime('2021-11-30T00:00')).toBe(Date.parse('2021-11-29T16:00:00Z'))
    expect(parsePolicyTime('2021-11-30')).toBe(Date.parse('2021-11-29T16:00:00Z'))
    expect(parsePolicyTime('2021-11-30T00:00+08:00')).toBe(parsePolicyTime('2021-11-30T00:00'))
  })

  it('honours explicit offsets, including Z and the compact form', () => {
    expect(parsePolicyTime('2021-11-29T16:00Z')).toBe(parsePolicyTime('2021-11-30T00:00'))
    expect(parsePolicyTime('2021-11-30T00:00:00.000+0800')).toBe(parsePolicyTime('2021-11-30T00:00'))
    expect(parsePolicyTime('2021-11-29T11:00-05:00')).toBe(parsePolicyTime('2021-11-30T00:00'))
  })

  it.each(['2021-02-30T00:00', '2021-13-01', 'next Tuesday', '', '2021-11-30T25:00', '1638201600000'])(
    'refuses %j instead of guessing',
    (text) => expect(parsePolicyTime(text)).toBeNull(),
  )
})
