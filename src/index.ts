/** Hutong as a library: the pure core, plus `createContext` to run the services in-process. */
export * from './core/vocabulary.js'
export type { Issue, Result } from './core/result.js'
export { canonicalJson } from './core/ledger/canonical-json.js'
export {
  verifyChain,
  createChainVerifier,
  hashLedgerEvent,
  GENESIS_HASH,
  type LedgerEvent,
  type ChainCheck,
} from './core/ledger/chain.js'
export { readEnv } from './config/env.js'
export { configFromEnv, type Config } from './config/config.js'
export { createContext, type Context } from './context.js'
export { HutongError } from './errors.js'
export * from './core/policy/index.js'
export * from './core/links/index.js'
export * from './core/providers/index.js'
export * from './core/grading/index.js'
export {
  ThreatSet,
  ThreatSetBuilder,
  computeVerdict,
  confirmFullHashes,
  createFeedParser,
  createHeuristicContext,
  evaluateHeuristics,
  hashPrefixesForLookup,
  matchUrl,
  type HeuristicContext,
  type ThreatMatch,
} from './core/safety/index.js'
