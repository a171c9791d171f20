import type { GroupSettings, UserPreferences } from './preferences.js'
import type { ReasonKind } from './reason-catalogue.js'
import type { Action, CardStyle, Category, Grade, Scenario, Verdict } from '../vocabulary.js'

/** Who decided a restriction: a policy version, a case (by a reviewer or automation), the safety floor, the user or the group owner. */
export type DecidedBy =
  | { type: 'policy'; version: string }
  | { type: 'case'; caseId: string; automated: boolean }
  | { type: 'safety' }
  | { type: 'user' }
  | { type: 'group' }

/** A reason attached to a decision: a catalogue code, its kind, who decided, and an optional detail (e.g. a feed name). */
export interface ReasonRef {
  code: string
  kind: ReasonKind
  decidedBy: DecidedBy
  detail?: string
}

/** What a case action covers; the complaints desk matches it to links before policy runs. */
export type CaseScope = 'link' | 'domain' | 'provider'

/** A reviewed (or automated interim) action from the complaint desk. */
export interface CaseAction {
  action: 'warn' | 'block'
  reason: string
  scope: CaseScope
  /** Omitted: every scenario. */
  scenarios?: readonly Scenario[]
  caseId: string
  automated: boolean
}

/** A safety signal behind a verdict, named by its reason code (SAFETY_*), with an optional detail such as the feed. */
export interface SafetySignal {
  code: string
  detail?: string
}

/** What recognition, the registry, safety, grading and the complaint desk know about one link. */
export interface LinkFacts {
  provider: string | null
  category: Category
  verdict: Verdict
  grade: Grade
  caseActions?: readonly CaseAction[]
  safetySignals?: readonly SafetySignal[]
}

/** Everything one decision depends on; `at` makes every decision reproducible "as of" a time. */
export interface PolicyInput {
  link: LinkFacts
  scenario: Scenario
  at: Date
  userId?: string
  clientVersion?: string
  userPreferences?: UserPreferences
  groupSettings?: GroupSettings
}

/** How a link opens in one scenario for one user, and why. `reasons` is empty only when `action` is open. */
export interface Decision {
  action: Action
  reasons: ReasonRef[]
  policyVersion: string
  /** null before the first phase or between phases. */
  phaseId: string | null
  card: CardStyle
  openInApp: boolean
  /** True only when the user chose their system browser; platform policy can never set it. */
  external: boolean
  /** The rules and choices that fired, in order. */
  trace: string[]
}
