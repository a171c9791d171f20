// Shapes of POST /v1/inspect; keep in sync with src/core/inspected-link.ts (InspectResult).

export interface ReasonRef {
  code: string
  kind: string
  decidedBy:
    | { type: 'policy'; version: string }
    | { type: 'case'; caseId: string; automated: boolean }
    | { type: 'safety' }
    | { type: 'user' }
    | { type: 'group' }
  detail?: string
}

export interface InspectedLink {
  raw: string
  start: number
  end: number
  url: string
  host: string
  domain: string | null
  provider: string | null
  category: string
  display: string
  verdict: string
  grade: string
  decision: {
    action: 'open' | 'warn' | 'block'
    reasons: ReasonRef[]
    policyVersion: string
    card: 'full' | 'compact' | 'none'
    openInApp: boolean
    external: boolean
  }
  appUrl: string | null
  goUrl: string
}

export interface InspectResult {
  links: InspectedLink[]
  policyVersion: string
}

export type DemoScenario = 'direct' | 'group' | 'feed'

export interface ChatMessage {
  id: string
  from: string
  text: string
  result: InspectResult | null
  error?: string
}

export const DEMO_USER = 'demo-user'
export const DEMO_GROUP = 'demo-family-group'

/** The goUrl's path on this origin: the server may advertise another public address than the one the demo runs on. */
export function localGoUrl(goUrl: string): string {
  try {
    const url = new URL(goUrl, window.location.origin)
    return url.pathname + url.search
  } catch {
    return goUrl
  }
}
