import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { signClickToken, verifyClickToken } from './click-token.js'

const KEY = 'k'.repeat(40)
const claims = {
  url: 'https://item.jd.com/100012043978.html',
  scenario: 'group' as const,
  action: 'warn' as const,
  policyVersion: '2021-11-30.1',
  exp: 2_000_000_000,
}

describe('click tokens', () => {
  it('round-trips the claims and holds no user id', () => {
    const token = signClickToken(KEY, claims)
    expect(verifyClickToken(KEY, token, 1_900_000_000)).toEqual({ ok: true, value: claims })
    expect(token.length).toBeLessThan(160)
  })
  it('refuses a token signed with another key, a changed body, or an expired one', () => {
    const token = signClickToken(KEY, claims)
    expect(verifyClickToken('x'.repeat(40), token, 0)).toMatchObject({
      ok: false,
      issues: [{ code: 'token_invalid' }],
    })
    const forged =
      signClickToken('x'.repeat(40), { ...claims, url: 'https://evil.example/' }).split('.')[0] +
      '.' +
      token.split('.')[1]
    expect(verifyClickToken(KEY, forged, 0)).toMatchObject({ ok: false, issues: [{ code: 'token_invalid' }] })
    expect(verifyClickToken(KEY, token, 2_000_000_001)).toMatchObject({
      ok: false,
      issues: [{ code: 'token_expired' }],
    })
  })
  it('never throws on garbage', () => {
    fc.assert(fc.property(fc.string(), (garbage) => verifyClickToken(KEY, garbage, 0).ok === false))
  })
})
