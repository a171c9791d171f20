import type { Action, Scenario, Verdict } from '../vocabulary.js'

/** The fields of a dial-test row (services/dialtest.ts `DialTestRow`) that the fairness audit reads. */
export interface AuditRow {
  url: string
  scenario: Scenario
  provider: string | null
  category: string | null
  verdict: Verdict | null
  action: Action | null
  card: string | null
  openInApp: boolean | null
  external: boolean | null
  reasons: readonly { code: string; kind?: string }[]
  error?: string
}

/** The published catalogue as the audit needs it: code → kind (safety, content, policy, grade, case, …). */
export type CatalogueKinds = ReadonlyMap<string, string>

/**
 * Reason kinds that justify treating one provider's link differently from its peers: a threat hit or
 * heuristic (safety), a reviewed or interim case (case, content) and a grade under a published rule (grade).
 */
export const JUSTIFYING_KINDS: ReadonlySet<string> = new Set(['safety', 'case', 'content', 'grade'])

const ACTION_RANK: Record<string, number> = { open: 0, warn: 1, block: 2 }
const CARD_RANK: Record<string, number> = { full: 0, compact: 1, none: 2 }

/** How a row is shown and opened, as one comparable string. */
export function treatmentOf(row: AuditRow): string {
  return `${row.action ?? '-'} · card ${row.card ?? '-'} · ${row.openInApp ? 'app' : 'no-app'}${row.external ? ' · external' : ''}`
}

/** Orders treatments from the most open to the most restrictive; lower is better for the user. */
export function treatmentRank(row: AuditRow): number {
  return (
    (ACTION_RANK[row.action ?? 'block'] ?? 2) * 100 +
    (CARD_RANK[row.card ?? 'none'] ?? 2) * 10 +
    (row.openInApp ? 0 : 2) +
    (row.external ? 1 : 0)
  )
}

/** A card's rank: 0 full, 1 compact, 2 none. */
export function cardRank(card: string | null): number {
  return CARD_RANK[card ?? 'none'] ?? 2
}

/** The reason kinds of a row, from the catalogue where the code resolves, else as the row states them. */
export function reasonKinds(row: AuditRow, catalogue: CatalogueKinds): string[] {
  return row.reasons.map((r) => catalogue.get(r.code) ?? r.kind ?? 'unknown')
}

/** Whether a row's restriction rests on a justifying reason (safety, case, content or grade). */
export function isJustified(row: AuditRow, catalogue: CatalogueKinds): boolean {
  return reasonKinds(row, catalogue).some((kind) => JUSTIFYING_KINDS.has(kind))
}

/** A clean link with no justifying reason: the rows the three standards compare. */
export function isComparable(row: AuditRow, catalogue: CatalogueKinds): boolean {
  return (
    row.error === undefined && row.action !== null && row.verdict === 'clean' && !isJustified(row, catalogue)
  )
}
