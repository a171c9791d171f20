import type { Scenario } from '../vocabulary.js'
import {
  cardRank,
  isComparable,
  isJustified,
  treatmentOf,
  treatmentRank,
  type AuditRow,
  type CatalogueKinds,
} from './audit-row.js'

/** The check a finding fails: MIIT's three standards, reasons present, reasons published, rows decided. */
export type AuditStandard =
  'standard-1' | 'standard-2' | 'standard-3' | 'reasons' | 'catalogue' | 'completeness'

export const STANDARD_TITLES: Record<AuditStandard, { zh: string; en: string }> = {
  'standard-1': {
    zh: '标准一：同类链接同等展示、同等打开',
    en: 'Standard 1: links of the same kind are shown and opened the same way',
  },
  'standard-2': {
    zh: '标准二：合法链接在单聊中直接打开',
    en: 'Standard 2: a clean, legal link opens directly in one-to-one chats',
  },
  'standard-3': {
    zh: '标准三：不得对特定平台增加额外步骤或更差的卡片',
    en: "Standard 3: no extra step or worse card for particular providers' links",
  },
  reasons: { zh: '每项限制都有理由代码', en: 'Every restriction carries a reason code' },
  catalogue: {
    zh: '每个理由代码都在公开目录中',
    en: 'Every reason code resolves in the published catalogue',
  },
  completeness: { zh: '每一行都得到了决定', en: 'Every row was decided' },
}

export interface AuditFinding {
  standard: AuditStandard
  code: string
  message: string
  scenario: Scenario | null
  category: string | null
  provider: string | null
  rows: AuditRow[]
}

/** A restriction the audit accepts because it rests on a safety, case, content or grade reason. */
export interface JustifiedRestriction {
  row: AuditRow
  reasons: string[]
}

export interface AuditResult {
  clean: boolean
  findings: AuditFinding[]
  justified: JustifiedRestriction[]
  summary: {
    rows: number
    comparable: number
    providers: number
    scenarios: number
    findingsByStandard: Record<AuditStandard, number>
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const k = key(item)
    const list = groups.get(k)
    if (list) list.push(item)
    else groups.set(k, [item])
  }
  return groups
}

const providersOf = (rows: readonly AuditRow[]): string =>
  [...new Set(rows.map((r) => r.provider ?? '(unregistered)'))].sort().join(', ')
const codesOf = (row: AuditRow): string =>
  row.reasons
    .map((r) => r.code)
    .sort()
    .join(' ')

/** Standard 1: per scenario, category-mates agree; across categories, the same action and reasons mean the same presentation. */
function standardOne(rows: readonly AuditRow[], out: AuditFinding[]): void {
  for (const group of groupBy(rows, (r) => `${r.scenario}\0${r.category ?? 'other'}`).values()) {
    const best = Math.min(...group.map(treatmentRank))
    const worse = group.filter((r) => treatmentRank(r) > best)
    if (worse.length === 0) continue
    const reference = group.find((r) => treatmentRank(r) === best)!
    out.push({
      standard: 'standard-1',
      code: 'same_category_treated_differently',
      message: `${reference.category ?? 'other'} links in ${reference.scenario}: ${providersOf(worse)} get ${[...new Set(worse.map(treatmentOf))].join(' / ')} while ${providersOf(group.filter((r) => treatmentRank(r) === best))} get ${treatmentOf(reference)}`,
      scenario: reference.scenario,
      category: reference.category,
      provider: null,
      rows: worse,
    })
  }
  // A difference in presentation that no reason explains: the same action and reasons, a different card.
  for (const group of groupBy(rows, (r) => `${r.scenario}\0${r.action ?? ''}\0${codesOf(r)}`).values()) {
    const best = Math.min(...group.map(treatmentRank))
    const worse = group.filter((r) => treatmentRank(r) > best)
    const categories = new Set(group.map((r) => r.category))
    if (worse.length === 0 || categories.size < 2) continue
    const reference = group.find((r) => treatmentRank(r) === best)!
    const worseCategories = [...new Set(worse.map((r) => r.category ?? 'other'))].sort()
    out.push({
      standard: 'standard-1',
      code: 'presentation_differs_without_reason',
      message: `${reference.scenario}: ${worseCategories.join(', ')} links get ${[...new Set(worse.map(treatmentOf))].join(' / ')} under the same action and reasons (${codesOf(reference) || 'none'}) that give ${reference.category ?? 'other'} links ${treatmentOf(reference)}`,
      scenario: reference.scenario,
      category: worseCategories.join(','),
      provider: null,
      rows: worse,
    })
  }
}

/** Standard 2: clean, legal links open directly in one-to-one chats. */
function standardTwo(rows: readonly AuditRow[], out: AuditFinding[]): void {
  const closed = rows.filter((r) => r.scenario === 'direct' && r.action !== 'open')
  for (const [provider, list] of groupBy(closed, (r) => r.provider ?? '(unregistered)')) {
    out.push({
      standard: 'standard-2',
      code: 'clean_link_not_open_in_direct',
      message: `${provider}: ${list.length} clean link(s) get ${[...new Set(list.map((r) => r.action))].join('/')} instead of open in direct`,
      scenario: 'direct',
      category: null,
      provider,
      rows: list,
    })
  }
}

/** Standard 3: no forced system browser, no missing in-app opening, no worse card than peers with the same action. */
function standardThree(rows: readonly AuditRow[], out: AuditFinding[]): void {
  for (const scenarioRows of groupBy(rows, (r) => r.scenario).values()) {
    const anyApp = scenarioRows.some((r) => r.openInApp === true)
    const bestCardByAction = new Map<string, number>()
    for (const r of scenarioRows)
      bestCardByAction.set(
        r.action ?? '',
        Math.min(bestCardByAction.get(r.action ?? '') ?? 9, cardRank(r.card)),
      )
    const problems: { code: string; row: AuditRow; what: string }[] = []
    for (const row of scenarioRows) {
      if (row.external === true)
        problems.push({
          code: 'forced_external_browser',
          row,
          what: 'is sent to the system browser by the platform',
        })
      if (anyApp && row.openInApp !== true)
        problems.push({
          code: 'no_open_in_app',
          row,
          what: 'gets no open-in-app button (a copy step) that peers get',
        })
      if (cardRank(row.card) > (bestCardByAction.get(row.action ?? '') ?? 9))
        problems.push({
          code: 'worse_card',
          row,
          what: `gets card ${row.card ?? 'none'}, worse than peers with the same action`,
        })
    }
    for (const list of groupBy(
      problems,
      (p) => `${p.row.provider ?? '(unregistered)'}\0${p.code}`,
    ).values()) {
      const first = list[0]!
      out.push({
        standard: 'standard-3',
        code: first.code,
        message: `${first.row.provider ?? '(unregistered)'} in ${first.row.scenario}: ${list.length} link(s) ${first.what}`,
        scenario: first.row.scenario,
        category: null,
        provider: first.row.provider,
        rows: list.map((p) => p.row),
      })
    }
  }
}

/**
 * The fairness audit over dial-test rows: MIIT's three standards on clean links without a justifying
 * reason, plus reasons on every restriction and every reason in the published catalogue. Restrictions
 * on safety, case, content or grade reasons are listed as justified, never as unfair.
 * @example auditDialTest(rows, new Map([['SAFETY_MALICIOUS_FEED', 'safety']])).clean
 */
export function auditDialTest(rows: readonly AuditRow[], catalogue: CatalogueKinds): AuditResult {
  const findings: AuditFinding[] = []
  const failed = rows.filter((r) => r.error !== undefined || r.action === null)
  if (failed.length > 0) {
    findings.push({
      standard: 'completeness',
      code: 'row_not_decided',
      message: `${failed.length} row(s) could not be decided (${[...new Set(failed.map((r) => r.error ?? 'no action'))].join(', ')})`,
      scenario: null,
      category: null,
      provider: null,
      rows: failed,
    })
  }
  const unreasoned = rows.filter((r) => r.action !== null && r.action !== 'open' && r.reasons.length === 0)
  if (unreasoned.length > 0) {
    findings.push({
      standard: 'reasons',
      code: 'restriction_without_reason',
      message: `${unreasoned.length} restriction(s) carry no reason code`,
      scenario: null,
      category: null,
      provider: null,
      rows: unreasoned,
    })
  }
  for (const [code, list] of groupBy(
    rows.filter((r) => r.reasons.some((x) => !catalogue.has(x.code))),
    (r) => r.reasons.find((x) => !catalogue.has(x.code))!.code,
  )) {
    findings.push({
      standard: 'catalogue',
      code: 'reason_not_in_catalogue',
      message: `reason code ${code} is not in the published catalogue`,
      scenario: null,
      category: null,
      provider: null,
      rows: list,
    })
  }
  const comparable = rows.filter((r) => isComparable(r, catalogue))
  standardOne(comparable, findings)
  standardTwo(comparable, findings)
  standardThree(comparable, findings)
  const justified = rows
    .filter((r) => r.action !== null && r.action !== 'open' && isJustified(r, catalogue))
    .map((row) => ({ row, reasons: row.reasons.map((x) => x.code) }))
  const findingsByStandard: Record<AuditStandard, number> = {
    'standard-1': 0,
    'standard-2': 0,
    'standard-3': 0,
    reasons: 0,
    catalogue: 0,
    completeness: 0,
  }
  for (const f of findings) findingsByStandard[f.standard]++
  return {
    clean: findings.length === 0,
    findings,
    justified,
    summary: {
      rows: rows.length,
      comparable: comparable.length,
      providers: new Set(rows.map((r) => r.provider).filter((p) => p !== null)).size,
      scenarios: new Set(rows.map((r) => r.scenario)).size,
      findingsByStandard,
    },
  }
}
