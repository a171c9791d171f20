import type { LinkSpan, Share } from './links/types.js'
import type { Decision } from './policy/decision.js'
import type { Grade, Verdict } from './vocabulary.js'

/** One link of an inspect answer: its facts, its safety verdict and grade, and the decision. */
export interface InspectedLink extends LinkSpan {
  display: string
  verdict: Verdict
  grade: Grade
  decision: Decision
  /** The deep link offered for open-in-app, when the decision allows it and the provider has an app. */
  appUrl: string | null
  goUrl: string
}

/** The answer of `POST /v1/inspect` for one message; the server and the SDK share this shape. */
export interface InspectResult {
  links: InspectedLink[]
  shares: Share[]
  policyVersion: string
}
