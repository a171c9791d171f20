import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { GENESIS_HASH, hashLedgerEvent, verifyChain, type LedgerEvent } from './chain.js'
import { canonicalJson } from './canonical-json.js'

function buildChain(count: number): LedgerEvent[] {
  const events: LedgerEvent[] = []
  let prevHash = GENESIS_HASH
  for (let seq = 1; seq <= count; seq++) {
    const body = {
      seq,
      at: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
      kind: 'test.event',
      actor: 'system',
      subject: `s${seq}`,
      payload: { n: seq, tags: ['a', 'b'] },
    }
    const hash = hashLedgerEvent(prevHash, body)
    events.push({ ...body, prevHash, hash })
    prevHash = hash
  }
  return events
}

describe('canonicalJson', () => {
  it('sorts keys at every depth, so key order never changes a hash', () => {
    expect(canonicalJson({ b: { d: 1, c: 2 }, a: [3, { f: 1, e: 2 }] })).toBe(
      '{"a":[3,{"e":2,"f":1}],"b":{"c":2,"d":1}}',
    )
  })
  it('is the same for any permutation of keys', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse())
        expect(canonicalJson(reversed)).toBe(canonicalJson(obj))
      }),
    )
  })
})

describe('verifyChain', () => {
  it('accepts an untouched chain', () => {
    const result = verifyChain(buildChain(50))
    expect(result).toMatchObject({ ok: true, count: 50, lastSeq: 50 })
  })
  it('names the first altered event', () => {
    const events = buildChain(20)
    events[6] = { ...events[6]!, payload: { n: 999 } }
    expect(verifyChain(events)).toMatchObject({ ok: false, badSeq: 7, problem: 'hash_mismatch' })
  })
  it('catches a removed event as a gap', () => {
    const events = buildChain(10)
    events.splice(4, 1)
    expect(verifyChain(events)).toMatchObject({ ok: false, badSeq: 6 })
  })
  it('catches a re-hashed forgery through the next link', () => {
    const events = buildChain(10)
    const forged = { ...events[2]!, subject: 'forged' }
    forged.hash = hashLedgerEvent(forged.prevHash, forged)
    events[2] = forged
    expect(verifyChain(events)).toMatchObject({ ok: false, badSeq: 4, problem: 'prev_hash_mismatch' })
  })
})
