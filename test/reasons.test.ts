import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { loadReasonCatalogueFromYamlText } from '../src/core/policy/index.js'
import { SAFETY_REASON_CODES } from '../src/core/safety/index.js'

const catalogue = loadReasonCatalogueFromYamlText(
  readFileSync(new URL('../data/reasons.yaml', import.meta.url), 'utf8'),
)

describe('the published reason catalogue', () => {
  it('parses, and every code has zh and en text and cites a rule', () => {
    expect(catalogue.ok).toBe(true)
    if (!catalogue.ok) return
    for (const reason of catalogue.value.reasons) {
      expect(reason.zh.length, reason.code).toBeGreaterThan(4)
      expect(reason.en.length, reason.code).toBeGreaterThan(8)
      expect(reason.cites.length, reason.code).toBeGreaterThan(4)
    }
  })
  it('covers every safety code the verdict can emit', () => {
    if (!catalogue.ok) throw new Error('catalogue invalid')
    expect(SAFETY_REASON_CODES.filter((code) => !catalogue.value.byCode.has(code))).toEqual([])
  })
})
