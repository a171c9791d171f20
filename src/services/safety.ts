import type { Context, SingletonKey } from '../context.js'
import { HotCache } from '../core/hot-cache.js'
import type { CaseAction, SafetySignal } from '../core/policy/index.js'
import type { LinkSpan } from '../core/links/index.js'
import {
  DEFAULT_FRESHNESS,
  computeVerdict,
  createHeuristicContext,
  evaluateHeuristics,
  matchUrl,
  prefixesToConfirm,
  type HeuristicContext,
  type SafetySignal as HeuristicSignal,
  type ThreatMatch,
} from '../core/safety/index.js'
import type { Verdict } from '../core/vocabulary.js'
import { registryOf } from './reference-data.js'
import { fullHashStoreFor, threatSet, threatSetInMemory } from './threats.js'

export interface SafetyAssessment {
  verdict: Verdict
  signals: SafetySignal[]
}

/**
 * What a batch of links needs from the database before it can be judged from memory: threat-set hits
 * confirmed on their full hashes. Almost always empty, since a miss needs no database at all.
 */
export interface SafetyPrep {
  matches: ReadonlyMap<string, ThreatMatch[]>
}

const NO_PREP: SafetyPrep = { matches: new Map() }
const MALICIOUS_CASE_REASONS = new Set(['CONTENT_FRAUD', 'CONTENT_MALWARE'])
const HEURISTICS: SingletonKey<HeuristicContext> = Symbol('heuristics')
const SIGNALS: SingletonKey<HotCache<string, readonly HeuristicSignal[]>> = Symbol('heuristic-signals')
// Popular links are shared over and over; their heuristic signals depend only on the URL.
// Bounded in bytes, not entries: a URL may be up to 64 KiB long.
const SIGNAL_MEMO_BYTES = 8 * 1024 * 1024 // per generation

function heuristicsOf(ctx: Context): HeuristicContext {
  return ctx.singleton(HEURISTICS, () => {
    const registry = registryOf(ctx)
    return createHeuristicContext({
      knownDomains: registry.providers.flatMap((p) => [...p.domains, ...p.shortDomains]),
      shortenerDomains: registry.providers.flatMap((p) => p.shortDomains),
    })
  })
}

function signalMemoOf(ctx: Context): HotCache<string, readonly HeuristicSignal[]> {
  return ctx.singleton(
    SIGNALS,
    () =>
      new HotCache<string, readonly HeuristicSignal[]>({
        limit: SIGNAL_MEMO_BYTES,
        cost: (signals, url) => 128 + url.length * 2 + 128 * signals.length,
      }),
  )
}

/**
 * The heuristic signals of a link with no redirect chain, remembered per URL: they are a pure function
 * of the URL and the registry, and a hot link is judged once, not on every share.
 */
function heuristicSignals(ctx: Context, url: string): readonly HeuristicSignal[] {
  const memo = signalMemoOf(ctx)
  let signals = memo.get(url)
  if (signals === undefined) {
    signals = evaluateHeuristics({ url }, heuristicsOf(ctx))
    memo.set(url, signals)
  }
  return signals
}

/** Forgets the remembered signals, so the next judgement of every link is made afresh (benchmarks). */
export function forgetHeuristicSignals(ctx: Context): void {
  signalMemoOf(ctx).clear()
}

/** Confirms any threat-set hits of these URLs against the database; the one async step of safety. */
export async function prepareSafety(ctx: Context, urls: readonly string[], at: Date): Promise<SafetyPrep> {
  const set = await threatSet(ctx)
  if (set.size === 0 || urls.length === 0) return NO_PREP
  const hits = new Map<string, number[]>()
  for (const url of urls) {
    const prefixes = prefixesToConfirm(set, url)
    if (prefixes.length > 0) hits.set(url, prefixes)
  }
  if (hits.size === 0) return NO_PREP
  const fullHashes = await fullHashStoreFor(ctx, [...new Set([...hits.values()].flat())])
  const matches = new Map<string, ThreatMatch[]>()
  for (const url of hits.keys())
    matches.set(url, matchUrl(set, url, { now: at.getTime(), freshness: DEFAULT_FRESHNESS, fullHashes }))
  return { matches }
}

/**
 * prepareSafety without waiting, when it needs nothing from the database: the threat set is in memory
 * and no link hits it, as for almost every message. null means that it does: await prepareSafety.
 */
export function prepareSafetyInMemory(ctx: Context, links: readonly { url: string }[]): SafetyPrep | null {
  const set = threatSetInMemory(ctx)
  if (set === null) return null
  if (set.size === 0) return NO_PREP
  for (const link of links) if (prefixesToConfirm(set, link.url).length > 0) return null
  return NO_PREP
}

/**
 * The safety verdict for one recognised link, from memory: fresh feed entries and reviewed malicious
 * cases make it `malicious`; heuristic signals over the threshold `suspicious`; otherwise `clean` for a
 * registered provider's link and `unknown` for anything else (BRIEF §4). A null `prep` means no
 * threat-set confirmation was made (a synchronous caller): heuristics and cases only.
 */
export function assessLink(
  ctx: Context,
  link: LinkSpan,
  prep: SafetyPrep | null,
  caseActions: readonly CaseAction[] = [],
  redirectChain: readonly string[] = [],
): SafetyAssessment {
  const heuristics = heuristicsOf(ctx)
  const signals =
    redirectChain.length === 0
      ? heuristicSignals(ctx, link.url)
      : evaluateHeuristics({ url: link.url, redirectChain }, heuristics)
  // A reviewer's block for fraud or malware is a safety finding, not only a content decision.
  const reviewedBlock = caseActions.some(
    (action) => action.action === 'block' && !action.automated && MALICIOUS_CASE_REASONS.has(action.reason),
  )
  const verdict = computeVerdict({
    threatMatches: prep?.matches.get(link.url) ?? [],
    signals,
    caseVerdict: reviewedBlock ? 'malicious' : null,
    isRegisteredProvider: link.provider !== null,
    threshold: heuristics.config.threshold,
  })
  return {
    verdict: verdict.verdict,
    signals: verdict.signals.map((signal) => ({ code: signal.code, detail: signal.detail })),
  }
}
