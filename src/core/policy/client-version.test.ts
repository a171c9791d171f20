import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compareClientVersions, parseClientVersion } from './client-version.js'

describe('client versions', () => {
  it.each([
    ['8.0.16', [8, 0, 16]],
    ['v8.0', [8, 0]],
    [' 9 ', [9]],
    ['8.0.16-beta.2', [8, 0, 16]],
    ['8.0.16+build7', [8, 0, 16]],
    ['1.2.3.4', [1, 2, 3, 4]],
  ])('reads %s', (text, parts) => expect(parseClientVersion(text)).toEqual(parts))

  it.each(['', 'v', 'banana', '8..1', '8.', '.8', '1.2.3.4.5', '8.0 beta', '8.0-bad suffix', '1234567890'])(
    'refuses %j',
    (text) => expect(parseClientVersion(text)).toBeNull(),
  )

  it('orders versions numerically, not as text', () => {
    expect(compareClientVersions([8, 0, 9], [8, 0, 16])).toBe(-1)
    expect(compareClientVersions([8, 0], [8, 0, 0])).toBe(0)
    expect(compareClientVersions([9], [8, 99, 99])).toBe(1)
  })

  it('round-trips any dotted version', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 99_999 }), { minLength: 1, maxLength: 4 }), (parts) => {
        expect(parseClientVersion(parts.join('.'))).toEqual(parts)
      }),
    )
  })
})
