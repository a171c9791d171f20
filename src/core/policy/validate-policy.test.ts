import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { loadPolicyFromYamlText } from './load-policy.js'
import { policyJsonSchema } from './policy-json-schema.js'
import { loadReasonCatalogueFromYamlText } from './reason-catalogue.js'
import { findHostLikeToken } from './rule-scan.js'
import { validatePolicy } from './validate-policy.js'

const catalogueResult = loadReasonCatalogueFromYamlText(readFileSync('data/reasons.yaml', 'utf8'))
if (!catalogueResult.ok) throw new Error('catalogue')
const catalogue = catalogueResult.value
const DEFAULT_TEXT = readFileSync('data/default-policy.yaml', 'utf8')

// The raw document is untyped YAML data that each case breaks on purpose.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any

// A mutable copy of the shipped policy document, as plain data, for each case to break in one way.
function draft(): Doc {
  return parse(DEFAULT_TEXT)
}

function codes(doc: unknown, providerIds?: string[]): string[] {
  const result = validatePolicy(doc, catalogue, providerIds === undefined ? {} : { providerIds })
  return result.ok ? [] : result.issues.map((i) => i.code)
}

const groupRule = (doc: Doc): Doc => doc.phases[1].rules[3]

describe('validatePolicy: naming a provider or domain (MIIT standard 1)', () => {
  it.each([
    ['a provider key in match', (d: Doc) => (groupRule(d).match.provider = 'taobao')],
    ['a domain list in match', (d: Doc) => (groupRule(d).match.domains = ['taobao.com'])],
    ['a host key at rule level', (d: Doc) => (groupRule(d).host = 'item.jd.com')],
    ['a url value', (d: Doc) => (groupRule(d).description = 'open https://item.jd.com/1.html directly')],
    [
      'a bare domain in a description',
      (d: Doc) => (groupRule(d).description = 'e-commerce, except pinduoduo.com'),
    ],
    ['a punycode domain', (d: Doc) => (groupRule(d).description = 'not xn--fiqs8s.cn')],
    ['an IP literal', (d: Doc) => (groupRule(d).description = 'except 1.2.3.4')],
    ['a domain in a category slot', (d: Doc) => (groupRule(d).match.categories = ['tmall.com'])],
    [
      'a domain in a standing rule',
      (d: Doc) => (d.standingRules[0].description = 'grade C, like v.douyin.com'),
    ],
    ['a domain in the floor', (d: Doc) => (d.floor.suspicious.description = 'e.g. t.cn')],
  ])('refuses %s with policy_names_provider', (_label, mutate) => {
    const doc = draft()
    mutate(doc)
    expect(codes(doc)).toContain('policy_names_provider')
  })

  it('refuses a registered provider id when the registry is supplied', () => {
    const doc = draft()
    groupRule(doc).description = 'Opens everything from Taobao'
    expect(codes(doc, ['taobao', 'jd'])).toEqual(['policy_names_provider'])
    expect(codes(doc)).toEqual([])
    groupRule(doc).description = '除了淘宝以外的电商'
    const named = validatePolicy(doc, catalogue, { providerNames: ['淘宝', 'Taobao'] })
    expect(named.ok ? [] : named.issues.map((i) => i.code)).toEqual(['policy_names_provider'])
    groupRule(doc).description = 'not tencent_video'
    expect(codes(doc, ['tencent_video'])).toEqual(['policy_names_provider'])
    expect(codes(doc, ['video', 'group', 'policy'])).toEqual([])
  })

  it('does not mistake versions, categories, reason codes or file names for domains', () => {
    for (const text of [
      '8.0.16',
      'e-commerce',
      'POLICY_GROUP_NON_ECOMMERCE',
      'node.js',
      'e.g. this',
      'p2-group',
    ]) {
      expect(findHostLikeToken(text)).toBeNull()
    }
    expect(codes(draft())).toEqual([])
  })

  it('still lets a declared exemption name a provider', () => {
    const doc = draft()
    doc.exemptions = [
      {
        id: 'ex-1',
        provider: 'jd',
        action: 'open',
        reasons: ['POLICY_EXEMPTION'],
        statement: 'trial partner',
      },
    ]
    expect(codes(doc, ['jd'])).toEqual([])
    doc.exemptions[0].provider = 'jd.com'
    expect(codes(doc)).toEqual(['policy_invalid'])
  })
})

describe('validatePolicy: platform steps (MIIT standard 3)', () => {
  it.each([
    [
      'external: true in presentation',
      (d: Doc) => (groupRule(d).presentation = { external: true }),
      'policy_forces_external',
    ],
    ['systemBrowser flag', (d: Doc) => (groupRule(d).systemBrowser = 'always'), 'policy_forces_external'],
    ['an external action', (d: Doc) => (groupRule(d).action = 'open-external'), 'policy_forces_external'],
    [
      'a browser action in the floor',
      (d: Doc) => (d.floor.suspicious.action = 'system-browser'),
      'policy_forces_external',
    ],
    ['copyStep: true', (d: Doc) => (groupRule(d).presentation = { copyStep: true }), 'policy_adds_copy_step'],
    ['a copy action', (d: Doc) => (groupRule(d).action = 'copy-link'), 'policy_adds_copy_step'],
    [
      'a copy step in an exemption',
      (d: Doc) => (d.exemptions = [{ id: 'e', provider: 'x', copyStep: true }]),
      'policy_adds_copy_step',
    ],
  ])('refuses %s', (_label, mutate, code) => {
    const doc = draft()
    mutate(doc)
    expect(codes(doc)).toContain(code)
  })
})

describe('validatePolicy: reasons, categories, phases', () => {
  it('refuses a non-open action with no reason', () => {
    const doc = draft()
    delete groupRule(doc).reasons
    expect(codes(doc)).toEqual(['policy_reason_missing'])
    const outside = draft()
    outside.outsidePhases.reasons = []
    expect(codes(outside)).toEqual(['policy_reason_missing'])
  })

  it('refuses unknown categories and reason codes, naming where they are', () => {
    const doc = draft()
    groupRule(doc).match.categories = ['video', 'crypto']
    groupRule(doc).reasons = ['NOT_A_REASON']
    const result = validatePolicy(doc, catalogue)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.issues).toEqual([
      expect.objectContaining({
        code: 'policy_unknown_reason',
        path: ['phases', 1, 'rules', 3, 'reasons', 0],
      }),
      expect.objectContaining({
        code: 'policy_unknown_category',
        path: ['phases', 1, 'rules', 3, 'match', 'categories', 1],
      }),
    ])
  })

  it('refuses overlapping phases but accepts a phase that runs until the next one', () => {
    const doc = draft()
    doc.phases[0].to = '2021-12-01T00:00+08:00'
    expect(codes(doc)).toEqual(['policy_phases_overlap'])
    doc.phases[0].to = '2021-11-30T00:00+08:00'
    expect(codes(doc)).toEqual([])
    doc.phases[1].from = doc.phases[0].from
    expect(codes(doc)).toContain('policy_phases_overlap')
  })

  it('refuses a floor weaker than block for malicious and warn for suspicious', () => {
    const doc = draft()
    doc.floor.malicious.action = 'warn'
    doc.floor.suspicious.action = 'open'
    expect(codes(doc)).toEqual(['policy_floor_too_weak', 'policy_floor_too_weak'])
  })

  it('reports schema errors as policy_invalid with their paths', () => {
    const doc = draft()
    doc.phases[1].rules[0].action = 'allow'
    doc.preferenceBounds.feed.loosestUser = 'maybe'
    const result = validatePolicy(doc, catalogue)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['policy_invalid', 'preferenceBounds.feed.loosestUser'],
      ['policy_invalid', 'phases.1.rules.0.action'],
    ])
  })

  it('refuses unreadable times, versions and duplicate ids', () => {
    const doc = draft()
    doc.phases[0].from = 'next Tuesday'
    doc.phases[1].minClientVersion = 'latest'
    doc.phases[1].rules[1].id = 'p2-direct-open'
    expect(codes(doc).sort()).toEqual(['policy_duplicate_id', 'policy_invalid', 'policy_invalid'])
  })

  it('reports YAML syntax errors without throwing', () => {
    const result = loadPolicyFromYamlText('version: [1\nphases: {', catalogue)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.issues[0]?.code).toBe('policy_yaml_invalid')
    expect(codes(null)).toEqual(['policy_invalid'])
  })
})

describe('policyJsonSchema', () => {
  it('describes the document for outside tools', () => {
    const schema = policyJsonSchema()
    expect(Object.keys(schema.properties ?? {})).toEqual(
      expect.arrayContaining(['version', 'salt', 'phases', 'floor']),
    )
    expect(schema.required).toEqual(
      expect.arrayContaining(['version', 'phases', 'floor', 'preferenceBounds']),
    )
    expect(schema.required).not.toContain('exemptions')
  })
})
