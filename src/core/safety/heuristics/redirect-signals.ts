import { parse } from 'tldts'
import type { HeuristicConfig, SafetySignal } from './signal.js'

/**
 * SAFETY_SHORTENER_CHAIN (short links wrapping short links, hiding the destination) and
 * SAFETY_LONG_REDIRECT_CHAIN, from the hops a fetcher followed, starting with the shared link.
 * @example redirectSignals(['https://t.cn/a', 'https://dwz.cn/b', 'https://evil.example/'], ['t.cn', 'dwz.cn'], config)
 */
export function redirectSignals(
  chain: readonly string[],
  shortenerDomains: readonly string[],
  config: HeuristicConfig,
): SafetySignal[] {
  const signals: SafetySignal[] = []
  const hosts = chain.map(hostOf)
  const shortened = hosts.filter(
    (host): host is string => host !== null && isShortener(host, shortenerDomains),
  )
  if (shortened.length >= config.shortenerHops) {
    signals.push({
      code: 'SAFETY_SHORTENER_CHAIN',
      weight: config.weights.SAFETY_SHORTENER_CHAIN,
      detail: `${shortened.length} link shorteners in a row: ${shortened.join(' → ')}`,
    })
  }
  const redirects = chain.length - 1
  if (redirects > config.maxRedirects) {
    signals.push({
      code: 'SAFETY_LONG_REDIRECT_CHAIN',
      weight: config.weights.SAFETY_LONG_REDIRECT_CHAIN,
      detail: `${redirects} redirects before the page (more than ${config.maxRedirects})`,
    })
  }
  return signals
}

function isShortener(host: string, shortenerDomains: readonly string[]): boolean {
  return shortenerDomains.some((domain) => host === domain || host.endsWith(`.${domain}`))
}

function hostOf(raw: string): string | null {
  return parse(raw).hostname
}
