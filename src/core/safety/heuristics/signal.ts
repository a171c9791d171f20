/** The heuristic signals, each a stable reason code in the `SAFETY_*` family. */
export const HEURISTIC_CODES = [
  'SAFETY_IP_HOST',
  'SAFETY_USERINFO_DOMAIN',
  'SAFETY_CREDENTIALS',
  'SAFETY_MIXED_SCRIPT',
  'SAFETY_LOOKALIKE',
  'SAFETY_RISKY_TLD',
  'SAFETY_DEEP_SUBDOMAIN',
  'SAFETY_SHORTENER_CHAIN',
  'SAFETY_LONG_REDIRECT_CHAIN',
] as const
export type HeuristicCode = (typeof HEURISTIC_CODES)[number]

/** One observation about a link: a code, how much it counts towards `suspicious`, and words for a person. */
export interface SafetySignal {
  code: string
  weight: number
  detail: string
}

export interface HeuristicConfig {
  weights: Record<HeuristicCode, number>
  /** `suspicious` when the weights of the signals add up to at least this. */
  threshold: number
  /** Public suffixes (e.g. `zip`, `top`) that count as risky; matched on the whole suffix or its last label. */
  riskyTlds: readonly string[]
  /** Subdomain labels (left of the registrable domain) at which SAFETY_DEEP_SUBDOMAIN fires. */
  deepSubdomainLabels: number
  /** Redirect hops above which SAFETY_LONG_REDIRECT_CHAIN fires (Discord and go-camo stop at 5 and 3). */
  maxRedirects: number
  /** Shortener hops at which SAFETY_SHORTENER_CHAIN fires; one shortener in front of a page is normal. */
  shortenerHops: number
}

/**
 * Any one strong signal (IP host, userinfo domain, mixed script, lookalike) reaches the threshold alone;
 * weak ones (credentials, risky TLD, deep subdomain, chains) need a second.
 * @example DEFAULT_HEURISTIC_CONFIG.weights.SAFETY_IP_HOST // 4
 */
export const DEFAULT_HEURISTIC_CONFIG: HeuristicConfig = {
  weights: {
    SAFETY_IP_HOST: 4,
    SAFETY_USERINFO_DOMAIN: 4,
    SAFETY_MIXED_SCRIPT: 4,
    SAFETY_LOOKALIKE: 4,
    SAFETY_CREDENTIALS: 2,
    SAFETY_RISKY_TLD: 2,
    SAFETY_DEEP_SUBDOMAIN: 2,
    SAFETY_SHORTENER_CHAIN: 2,
    SAFETY_LONG_REDIRECT_CHAIN: 2,
  },
  threshold: 4,
  // The TLDs with the highest abuse rates in Spamhaus's and Interisle's recurring reports; review per deployment.
  riskyTlds: [
    'zip',
    'mov',
    'top',
    'xyz',
    'click',
    'gq',
    'tk',
    'ml',
    'cf',
    'ga',
    'loan',
    'work',
    'country',
    'kim',
    'support',
    'rest',
    'fit',
    'cam',
    'icu',
    'buzz',
    'monster',
    'cyou',
    'sbs',
    'cfd',
    'bond',
    'quest',
  ],
  deepSubdomainLabels: 4,
  maxRedirects: 5,
  shortenerHops: 2,
}

/**
 * Sums signal weights.
 * @example totalWeight([{ code: 'SAFETY_IP_HOST', weight: 4, detail: '' }]) // 4
 */
export function totalWeight(signals: readonly SafetySignal[]): number {
  return signals.reduce((sum, signal) => sum + signal.weight, 0)
}
