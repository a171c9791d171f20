import type { WallKind } from './card-metadata.js'
import type { WallPattern, WallSignal } from './wall-patterns.js'

/** The page facts wall detection reads, already reduced to plain strings. */
export interface WallEvidence {
  title: string | null
  /** The final URL after redirects, and any meta-refresh or scripted redirect targets, all absolute. */
  url: string
  redirectTargets: readonly string[]
  formActions: readonly string[]
  markupTokens: readonly string[]
  passwordInputs: number
  /** The page describes itself (Open Graph/Twitter title or JSON-LD): weak signals are then ignored. */
  hasRichMetadata: boolean
}

export interface WallFinding {
  kind: WallKind
  pattern: WallPattern
}

interface Compiled {
  pattern: WallPattern
  regex: RegExp | null
}

const compiledLists = new WeakMap<readonly WallPattern[], Compiled[]>()

/**
 * The first wall pattern the page matches, or null; patterns with invalid regular expressions are skipped.
 * @example
 * detectWall({ title: '登录 - 示例', url: 'https://example.com/', … }, DEFAULT_WALL_PATTERNS)?.kind // 'login'
 */
export function detectWall(evidence: WallEvidence, patterns: readonly WallPattern[]): WallFinding | null {
  for (const { pattern, regex } of compile(patterns)) {
    if (pattern.strength === 'weak' && evidence.hasRichMetadata) continue
    if (matches(pattern.signal, regex, evidence)) return { kind: pattern.kind, pattern }
  }
  return null
}

function matches(signal: WallSignal, regex: RegExp | null, evidence: WallEvidence): boolean {
  if (signal === 'password-input') return evidence.passwordInputs > 0
  if (regex === null) return false
  switch (signal) {
    case 'title':
      return evidence.title !== null && regex.test(evidence.title)
    case 'url':
      return regex.test(urlKey(evidence.url) ?? '')
    case 'redirect-target':
      return evidence.redirectTargets.some((target) => regex.test(urlKey(target) ?? ''))
    case 'form-action':
      return evidence.formActions.some((action) => regex.test(urlKey(action) ?? ''))
    case 'markup':
      return evidence.markupTokens.some((token) => regex.test(token))
  }
}

/** `host/path`, lower-cased: what URL patterns are written against. */
function urlKey(url: string): string | null {
  try {
    const parsed = new URL(url)
    return `${parsed.hostname}${parsed.pathname}`.toLowerCase()
  } catch {
    return null
  }
}

function compile(patterns: readonly WallPattern[]): Compiled[] {
  let compiled = compiledLists.get(patterns)
  if (compiled === undefined) {
    compiled = patterns.map((pattern) => ({ pattern, regex: safeRegex(pattern.pattern) }))
    compiledLists.set(patterns, compiled)
  }
  return compiled
}

function safeRegex(source: string): RegExp | null {
  if (source === '') return null
  try {
    return new RegExp(source, 'iu')
  } catch {
    return null
  }
}
