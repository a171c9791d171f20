import { CATEGORY_REASON as REASON_BY_CATEGORY } from '../../../src/core/complaints/severity.js'
// Shapes of the complaint desk API (issue 7); keep in sync with src/services/cases.ts and src/services/appeals.ts.

export interface CaseSummary {
  id: string
  url: string
  domain: string
  provider: string | null
  state: 'open' | 'escalated' | 'closed'
  priority: number
  reportCount: number
  distinctReporters: number
  categories: Record<string, number>
  heldReason?: string | null
  claimedBy?: string | null
  claimUntil?: string | null
  firstSeen?: string
  lastSeen?: string
}

export interface CaseDetail extends CaseSummary {
  reports: {
    id: string
    category: string
    subCategory: string | null
    scenario: string
    reporter: string
    weight: number
    held: boolean
    text: string | null
    outcome: string | null
    createdAt: string
    counted: boolean
  }[]
  evidence: {
    id: string
    state: string
    url: string
    finalUrl: string | null
    chain: { url: string; status: number }[] | null
    httpStatus: number | null
    contentSha256: string | null
    title: string | null
    error: string | null
    capturedAt: string | null
  }[]
  history: { at: string; kind: string; by: string; detail: Record<string, unknown> }[]
  decisions: {
    id: string
    action: string
    reason: string
    automated: boolean
    decidedBy: string
    decidedAt: string
    liftedAt: string | null
    liftedReason: string | null
    statement: unknown
  }[]
}

export interface AppealView {
  id: string
  caseId: string
  decisionId: string
  by: 'provider' | 'sharer' | 'reporter'
  provider: string | null
  text: string
  state: 'pending' | 'upheld' | 'reversed' | 'modified'
  filedAt: string
  decidedAt: string | null
  decidedBy: string | null
  response: string | null
}

export interface ReasonEntry {
  code: string
  kind: string
  zh: string
  en: string
  cites?: string
}

// The vocabularies come from the server's pure core, so the console can never drift from them.
export { COMPLAINT_CATEGORIES, SCENARIOS, type Scenario } from '../../../src/core/vocabulary.js'
/** The content reason a complaint category suggests; cases carry their category as a plain string. */
export const CATEGORY_REASON: Readonly<Record<string, string>> = REASON_BY_CATEGORY
