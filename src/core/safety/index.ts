export { FeedTally, MAX_KEPT_PROBLEMS, createFeedParser, parseFeedText } from './feeds/create-feed-parser.js'
export type { ParsedFeed } from './feeds/create-feed-parser.js'
export { FEED_FORMATS, MAX_RECORD_CHARS } from './feeds/feed-entry.js'
export type {
  FeedEntry,
  FeedFormat,
  FeedParser,
  FeedParserOptions,
  FeedProblem,
  FeedProblemCode,
  FeedRecord,
} from './feeds/feed-entry.js'
export { feedExpression, toThreatEntry } from './feeds/to-threat-entry.js'
export type { FeedDating, HashedFeedEntry, ToThreatEntryOptions } from './feeds/to-threat-entry.js'
export { DEFAULT_FRESHNESS, maxEntryAge, staleReason } from './freshness.js'
export type { FreshnessRules } from './freshness.js'
export { MapFullHashStore, sameBytes, storeHas } from './full-hash-store.js'
export type { FullHashStore } from './full-hash-store.js'
export { createHeuristicContext, evaluateHeuristics } from './heuristics/evaluate-heuristics.js'
export type { HeuristicContext } from './heuristics/evaluate-heuristics.js'
export { isKnownHost, prepareKnownDomains } from './heuristics/known-domains.js'
export type { KnownDomain, KnownDomains } from './heuristics/known-domains.js'
export { DEFAULT_HEURISTIC_CONFIG, HEURISTIC_CODES, totalWeight } from './heuristics/signal.js'
export type { HeuristicCode, HeuristicConfig, SafetySignal } from './heuristics/signal.js'
export { matchUrl, prefixesToConfirm } from './match-url.js'
export type { MatchOptions } from './match-url.js'
export {
  MAX_LOOKUP_PREFIXES,
  confirmFullHashes,
  hashPrefixesForLookup,
  matchFullHashesByPrefixes,
} from './private-lookup.js'
export { THREAT_KINDS, checkWordOf } from './threat-entry.js'
export type { StaleReason, ThreatEntry, ThreatKind, ThreatMatch } from './threat-entry.js'
export { ThreatSet } from './threat-set.js'
export type { ThreatSetEntry, ThreatSource } from './threat-set.js'
export { ThreatSetBuilder } from './threat-set-builder.js'
export { deserializeThreatSet, serializeThreatSet } from './threat-set-snapshot.js'
export type { ThreatSetBuilderOptions } from './threat-set-builder.js'
export { SAFETY_REASON_CODES, computeVerdict } from './verdict.js'
export type { SafetyReasonCode, SafetyVerdict, VerdictInput } from './verdict.js'
