const SCRIPTS = [
  'Latin',
  'Cyrillic',
  'Greek',
  'Armenian',
  'Han',
  'Hiragana',
  'Katakana',
  'Hangul',
  'Bopomofo',
  'Arabic',
  'Hebrew',
  'Thai',
  'Devanagari',
  'Georgian',
  'Cherokee',
  'Tibetan',
  'Mongolian',
] as const
const MATCHERS = SCRIPTS.map((script) => [script, new RegExp(`\\p{Script=${script}}`, 'u')] as const)
const NEUTRAL = /[\p{Script=Common}\p{Script=Inherited}]/u

/** Script sets TR39's "Highly Restrictive" level allows together, on top of any single script. */
const ALLOWED_MIXES: readonly (readonly string[])[] = [
  ['Latin', 'Han', 'Hiragana', 'Katakana'],
  ['Latin', 'Han', 'Bopomofo'],
  ['Latin', 'Han', 'Hangul'],
]

/**
 * The scripts used by a label's letters (digits, hyphens and marks are script-neutral).
 * @example scriptsOf('pаypal') // Set { 'Latin', 'Cyrillic' }
 */
export function scriptsOf(label: string): Set<string> {
  const scripts = new Set<string>()
  for (const char of label) {
    if (NEUTRAL.test(char)) continue
    scripts.add(MATCHERS.find(([, matcher]) => matcher.test(char))?.[0] ?? 'Other')
  }
  return scripts
}

/**
 * Whether a label mixes scripts beyond what TR39's Highly Restrictive profile allows (CJK with Latin is fine).
 * @example isMixedScript('淘宝tb') // false
 */
export function isMixedScript(label: string): boolean {
  const scripts = scriptsOf(label)
  if (scripts.size <= 1) return false
  return !ALLOWED_MIXES.some((allowed) => [...scripts].every((script) => allowed.includes(script)))
}
