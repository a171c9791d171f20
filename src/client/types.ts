// Wire types of the HTTP API, mirroring /openapi.json. Shapes shared with core are imported as types
// only, so nothing of the server is loaded at run time.
import type { ChainCheck, LedgerEvent } from '../core/ledger/chain.js'
import type { ExtractResult, LinkSpan, Share } from '../core/links/types.js'
import type { InspectedLink, InspectResult } from '../core/inspected-link.js'
import type { Decision, GroupSettings, UserPreferences } from '../core/policy/index.js'
import type { ComplaintCategory, Grade, Scenario, Verdict } from '../core/vocabulary.js'

export type {
  ChainCheck,
  ComplaintCategory,
  Decision,
  ExtractResult,
  Grade,
  GroupSettings,
  InspectedLink,
  InspectResult,
  LedgerEvent,
  LinkSpan,
  Scenario,
  Share,
  UserPreferences,
  Verdict,
}

export interface InspectRequest {
  text: string
  scenario: Scenario
  userId?: string
  groupId?: string
  clientVersion?: string
  /** Evaluate "as of" this time: ISO 8601 with an offset. */
  at?: string
}

export interface PolicyInput {
  /** The policy as YAML or JSON text; or send `document`. */
  yaml?: string
  document?: Record<string, unknown>
  note?: string
}

export interface PolicyVersionInfo {
  version: string
  publishedAt: string
  publishedBy: string
  note: string | null
}

export interface PolicyState {
  current: Record<string, unknown>
  version: string
  history: PolicyVersionInfo[]
}

export interface ApiIssueList {
  issues: { code: string; path: (string | number)[]; message: string }[]
}

export type PolicyValidation = { ok: true; version: string } | ({ ok: false } & ApiIssueList)

export interface PublishedPolicy extends PolicyVersionInfo {
  document: unknown
  diff: unknown
}

export interface SimulationSample {
  url: string
  scenario: Scenario
  clientVersion?: string
  at?: string
}

export interface DialTestRequest {
  urls: string[]
  scenarios?: Scenario[]
  at?: string
}

export interface LedgerPage {
  items: LedgerEvent[]
  /** Pass as `after` for the next page; null on the last one. */
  next: number | null
  head: { seq: number; hash: string }
}

export interface ReportRequest {
  reporterId: string
  url: string
  scenario: Scenario
  category: ComplaintCategory
  subCategory?: string
  text?: string
  evidence?: { messageText: string; senderId?: string; sentAt?: string }
  /** The SDK sets one when absent, so a retried submission is stored once. */
  idempotencyKey?: string
}

export interface ReportReceipt {
  id: string
  status: 'received' | 'held_for_review'
  caseId: string
  duplicate: boolean
  replayed?: boolean
  warning?: { code: string; message: string; remaining?: number }
}

export type CaseState = 'open' | 'escalated' | 'closed'

export interface CaseItem {
  id: string
  url: string
  domain: string
  provider: string | null
  state: CaseState
  priority: number
  reportCount: number
  distinctReporters: number
  weightedReporters: number
  categories: Record<string, number>
  heldReason: string | null
  claimedBy: string | null
  claimUntil: string | null
  firstSeen: string
  lastSeen: string
  noticeState: string
}

export interface CaseQuery {
  state?: CaseState
  category?: ComplaintCategory
  provider?: string
  domain?: string
  sort?: 'priority' | 'recent'
  limit?: number
}

export interface CaseDecisionRequest {
  action: 'dismiss' | 'warn' | 'block'
  scope: 'url' | 'url-prefix' | 'domain'
  scenarios?: Scenario[]
  durationHours?: number
  ground: 'illegal' | 'terms'
  /** A reason code from the published catalogue. */
  reason: string
  explanation: string
  facts?: string
  target?: string
  category?: ComplaintCategory
}

export type AppealState = 'pending' | 'upheld' | 'reversed' | 'modified'

export interface Appeal {
  id: string
  caseId: string
  decisionId: string
  by: 'provider' | 'sharer' | 'reporter'
  provider: string | null
  text: string
  state: AppealState
  filedAt: string
  decidedAt: string | null
  decidedBy: string | null
  response: string | null
  newDecisionId: string | null
}

export interface AppealDecisionRequest {
  outcome: 'upheld' | 'reversed' | 'modified'
  response: string
  newDecision?: CaseDecisionRequest
}

export interface Health {
  status: 'ok' | 'unavailable'
  store: 'pglite' | 'postgres'
}
