// The complaint desk's pure core: scores, weights, storms, keys, statements and signatures.
export { DEFAULT_AUTO_RULES, firstFiringRule, type AutoRule, type AutoRuleFacts } from './auto-rules.js'
export { caseSubject, defaultPrefix, type CaseSubject } from './case-subject.js'
export { DEFAULT_COMPLAINTS_CONFIG, type ComplaintsConfig } from './config.js'
export { dedupKey, reporterHash, shanghaiDay } from './dedup.js'
export {
  AGE_POINTS_MAX,
  AGE_POINTS_PER_HOUR,
  basePriority,
  priorityAt,
  type PriorityInput,
} from './priority.js'
export { CATEGORY_REASON, CATEGORY_SEVERITY, maxSeverity } from './severity.js'
export {
  LOW_STANDING,
  reportWeight,
  STANDING_PRIOR,
  standingWeight,
  type StandingHistory,
} from './standing.js'
export {
  buildStatementOfReasons,
  type DecisionAction,
  type DecisionGround,
  type DecisionScope,
  type StatementInput,
  type StatementOfReasons,
} from './statement-of-reasons.js'
export {
  DEFAULT_STORM_RULE,
  isNewReporter,
  isStorm,
  NEW_REPORTER_DAYS,
  type StormRule,
  type StormWindow,
} from './storm.js'
export {
  retryDelayMs,
  signWebhook,
  SIGNATURE_TOLERANCE_SECONDS,
  verifyWebhookSignature,
  type SignatureCheck,
} from './webhook-signature.js'
export { buildCaseActionTable, type ActiveCaseAction, type CaseActionTable } from './case-action-table.js'
