import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { HotCache } from './hot-cache.js'

describe('HotCache', () => {
  it('answers what was set, until two generations have turned over it', () => {
    const memo = new HotCache<string, number>({ limit: 2 })
    memo.set('a', 1)
    memo.set('b', 2)
    memo.set('c', 3) // the young generation was full: a and b are now old
    expect(memo.get('a')).toBe(1) // a hit moves a back to the young generation
    memo.set('d', 4) // young full again: {c, a} become old, b is dropped
    expect(memo.get('b')).toBeUndefined()
    expect([memo.get('a'), memo.get('c'), memo.get('d')]).toEqual([1, 3, 4])
  })

  it('never holds more than two generations of cost, and never keeps an entry costlier than one', () => {
    const memo = new HotCache<string, string>({ limit: 100, cost: (value) => value.length })
    memo.set('huge', 'x'.repeat(101))
    expect(memo.get('huge')).toBeUndefined()
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.string({ maxLength: 4 }), fc.string({ maxLength: 60 }))),
        (entries) => {
          const bounded = new HotCache<string, string>({ limit: 100, cost: (value) => value.length + 1 })
          for (const [key, value] of entries) bounded.set(key, value)
          const held = new Set(entries.map(([key]) => key).filter((key) => bounded.get(key) !== undefined))
          let cost = 0
          for (const key of held) cost += (bounded.get(key)?.length ?? 0) + 1
          expect(cost).toBeLessThanOrEqual(200)
          // The newest entry is always there, with its newest value.
          const last = entries.at(-1)
          if (last) expect(bounded.get(last[0])).toBe(last[1])
        },
      ),
    )
  })

  it('returns the newest value of a key set twice, even after the generations turn', () => {
    const memo = new HotCache<string, number>({ limit: 2 })
    memo.set('k', 1)
    memo.set('x', 0)
    memo.set('k', 2) // the generation turns: k is old with 1 and young with 2
    expect(memo.get('k')).toBe(2)
    memo.set('y', 0)
    memo.set('z', 0) // turns again: the old k = 1 is dropped with its generation
    expect(memo.get('k')).toBe(2)
    expect(memo.size).toBe(3) // z and k (moved back by the read) young, y old
    memo.clear()
    expect(memo.get('k')).toBeUndefined()
  })

  it('refuses a limit that is not positive', () => {
    expect(() => new HotCache({ limit: 0 })).toThrow(RangeError)
  })
})
