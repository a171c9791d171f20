import { parse as parseHost } from 'tldts'
import type { Issue } from '../result.js'
import { ACTIONS, CARD_STYLES, CATEGORIES, GRADES, SCENARIOS, VERDICTS } from '../vocabulary.js'

/**
 * Scans the raw policy document, before the schema, for the fairness violations that have their own
 * codes. MIIT standard 1: a rule may not single out a provider or domain (only case actions and declared
 * exemptions may). MIIT standard 3: platform policy may never force the system browser or a copy step.
 * Scanning the raw text catches these however they are spelled, even under keys the schema would reject.
 */

type Path = (string | number)[]

// Key names that point at a provider or a place on the web rather than at a kind of link.
const NAMING_KEY = /provider|domain|host|url|uri|origin|site|scheme|brand|appid|package|bundle/i
const EXTERNAL_KEY = /external|browser/i
const COPY_KEY = /copy/i
const EXTERNAL_ACTION = /external|browser/i
const COPY_ACTION = /copy/i

export interface RuleScanOptions {
  /** Registered provider ids; a rule string containing one as a word names it. */
  providerIds?: Iterable<string>
  /** Registered provider display names (淘宝, Taobao); a rule string containing one names it. */
  providerNames?: Iterable<string>
}

function isTruthyFlag(value: unknown): boolean {
  if (typeof value === 'boolean') return value
  if (typeof value === 'string') return !/^(|false|no|none|off|never|0)$/i.test(value.trim())
  return typeof value === 'number' ? value !== 0 : value !== null && value !== undefined
}

/** The first host-like token in a string (a registrable domain, an IP literal or a URL), if any. */
export function findHostLikeToken(text: string): string | null {
  if (/[a-z][a-z0-9+.-]*:\/\//i.test(text)) return text
  for (const raw of text.split(/[\s,;'"()<>[\]{}|，。、；：（）]+/)) {
    const token = raw.replace(/^[^0-9a-z\u00a1-\uffff]+|[^0-9a-z\u00a1-\uffff]+$/gi, '')
    if (!token.includes('.')) continue
    const host = token.split('/')[0] ?? token
    if (/^www\./i.test(host)) return token
    const parsed = parseHost(host)
    if (parsed.isIp === true) return token
    if (parsed.isIcann === true && parsed.domain !== null) return token
  }
  return null
}

// A provider id that is also a vocabulary word ("video") cannot be told apart from the word; the
// vocabulary wins, since rules must be able to say "video".
const VOCABULARY = new Set<string>(
  [...ACTIONS, ...CARD_STYLES, ...CATEGORIES, ...GRADES, ...SCENARIOS, ...VERDICTS].map((w) =>
    w.toLowerCase(),
  ),
)

function wordsOf(text: string): string[] {
  return text.toLowerCase().split(/[^a-z0-9_-]+/)
}

class Scanner {
  readonly issues: Issue[] = []
  private readonly providerIds: Set<string>
  private readonly providerNames: string[]

  constructor(options: RuleScanOptions) {
    this.providerIds = new Set(
      [...(options.providerIds ?? [])].map((id) => id.toLowerCase()).filter((id) => !VOCABULARY.has(id)),
    )
    // One-character names would match ordinary words; a name must be at least two characters.
    this.providerNames = [...(options.providerNames ?? [])]
      .map((n) => n.toLowerCase())
      .filter((n) => n.length >= 2)
  }

  /** Walk one rule-like object (a rule, a floor entry, an outcome) for provider or domain names. */
  naming(value: unknown, path: Path): void {
    if (Array.isArray(value)) {
      value.forEach((item, i) => this.naming(item, [...path, i]))
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (NAMING_KEY.test(key)) {
          this.push('policy_names_provider', [...path, key], `"${key}" singles out a provider or domain`)
        } else {
          this.naming(child, [...path, key])
        }
      }
    } else if (typeof value === 'string') {
      const host = findHostLikeToken(value)
      if (host !== null) {
        this.push('policy_names_provider', path, `"${host}" names a domain; rules match kinds of links only`)
      } else {
        const lower = value.toLowerCase()
        const id =
          wordsOf(value).find((w) => this.providerIds.has(w)) ??
          this.providerNames.find((n) => lower.includes(n))
        if (id !== undefined) this.push('policy_names_provider', path, `"${id}" names a registered provider`)
      }
    }
  }

  /** Walk anything the platform controls for forced external browsers or copy steps. */
  platformSteps(value: unknown, path: Path): void {
    if (Array.isArray(value)) {
      value.forEach((item, i) => this.platformSteps(item, [...path, i]))
      return
    }
    if (value === null || typeof value !== 'object') return
    for (const [key, child] of Object.entries(value)) {
      const at = [...path, key]
      if (key === 'action' && typeof child === 'string') {
        if (EXTERNAL_ACTION.test(child)) {
          this.push('policy_forces_external', at, `action "${child}" would force the system browser`)
        } else if (COPY_ACTION.test(child)) {
          this.push('policy_adds_copy_step', at, `action "${child}" would add a copy step`)
        }
      } else if (EXTERNAL_KEY.test(key) && isTruthyFlag(child)) {
        this.push('policy_forces_external', at, 'platform policy may not force the system browser')
      } else if (COPY_KEY.test(key) && isTruthyFlag(child)) {
        this.push('policy_adds_copy_step', at, 'platform policy may not add a copy step')
      } else {
        this.platformSteps(child, at)
      }
    }
  }

  private push(code: string, path: Path, message: string): void {
    this.issues.push({ code, path, message })
  }
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null
}

/**
 * Find rules that name a provider or domain, and platform actions that force the system browser or a copy step.
 * @example scanPolicyRules({ phases: [{ rules: [{ match: { domain: 'jd.com' } }] }] })[0].code // 'policy_names_provider'
 */
export function scanPolicyRules(doc: unknown, options: RuleScanOptions = {}): Issue[] {
  const root = asRecord(doc)
  if (root === null) return []
  const scanner = new Scanner(options)
  const phases = Array.isArray(root.phases) ? (root.phases as unknown[]) : []
  phases.forEach((phase, i) => {
    const rules = asRecord(phase)?.rules
    if (rules !== undefined) scanner.naming(rules, ['phases', i, 'rules'])
  })
  for (const key of [
    'standingRules',
    'floor',
    'outsidePhases',
    'previous',
    'presentation',
    'preferenceBounds',
  ]) {
    if (root[key] !== undefined) scanner.naming(root[key], [key])
  }
  // Exemptions may name a provider (that is what they are for) but may not force a step on it either.
  scanner.platformSteps(root, [])
  return scanner.issues
}
