import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { asciiJsonString, InspectJsonWriter } from './inspect-json.js'
import type { InspectedLink, InspectResult } from './inspected-link.js'
import type { DecidedBy, Decision, ReasonRef } from './policy/decision.js'
import { LINK_FLAGS, type Share } from './links/types.js'
import { REASON_KINDS } from './policy/reason-catalogue.js'
import { ACTIONS, CARD_STYLES, CATEGORIES, GRADES, VERDICTS } from './vocabulary.js'

/** JSON.stringify's text with every code unit from U+0080 up escaped: what the writer promises. */
const reference = (value: unknown): string =>
  JSON.stringify(value).replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )

// Any UTF-16 text: quotes, backslashes, control characters, CJK, lone and paired surrogates.
const text = fc.string({ unit: 'binary', maxLength: 24 })
const anyText = fc.oneof(
  text,
  fc.constantFrom('', '"', '\\', '\u0000', '\u001f', '\u007f', 'a\u007f\n', '→', '\ud800', '😀'),
)
const nullableText = fc.option(anyText, { nil: null })
const optionalText = fc.option(anyText, { nil: undefined })

const decidedBy: fc.Arbitrary<DecidedBy> = fc.oneof(
  fc.record({ type: fc.constant('policy' as const), version: anyText }),
  fc.record({ type: fc.constant('case' as const), caseId: anyText, automated: fc.boolean() }),
  fc.constantFrom<DecidedBy>({ type: 'safety' }, { type: 'user' }, { type: 'group' }),
)
const reason: fc.Arbitrary<ReasonRef> = fc
  .tuple(anyText, fc.constantFrom(...REASON_KINDS), decidedBy, optionalText, fc.boolean())
  .map(([code, kind, by, detail, frozen]) => {
    const ref: ReasonRef =
      detail === undefined ? { code, kind, decidedBy: by } : { code, kind, decidedBy: by, detail }
    return frozen ? Object.freeze({ ...ref, decidedBy: Object.freeze({ ...by }) }) : ref
  })
const decision: fc.Arbitrary<Decision> = fc.record({
  action: fc.constantFrom(...ACTIONS),
  reasons: fc.array(reason, { maxLength: 3 }),
  policyVersion: anyText,
  phaseId: nullableText,
  card: fc.constantFrom(...CARD_STYLES),
  openInApp: fc.boolean(),
  external: fc.boolean(),
  trace: fc.array(anyText, { maxLength: 4 }),
})
// Each URL comes with its usual facts, and now and then with some of them changed: one writer then sees
// the same URL with other facts and must not answer from memory. Any text sometimes, for the escaping.
type UrlFacts = Pick<InspectedLink, 'url' | 'host' | 'domain' | 'provider' | 'category' | 'flags' | 'display'>
const USUAL: UrlFacts[] = [
  {
    url: 'https://a.example/',
    host: 'a.example',
    domain: 'a.example',
    provider: 'jd',
    category: 'e-commerce',
    flags: [],
    display: 'a.example/',
  },
  {
    url: 'http://b.example/x?q=%221',
    host: 'b.example',
    domain: 'b.example',
    provider: null,
    category: 'other',
    flags: ['schemeless'],
    display: 'b.example/x?q="1',
  },
  {
    url: 'https://xn--fsqu00a.cn/',
    host: 'xn--fsqu00a.cn',
    domain: 'xn--fsqu00a.cn',
    provider: 'taobao',
    category: 'e-commerce',
    flags: ['idn'],
    display: '例子.cn/',
  },
]
const few = (...values: string[]) => fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...values) }, anyText)
const otherFacts = fc.record({
  host: few('a.example', 'b.example'),
  domain: fc.option(few('a.example'), { nil: null }),
  provider: fc.option(few('jd', 'taobao'), { nil: null }),
  category: fc.constantFrom(...CATEGORIES),
  flags: fc.array(fc.constantFrom(...LINK_FLAGS), { maxLength: 2 }),
  display: few('a.example/', '例子.cn/'),
})
const CHANGEABLE = ['host', 'domain', 'provider', 'category', 'flags', 'display'] as const
const facts: fc.Arbitrary<UrlFacts> = fc
  .tuple(
    fc.constantFrom(...USUAL),
    otherFacts,
    fc.oneof(
      { weight: 3, arbitrary: fc.constant([]) },
      fc.subarray([...CHANGEABLE], { maxLength: 1 }),
      fc.subarray([...CHANGEABLE]),
    ),
  )
  .map(([usual, other, changed]) => {
    const out: UrlFacts = { ...usual, flags: [...usual.flags] }
    for (const key of changed) Object.assign(out, { [key]: other[key] })
    return out
  })
const link: fc.Arbitrary<InspectedLink> = fc
  .tuple(
    facts,
    fc.record({
      raw: few('a.example', 'Ａ.example'),
      start: fc.nat(),
      end: fc.nat(),
      verdict: fc.constantFrom(...VERDICTS),
      grade: fc.constantFrom(...GRADES),
      decision,
      appUrl: fc.option(few('jd://x'), { nil: null }),
      goUrl: few('https://h.example/go/1', 'https://h.example/go/2'),
    }),
  )
  // Fields in the answer's order, as inspect builds them.
  .map(([f, rest]) => ({
    raw: rest.raw,
    start: rest.start,
    end: rest.end,
    url: f.url,
    host: f.host,
    domain: f.domain,
    provider: f.provider,
    category: f.category,
    flags: f.flags,
    display: f.display,
    verdict: rest.verdict,
    grade: rest.grade,
    decision: rest.decision,
    appUrl: rest.appUrl,
    goUrl: rest.goUrl,
  }))
const share: fc.Arbitrary<Share> = fc
  .tuple(
    anyText,
    fc.constantFrom('token' as const, 'share-text' as const),
    optionalText,
    optionalText,
    fc.option(fc.nat(), { nil: undefined }),
  )
  .map(([provider, kind, token, title, linkIndex]) => ({
    provider,
    kind,
    ...(token === undefined ? {} : { token }),
    ...(title === undefined ? {} : { title }),
    ...(linkIndex === undefined ? {} : { linkIndex }),
  }))
const result: fc.Arbitrary<InspectResult> = fc.record({
  links: fc.array(link, { maxLength: 3 }),
  shares: fc.array(share, { maxLength: 2 }),
  policyVersion: anyText,
})

describe('asciiJsonString', () => {
  it('is JSON.stringify with everything past ASCII escaped, for any UTF-16 text', () => {
    fc.assert(
      fc.property(anyText, (value) => {
        const json = asciiJsonString(value)
        expect(json).toBe(reference(value))
        expect(JSON.parse(json)).toBe(value)
      }),
      { numRuns: 2000 },
    )
  })
})

describe('InspectJsonWriter', () => {
  it('writes the value JSON.stringify writes, in ASCII, answer after answer from one writer', () => {
    const writer = new InspectJsonWriter({ linkBytes: 4096, literalBytes: 1024 })
    fc.assert(
      fc.property(fc.array(result, { minLength: 1, maxLength: 4 }), (answers) => {
        for (const answer of answers) {
          const json = writer.result(answer)
          expect(json).toMatch(/^[\x20-\x7f]*$/)
          expect(json).toBe(reference(answer))
        }
      }),
      { numRuns: 500 },
    )
  })

  it('does not answer from memory for a reason that changed after it was written', () => {
    const writer = new InspectJsonWriter()
    const by: DecidedBy = { type: 'case', caseId: 'c1', automated: true }
    const ref: ReasonRef = { code: 'CONTENT_FRAUD', kind: 'content', decidedBy: by }
    const write = () =>
      JSON.parse(
        writer.decision({
          action: 'block',
          reasons: [ref],
          policyVersion: 'v1',
          phaseId: null,
          card: 'none',
          openInApp: false,
          external: false,
          trace: [],
        }),
      ) as Decision
    expect(write().reasons[0]?.decidedBy).toEqual(by)
    by.automated = false
    ref.detail = 'reviewed'
    expect(write().reasons[0]).toEqual({ ...ref, decidedBy: { ...by } })
    // Frozen on the outside only: what it points to can still change.
    const outer = Object.freeze({ ...ref, decidedBy: by })
    expect(writer.decision({ ...JSON.parse(writer.decision(write())), reasons: [outer] })).toContain(
      '"automated":false',
    )
    by.automated = true
    expect(writer.decision({ ...JSON.parse(writer.decision(write())), reasons: [outer] })).toContain(
      '"automated":true',
    )
  })
})
