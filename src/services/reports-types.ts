import type { CaseSubject } from '../core/complaints/index.js'
import type { ComplaintCategory, Scenario, Verdict } from '../core/vocabulary.js'
import type { HutongError } from '../errors.js'

/** A report as the platform sends it (the HTTP body of POST /v1/reports). */
export interface ReportInput {
  reporterId: string
  url: string
  scenario: Scenario
  category: ComplaintCategory
  subCategory?: string | undefined
  text?: string | undefined
  evidence?: { messageText: string; senderId?: string | undefined; sentAt?: string | undefined } | undefined
  idempotencyKey?: string | undefined
}

/** Who submitted the report: a platform key, or a trusted flagger's key. */
export interface Submitter {
  keyId: string
  actor: string
  flagger: boolean
}

/** A report checked and keyed, ready for a batch. */
export interface PreparedReport {
  id: string
  input: ReportInput
  submitter: Submitter
  subject: CaseSubject
  provider: string | null
  verdict: Verdict
  reporter: string
  dedup: string
  stormKey: string
  requestHash: string
}

export interface ReportReceipt {
  id: string
  status: 'received' | 'held_for_review'
  caseId: string
  /** The same reporter already reported this link for this category today: stored, counted once. */
  duplicate: boolean
  replayed?: boolean
  warning?: { code: 'rate_limit_near' | 'standing_low'; message: string; remaining?: number }
}

export type IntakeOutcome = { ok: true; value: ReportReceipt } | { ok: false; error: HutongError }
