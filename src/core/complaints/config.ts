import { DEFAULT_AUTO_RULES, type AutoRule } from './auto-rules.js'
import { DEFAULT_STORM_RULE, type StormRule } from './storm.js'

/** The complaint desk's settings; every field has a documented default. */
export interface ComplaintsConfig {
  /** Reports per reporter per rolling 24 h (Mastodon allows 400; the default is 20). */
  dailyLimit: number
  /** Share of the limit at which the 202 carries a warning. */
  warnAt: number
  textMax: number
  leaseMinutes: number
  appealWindowDays: number
  storm: StormRule
  autoRules: readonly AutoRule[]
  /** Weight a trusted flagger gets for the categories they are trusted for, unless set per flagger. */
  flaggerWeight: number
  /** Days after which report text, evidence and reporter ids are erased. */
  retentionDays: number
  webhooks: { maxAttempts: number; baseDelayMs: number; maxDelayMs: number; timeoutMs: number }
  /** Ports the evidence job may fetch from; the safe fetcher's default is 80 and 443 only. */
  evidencePorts: readonly number[]
  /** How often the worker sends webhooks and captures evidence; 0 turns the timer off (tests drain by hand). */
  workerIntervalMs: number
  /** Group commit: the most reports committed in one transaction. */
  intakeBatchMax: number
}

export const DEFAULT_COMPLAINTS_CONFIG: ComplaintsConfig = {
  dailyLimit: 20,
  warnAt: 0.8,
  textMax: 2000,
  leaseMinutes: 5,
  appealWindowDays: 180,
  storm: DEFAULT_STORM_RULE,
  autoRules: DEFAULT_AUTO_RULES,
  flaggerWeight: 3,
  retentionDays: 365,
  webhooks: { maxAttempts: 8, baseDelayMs: 2_000, maxDelayMs: 3_600_000, timeoutMs: 5_000 },
  evidencePorts: [80, 443],
  workerIntervalMs: 1_000,
  intakeBatchMax: 500,
}
