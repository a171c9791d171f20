import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  ENGINE_REASON_CODES,
  loadReasonCatalogueFromYamlText,
  parseReasonCatalogue,
} from './reason-catalogue.js'
import { renderReasonCatalogueMarkdown } from './reason-catalogue-markdown.js'

const text = readFileSync('data/reasons.yaml', 'utf8')
const entry = { code: 'GRADE_D', kind: 'grade', zh: '等级 D', en: 'grade D', cites: 'rule' }
const engine = ENGINE_REASON_CODES.map((code) => ({ ...entry, code, kind: 'user' }))

describe('reason catalogue', () => {
  it('ships every code the policy engine and the other issues rely on, in both languages', () => {
    const result = loadReasonCatalogueFromYamlText(text)
    if (!result.ok) throw new Error(JSON.stringify(result.issues))
    const codes = [...result.value.byCode.keys()]
    const required = [
      'SAFETY_MALICIOUS_FEED',
      'SAFETY_SUSPICIOUS',
      'SAFETY_IP_HOST',
      'SAFETY_USERINFO_DOMAIN',
      'SAFETY_LOOKALIKE',
      'SAFETY_MIXED_SCRIPT',
      'SAFETY_RISKY_TLD',
      'SAFETY_DEEP_SUBDOMAIN',
      'SAFETY_SHORTENER_CHAIN',
      'SAFETY_CREDENTIALS',
      'POLICY_PHASE1_INTERSTITIAL',
      'POLICY_GROUP_NON_ECOMMERCE',
      'POLICY_FEED_INTERSTITIAL',
      'POLICY_CLIENT_OUTDATED',
      'POLICY_PRE_PHASE',
      'GRADE_C',
      'GRADE_D',
      'CASE_PENDING_REVIEW',
      'CONTENT_FRAUD',
      'CONTENT_MALWARE',
      'CONTENT_ILLEGAL',
      'CONTENT_PRIVACY',
      'CONTENT_INDUCEMENT',
      'CONTENT_MARKETING',
      'CONTENT_HARASSMENT',
      'CONTENT_RUMOR',
      'CONTENT_INFRINGEMENT',
      'CONTENT_OTHER',
      'USER_PREFERENCE',
      'USER_MUTED_PROVIDER',
      'GROUP_SETTING',
    ]
    expect(codes).toEqual(expect.arrayContaining(required))
    for (const r of result.value.reasons) {
      expect(r.zh).toMatch(/[\u4e00-\u9fff]/)
      expect(r.en).toMatch(/^[\x20-\x7e]+$/)
      // The code's prefix names its kind, so a reader can tell who decided from the code alone.
      expect(r.kind).toBe(r.code.split('_')[0]!.toLowerCase())
    }
  })

  it('refuses duplicates, missing engine codes and malformed entries', () => {
    const codes = (doc: unknown) => {
      const r = parseReasonCatalogue(doc)
      return r.ok ? [] : [...new Set(r.issues.map((i) => i.code))]
    }
    expect(codes({ version: '1', reasons: [...engine, entry] })).toEqual([])
    expect(codes({ version: '1', reasons: [...engine, entry, entry] })).toEqual(['reason_duplicate'])
    expect(codes({ version: '1', reasons: [entry] })).toEqual(['reason_required_missing'])
    expect(codes({ version: '1', reasons: [{ ...entry, kind: 'mood' }] })).toEqual(['reasons_invalid'])
    expect(codes({ version: '1', reasons: [{ ...entry, code: 'lower_case' }] })).toEqual(['reasons_invalid'])
    const yaml = loadReasonCatalogueFromYamlText('reasons: [')
    expect(yaml.ok ? '' : yaml.issues[0]?.code).toBe('reasons_yaml_invalid')
  })

  it('renders a Markdown table that survives pipes and line breaks in the text', () => {
    const result = parseReasonCatalogue({ version: '1', reasons: [{ ...entry, en: 'a | b\nc' }, ...engine] })
    if (!result.ok) throw new Error('catalogue')
    const lines = renderReasonCatalogueMarkdown(result.value).trimEnd().split('\n')
    expect(lines).toHaveLength(2 + 1 + engine.length)
    expect(lines[2]).toBe('| `GRADE_D` | grade | 等级 D | a \\| b c | rule |')
  })

  it('is rendered into docs/policy.md exactly', () => {
    const result = loadReasonCatalogueFromYamlText(text)
    if (!result.ok) throw new Error('catalogue')
    expect(readFileSync('docs/policy.md', 'utf8')).toContain(renderReasonCatalogueMarkdown(result.value))
  })
})
