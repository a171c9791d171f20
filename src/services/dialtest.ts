import type { Context } from '../context.js'
import { canonicaliseLink, extract, type LinkSpan } from '../core/links/index.js'
import type { ReasonRef } from '../core/policy/index.js'
import { SCENARIOS, type Action, type Grade, type Scenario, type Verdict } from '../core/vocabulary.js'
import { decideLink, decisionStateReady } from './inspect.js'
import { currentPolicy } from './policy.js'
import { registryOf } from './reference-data.js'
import { prepareSafety } from './safety.js'

export interface DialTestCase {
  url: string
  scenario: Scenario
  at?: Date | undefined
}

export interface DialTestRow {
  url: string
  scenario: Scenario
  at: string
  provider: string | null
  category: string | null
  verdict: Verdict | null
  grade: Grade | null
  action: Action | null
  card: string | null
  openInApp: boolean | null
  external: boolean | null
  reasons: (ReasonRef & { zh?: string; en?: string })[]
  policyVersion: string
  phaseId: string | null
  error?: string
}

export const MAX_DIALTEST_CASES = 1000

/** Reads the link of one dial-test line: the whole line must be one link. */
function linkOf(ctx: Context, url: string): LinkSpan | null {
  const found = extract(url, registryOf(ctx)).links
  if (found.length === 1 && found[0]!.start === 0 && found[0]!.end === url.length) return found[0]!
  return canonicaliseLink(url) ? (found[0] ?? null) : null
}

/**
 * Runs links × scenarios through the same decision path as inspect, with no user, group or
 * preferences: what any recipient gets by default.
 */
export async function runDialTest(ctx: Context, cases: readonly DialTestCase[]): Promise<DialTestRow[]> {
  await decisionStateReady(ctx)
  const compiled = await currentPolicy(ctx)
  const catalogue = compiled.catalogue
  const links = cases.map((item) => linkOf(ctx, item.url.trim()))
  const prep = await prepareSafety(
    ctx,
    links.flatMap((link) => (link ? [link.url] : [])),
    ctx.now(),
  )
  return cases.map((item, index): DialTestRow => {
    const at = item.at ?? ctx.now()
    const link = links[index] ?? null
    const base = {
      url: item.url,
      scenario: item.scenario,
      at: at.toISOString(),
      policyVersion: compiled.version,
    }
    if (!link) {
      return {
        ...base,
        provider: null,
        category: null,
        verdict: null,
        grade: null,
        action: null,
        card: null,
        openInApp: null,
        external: null,
        reasons: [],
        phaseId: null,
        error: 'not_a_link',
      }
    }
    const { verdict, grade, decision } = decideLink(ctx, compiled, link, {
      scenario: item.scenario,
      at,
      prep,
      prefs: null,
      group: null,
    })
    return {
      ...base,
      provider: link.provider,
      category: link.category,
      verdict,
      grade,
      action: decision.action,
      card: decision.card,
      openInApp: decision.openInApp,
      external: decision.external,
      reasons: decision.reasons.map((reason) => {
        const entry = catalogue.byCode.get(reason.code)
        return entry ? { ...reason, zh: entry.zh, en: entry.en } : reason
      }),
      policyVersion: decision.policyVersion,
      phaseId: decision.phaseId,
    }
  })
}

/**
 * Parses a dial-test list: one URL a line, or TSV `url[\tscenario][\tat]`; `#` starts a comment.
 * Lines without a scenario run in every requested scenario.
 */
export function parseDialTestList(
  text: string,
  scenarios: readonly Scenario[] = SCENARIOS,
  defaultAt?: Date,
): { cases: DialTestCase[]; problems: { line: number; message: string }[] } {
  const cases: DialTestCase[] = []
  const problems: { line: number; message: string }[] = []
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim()
    if (line === '') return
    const [url = '', scenario, at] = line.split('\t').map((part) => part.trim())
    if (scenario && !(SCENARIOS as readonly string[]).includes(scenario)) {
      problems.push({ line: index + 1, message: `unknown scenario "${scenario}"` })
      return
    }
    const when = at ? new Date(at) : defaultAt
    if (when && Number.isNaN(when.getTime())) {
      problems.push({ line: index + 1, message: `invalid time "${at}"` })
      return
    }
    for (const s of scenario ? [scenario as Scenario] : scenarios) cases.push({ url, scenario: s, at: when })
  })
  return { cases, problems }
}
