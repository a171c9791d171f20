import { HotCache } from './hot-cache.js'
import type { InspectedLink, InspectResult } from './inspected-link.js'
import type { Share } from './links/types.js'
import type { DecidedBy, Decision, ReasonRef } from './policy/decision.js'

// Every field of the answer is written below by name. Adding a field to one of these types fails the
// build here until the writer writes it too.
type AllWritten<T, Written extends keyof T> = [Exclude<keyof T, Written>] extends [never]
  ? true
  : Exclude<keyof T, Written>
const EVERY_FIELD_WRITTEN: [
  AllWritten<InspectResult, 'links' | 'shares' | 'policyVersion'>,
  AllWritten<
    InspectedLink,
    | 'raw'
    | 'start'
    | 'end'
    | 'url'
    | 'host'
    | 'domain'
    | 'provider'
    | 'category'
    | 'flags'
    | 'display'
    | 'verdict'
    | 'grade'
    | 'decision'
    | 'appUrl'
    | 'goUrl'
  >,
  AllWritten<
    Decision,
    'action' | 'reasons' | 'policyVersion' | 'phaseId' | 'card' | 'openInApp' | 'external' | 'trace'
  >,
  AllWritten<ReasonRef, 'code' | 'kind' | 'decidedBy' | 'detail'>,
  AllWritten<Share, 'provider' | 'kind' | 'token' | 'title' | 'linkIndex'>,
] = [true, true, true, true, true]
void EVERY_FIELD_WRITTEN

/** Printable ASCII other than `"` and `\`: written as it is. */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7f]*$/
const SHORT_ESCAPES: Record<number, string> = {
  8: '\\b',
  9: '\\t',
  10: '\\n',
  12: '\\f',
  13: '\\r',
  34: '\\"',
  92: '\\\\',
}

/**
 * A JSON string literal in ASCII: what JSON.stringify writes, with every code unit from U+0080 up
 * written as `\uXXXX`. The same value to any JSON reader; the body stays one-byte text, which Node
 * sends without a UTF-16 to UTF-8 pass.
 * @example asciiJsonString('淘宝 "x"') // '"\\u6dd8\\u5b9d \\"x\\""'
 */
export function asciiJsonString(text: string): string {
  if (PLAIN.test(text)) return `"${text}"`
  let out = '"'
  let from = 0
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    if (unit >= 0x20 && unit < 0x80 && unit !== 34 && unit !== 92) continue
    out += text.slice(from, i) + (SHORT_ESCAPES[unit] ?? `\\u${unit.toString(16).padStart(4, '0')}`)
    from = i + 1
  }
  return `${out}${text.slice(from)}"`
}

const number = (value: number): string => (Number.isFinite(value) ? String(value) : 'null')

function decidedByJson(by: DecidedBy): string {
  switch (by.type) {
    case 'policy':
      return `{"type":"policy","version":${asciiJsonString(by.version)}}`
    case 'case':
      return `{"type":"case","caseId":${asciiJsonString(by.caseId)},"automated":${by.automated}}`
    case 'safety':
    case 'user':
    case 'group':
      return `{"type":"${by.type}"}`
  }
}

function reasonJson(reason: ReasonRef): string {
  const detail = reason.detail === undefined ? '' : `,"detail":${asciiJsonString(reason.detail)}`
  return `{"code":${asciiJsonString(reason.code)},"kind":${asciiJsonString(reason.kind)},"decidedBy":${decidedByJson(reason.decidedBy)}${detail}}`
}

/**
 * asciiJsonString, held one byte per character. Escaped JSON is ASCII, but a slice of a string that
 * holds any wider character (a Chinese message, a YAML file) stays two bytes per character, and one
 * such piece makes a whole answer two-byte: slower to measure and to encode when it is sent. JSON.parse
 * builds its strings anew, one byte per character when they fit.
 */
function oneByteJsonString(text: string): string {
  const json = asciiJsonString(text)
  // A literal with no escapes parses back to the text, which is all it needs.
  return json.length === text.length + 2 ? `"${JSON.parse(json) as string}"` : oneByte(json)
}

/** ASCII text (escaped JSON) held one byte per character: quoted once more, it parses back to itself. */
const oneByte = (ascii: string): string => JSON.parse(JSON.stringify(ascii)) as string

/** What a link's JSON holds that follows from its URL and registry entry, and its raw text. */
interface LinkTail {
  /** The parts that vary with the message and the decision, as last seen (undefined: not yet). */
  raw: string | undefined
  rawJson: string
  appUrl: string | null | undefined
  appUrlJson: string
  goUrl: string | undefined
  goUrlJson: string
  host: string
  domain: string | null
  provider: string | null
  category: string
  flags: readonly string[]
  display: string
  json: string
}

const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((item, i) => item === b[i])

/**
 * Writes inspect answers as JSON: the same value as JSON.stringify gives, in ASCII (non-ASCII
 * escaped), faster to write and to send (`bench/inspect-json.bench.ts`). It remembers the JSON of what
 * recurs from answer to answer, as one-byte text: a URL's facts and raw text, checked field by field
 * before reuse; short recurring strings (actions, versions, trace lines); and frozen reason
 * references (a frozen object's JSON cannot change).
 * @example new InspectJsonWriter().result({ links: [], shares: [], policyVersion: 'v1' }) // '{"links":[],"shares":[],"policyVersion":"v1"}'
 */
export class InspectJsonWriter {
  readonly #tails: HotCache<string, LinkTail>
  readonly #literals: HotCache<string, string>
  #reasons = new WeakMap<ReasonRef, string>()

  /** Limits per generation, in UTF-16 bytes of JSON: a URL may be up to 64 KiB long. */
  constructor(
    options: { linkBytes: number; literalBytes: number } = { linkBytes: 8 << 20, literalBytes: 1 << 20 },
  ) {
    // The parts kept as last seen (raw text, open-in-app and go links) are about the URL's length each.
    this.#tails = new HotCache({
      limit: options.linkBytes,
      cost: (tail) => 256 + (tail.json.length + tail.rawJson.length + 2 * tail.goUrlJson.length) * 2,
    })
    this.#literals = new HotCache({ limit: options.literalBytes, cost: (json) => 64 + json.length * 2 })
  }

  /** Forgets what it remembers (benchmarks). */
  clear(): void {
    this.#tails.clear()
    this.#literals.clear()
    this.#reasons = new WeakMap()
  }

  result(result: InspectResult): string {
    let out = '{"links":['
    for (let i = 0; i < result.links.length; i++) out += (i === 0 ? '' : ',') + this.link(result.links[i]!)
    out += '],"shares":['
    for (let i = 0; i < result.shares.length; i++)
      out += (i === 0 ? '' : ',') + this.#share(result.shares[i]!)
    return `${out}],"policyVersion":${this.#literal(result.policyVersion)}}`
  }

  link(link: InspectedLink): string {
    const tail = this.#tail(link)
    return (
      `{"raw":${tail.rawJson},"start":${number(link.start)},"end":${number(link.end)}${tail.json}` +
      `,"verdict":${this.#literal(link.verdict)},"grade":${this.#literal(link.grade)}` +
      `,"decision":${this.decision(link.decision)},"appUrl":${tail.appUrlJson},"goUrl":${tail.goUrlJson}}`
    )
  }

  decision(decision: Decision): string {
    let reasons = '['
    for (let i = 0; i < decision.reasons.length; i++)
      reasons += (i === 0 ? '' : ',') + this.#reason(decision.reasons[i]!)
    return (
      `{"action":${this.#literal(decision.action)},"reasons":${reasons}]` +
      `,"policyVersion":${this.#literal(decision.policyVersion)}` +
      `,"phaseId":${decision.phaseId === null ? 'null' : this.#literal(decision.phaseId)}` +
      `,"card":${this.#literal(decision.card)},"openInApp":${decision.openInApp},"external":${decision.external}` +
      `,"trace":${this.#list(decision.trace)}}`
    )
  }

  /** A string that recurs across answers (an action, a version, a trace line), as one-byte JSON. */
  #literal(text: string): string {
    let json = this.#literals.get(text)
    if (json === undefined) {
      json = oneByteJsonString(text)
      this.#literals.set(text, json)
    }
    return json
  }

  #list(list: readonly string[]): string {
    let out = '['
    for (let i = 0; i < list.length; i++) out += (i === 0 ? '' : ',') + this.#literal(list[i]!)
    return `${out}]`
  }

  #share(share: Share): string {
    let out = `{"provider":${this.#literal(share.provider)},"kind":${this.#literal(share.kind)}`
    if (share.token !== undefined) out += `,"token":${asciiJsonString(share.token)}`
    if (share.title !== undefined) out += `,"title":${asciiJsonString(share.title)}`
    if (share.linkIndex !== undefined) out += `,"linkIndex":${number(share.linkIndex)}`
    return `${out}}`
  }

  #reason(reason: ReasonRef): string {
    if (!Object.isFrozen(reason) || !Object.isFrozen(reason.decidedBy)) return reasonJson(reason)
    let json = this.#reasons.get(reason)
    if (json === undefined) {
      json = oneByte(reasonJson(reason))
      this.#reasons.set(reason, json)
    }
    return json
  }

  #tail(link: InspectedLink): LinkTail {
    let tail = this.#tails.get(link.url)
    const known =
      tail !== undefined &&
      tail.host === link.host &&
      tail.domain === link.domain &&
      tail.provider === link.provider &&
      tail.category === link.category &&
      tail.display === link.display &&
      sameList(tail.flags, link.flags)
    if (!known || tail === undefined) {
      tail = {
        raw: undefined,
        rawJson: '',
        appUrl: undefined,
        appUrlJson: '',
        goUrl: undefined,
        goUrlJson: '',
        host: link.host,
        domain: link.domain,
        provider: link.provider,
        category: link.category,
        flags: [...link.flags],
        display: link.display,
        json:
          `,"url":${oneByteJsonString(link.url)},"host":${oneByteJsonString(link.host)}` +
          `,"domain":${link.domain === null ? 'null' : oneByteJsonString(link.domain)}` +
          `,"provider":${link.provider === null ? 'null' : this.#literal(link.provider)}` +
          `,"category":${this.#literal(link.category)},"flags":${this.#list(link.flags)}` +
          `,"display":${oneByteJsonString(link.display)}`,
      }
    }
    if (tail.raw !== link.raw) {
      tail.raw = link.raw
      tail.rawJson = oneByteJsonString(link.raw)
    }
    if (tail.appUrl !== link.appUrl) {
      tail.appUrl = link.appUrl
      tail.appUrlJson = link.appUrl === null ? 'null' : oneByteJsonString(link.appUrl)
    }
    if (tail.goUrl !== link.goUrl) {
      tail.goUrl = link.goUrl
      tail.goUrlJson = oneByteJsonString(link.goUrl)
    }
    // Set once filled, so that its cost counts what it holds.
    if (!known) this.#tails.set(link.url, tail)
    return tail
  }
}
