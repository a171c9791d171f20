export { computeTransparencyReport, DECISION_KINDS, parsePeriod } from './compute-report.js'
export type { TransparencyOptions } from './compute-report.js'
export { countTable, openCountTable, SUPPRESSION_THRESHOLD } from './count-table.js'
export type { CountCell, CountTable } from './count-table.js'
export { applyJsonDiff } from './policy-replay.js'
export { renderTransparencyCsv } from './report-csv.js'
export type {
  PolicyExemptionFigure,
  ThreatFeedFigure,
  TransparencyPeriod,
  TransparencyReport,
} from './report-types.js'
export { redactStatement } from './redact.js'
export { PUBLIC_PAGE_CSP, renderPublicDocument } from './public-document.js'
