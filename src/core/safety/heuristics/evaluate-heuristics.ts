import { deepSubdomainSignal, ipHostSignal, riskyTldSignal } from './host-signals.js'
import type { KnownDomains } from './known-domains.js'
import { prepareKnownDomains } from './known-domains.js'
import { lookalikeSignal, mixedScriptSignal } from './lookalike-signals.js'
import { parseLink } from './parsed-link.js'
import { redirectSignals } from './redirect-signals.js'
import type { HeuristicConfig, SafetySignal } from './signal.js'
import { DEFAULT_HEURISTIC_CONFIG } from './signal.js'
import { userinfoSignals } from './userinfo-signals.js'

/** What the heuristics compare links against; prepare once, reuse for every link. */
export interface HeuristicContext {
  config: HeuristicConfig
  known: KnownDomains
  shortenerDomains: readonly string[]
}

/**
 * Builds a context from provider domains (registrable or full hosts) and shortener hosts.
 * @example const context = createHeuristicContext({ knownDomains: ['taobao.com', 'jd.com'], shortenerDomains: ['t.cn'] })
 */
export function createHeuristicContext(input: {
  knownDomains: readonly string[]
  shortenerDomains?: readonly string[]
  config?: Partial<HeuristicConfig>
}): HeuristicContext {
  const config = { ...DEFAULT_HEURISTIC_CONFIG, ...input.config }
  return {
    config: { ...config, weights: { ...DEFAULT_HEURISTIC_CONFIG.weights, ...input.config?.weights } },
    known: prepareKnownDomains(input.knownDomains),
    shortenerDomains: (input.shortenerDomains ?? []).map((domain) => domain.trim().toLowerCase()),
  }
}

/**
 * Every heuristic signal for one link, strongest first. `redirectChain` lists the hops a fetcher followed,
 * starting with the link itself; run the heuristics on the final URL as well when there is one.
 * @example evaluateHeuristics({ url: 'https://www.jd.com@evil.example/' }, context).map((s) => s.code) // ['SAFETY_USERINFO_DOMAIN']
 */
export function evaluateHeuristics(
  input: { url: string; redirectChain?: readonly string[] },
  context: HeuristicContext,
): SafetySignal[] {
  const { config } = context
  const link = parseLink(input.url)
  const signals: SafetySignal[] = []
  if (link !== null) {
    for (const signal of [
      ipHostSignal(link, config, input.url),
      mixedScriptSignal(link, config),
      lookalikeSignal(link, context.known, config),
      riskyTldSignal(link, config),
      deepSubdomainSignal(link, config),
    ]) {
      if (signal !== null) signals.push(signal)
    }
    signals.push(...userinfoSignals(link, config))
  }
  if (input.redirectChain !== undefined) {
    signals.push(...redirectSignals(input.redirectChain, context.shortenerDomains, config))
  }
  return signals.sort((a, b) => b.weight - a.weight)
}
