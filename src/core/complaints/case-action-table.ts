import { cardKey } from '../links/canonical-link.js'
import type { CaseAction } from '../policy/decision.js'
import type { Scenario } from '../vocabulary.js'
import type { DecisionScope } from './statement-of-reasons.js'

/** One restriction in force (or scheduled), as stored. */
export interface ActiveCaseAction {
  decisionId: string
  caseId: string
  action: 'warn' | 'block'
  scope: DecisionScope
  /** The card key (url), the prefix (url-prefix) or the registrable domain (domain). */
  target: string
  /** The registrable domain the target lies in; the index is keyed by it. */
  domain: string
  scenarios: readonly Scenario[] | null
  reason: string
  automated: boolean
  startsAt: Date
  endsAt: Date | null
}

/** Case actions indexed by registrable domain, so a link with no case costs one Map miss. */
export interface CaseActionTable {
  size: number
  forLink(link: { url: string; domain: string | null }, at: Date): CaseAction[]
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname
  } catch {
    return null
  }
}

// A prefix matches at a path boundary only: /shop/1 covers /shop/1/x and /shop/1?a, not /shop/10.
function prefixMatches(key: string, prefix: string): boolean {
  if (!key.startsWith(prefix)) return false
  if (key.length === prefix.length || prefix.endsWith('/')) return true
  const next = key.charAt(prefix.length)
  return next === '/' || next === '?' || next === '#'
}

/**
 * Builds the lookup the inspect path uses for every link: domain → actions, then exact key, prefix
 * and domain matches, honouring start and end times. Pure; never throws.
 * @example buildCaseActionTable(rows).forLink({ url: 'https://a.com/x', domain: 'a.com' }, new Date())
 */
export function buildCaseActionTable(rows: readonly ActiveCaseAction[]): CaseActionTable {
  const byDomain = new Map<string, ActiveCaseAction[]>()
  for (const row of rows) {
    const list = byDomain.get(row.domain)
    if (list) list.push(row)
    else byDomain.set(row.domain, [row])
  }
  return {
    size: rows.length,
    forLink(link, at) {
      if (byDomain.size === 0) return []
      const domain = link.domain ?? hostOf(link.url)
      if (domain === null) return []
      const candidates = byDomain.get(domain)
      if (candidates === undefined) return []
      const ms = at.getTime()
      let key: string | null | undefined
      const out: CaseAction[] = []
      for (const row of candidates) {
        if (ms < row.startsAt.getTime() || (row.endsAt !== null && ms >= row.endsAt.getTime())) continue
        if (row.scope !== 'domain') {
          key ??= cardKey(link.url)
          if (key === null) continue
          if (row.scope === 'url' ? key !== row.target : !prefixMatches(key, row.target)) continue
        }
        const action: CaseAction = {
          action: row.action,
          reason: row.reason,
          scope: row.scope === 'domain' ? 'domain' : 'link',
          caseId: row.caseId,
          automated: row.automated,
        }
        if (row.scenarios !== null) action.scenarios = row.scenarios
        out.push(action)
      }
      return out
    },
  }
}
