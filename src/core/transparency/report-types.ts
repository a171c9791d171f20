import type { CountTable } from './count-table.js'

/** The half-open period a report covers: events with `from <= at < to`, ISO 8601 UTC. */
export interface TransparencyPeriod {
  from: string
  to: string
}

export interface ThreatFeedFigure {
  source: string
  /** Entries in the latest import at or before the period end; null when the payload does not say. */
  entries: number | null
  sha256: string | null
  importedAt: string
  /** Hours from the latest import to the end of the period, 2 decimals. */
  ageHours: number
  /** Whether the latest import is within the source freshness limit (docs/safety.md) at the period end. */
  fresh: boolean
  importsInPeriod: number
}

export interface PolicyExemptionFigure {
  id: string
  provider: string
  action: string
  reasons: string[]
  statement: string
}

/**
 * Hutong's transparency report for one period. Every number is a pure function of the ledger events
 * up to `ledger.throughSeq`: `computeTransparencyReport(events, period)` gives this object, byte for byte.
 */
export interface TransparencyReport {
  schema: 'hutong.transparency/1'
  period: TransparencyPeriod
  ledger: {
    /** The newest event at or before the period end that the report read; 0 for an empty ledger. */
    throughSeq: number
    throughHash: string | null
    eventsInPeriod: number
  }
  suppressionThreshold: number
  reports: {
    /** Reports received; null when 1–9. */
    received: number | null
    /** Reports that counted after de-duplication (same reporter, link, category and day count once). */
    counted: number | null
    heldForReview: number | null
    byCategory: CountTable
    byScenario: CountTable
    /** The three largest complaint categories and their combined share ("the top three make N%"). */
    topThree: { categories: string[]; share: number } | null
  }
  decisions: {
    byAction: CountTable
    byGround: CountTable
    byCategory: CountTable
    /** `automated` or `human`. */
    byDetection: CountTable
    /** Median hours from a case's first report to its first decision; null below the threshold. */
    medianHoursToDecision: number | null
    timedDecisions: number | null
  }
  appeals: {
    filed: number | null
    byOutcome: CountTable
    /** reversed / decided, 4 decimals; null when fewer than the threshold were decided. */
    reversalRate: number | null
  }
  restrictions: {
    byProvider: CountTable
    byReason: CountTable
  }
  grades: {
    /** The latest grade of every provider graded at or before the period end. */
    byGrade: CountTable
  }
  threatFeeds: ThreatFeedFigure[]
  policy: {
    inForce: { version: string; publishedAt: string } | null
    publishedInPeriod: { version: string; publishedAt: string; note: string | null }[]
    exemptions: PolicyExemptionFigure[]
  }
}
