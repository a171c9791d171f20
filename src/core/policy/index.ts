// The policy engine's public surface: documents, validation, reasons, preferences and evaluation.
export { ACTION_RANK, stricterAction } from './action-order.js'
export { compareClientVersions, parseClientVersion } from './client-version.js'
export { compilePolicy, type CompiledPolicy } from './compile-policy.js'
export type {
  CaseAction,
  CaseScope,
  DecidedBy,
  Decision,
  LinkFacts,
  PolicyInput,
  ReasonRef,
  SafetySignal,
} from './decision.js'
export { evaluatePolicy } from './evaluate-policy.js'
export { loadPolicyFromYamlText } from './load-policy.js'
export { phaseAt, phaseSpans, type PhaseSpan } from './phase-at.js'
export { policyJsonSchema } from './policy-json-schema.js'
export {
  PolicyDocumentSchema,
  type Exemption,
  type Outcome,
  type Phase,
  type Policy,
  type PolicyDocument,
  type Presentation,
  type Rule,
  type RuleMatch,
  type ScenarioBounds,
} from './policy-schema.js'
export { parsePolicyTime } from './policy-time.js'
export {
  choiceFor,
  GroupSettingsSchema,
  PREFERENCE_CHOICES,
  UserPreferencesSchema,
  type GroupSettings,
  type PreferenceChoice,
  type UserPreferences,
} from './preferences.js'
export {
  ENGINE_REASON_CODES,
  loadReasonCatalogueFromYamlText,
  parseReasonCatalogue,
  REASON_KINDS,
  type ReasonCatalogue,
  type ReasonEntry,
  type ReasonKind,
} from './reason-catalogue.js'
export { renderReasonCatalogueMarkdown } from './reason-catalogue-markdown.js'
export { inRollout, rolloutBucket, ROLLOUT_BUCKETS } from './rollout.js'
export { findHostLikeToken, scanPolicyRules, type RuleScanOptions } from './rule-scan.js'
export { validatePolicy } from './validate-policy.js'
export { validateGroupSettings, validatePreferences } from './validate-preferences.js'
