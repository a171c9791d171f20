import type { HeuristicConfig, SafetySignal } from './signal.js'
import type { ParsedLink } from './parsed-link.js'

/**
 * SAFETY_IP_HOST: the host is an IP literal, so no name vouches for it (shown as written when the link
 * hides it in decimal, octal or hex).
 * @example ipHostSignal(parseLink('http://3232235777/')!, config)?.detail // 'host is the IP address 192.168.0.1 (written 3232235777)'
 */
export function ipHostSignal(link: ParsedLink, config: HeuristicConfig, raw = ''): SafetySignal | null {
  if (!link.host.isIp && !link.hostname.startsWith('[')) return null
  const written = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?([^/:?#]+)/i.exec(raw.trim())?.[1]
  const disguised =
    written !== undefined && written.toLowerCase() !== link.hostname ? ` (written ${written})` : ''
  return {
    code: 'SAFETY_IP_HOST',
    weight: config.weights.SAFETY_IP_HOST,
    detail: `host is the IP address ${link.hostname}${disguised}`,
  }
}

/**
 * SAFETY_RISKY_TLD: the public suffix is on the configured list of heavily abused TLDs.
 * @example riskyTldSignal(parseLink('https://prize.top/')!, config)?.detail // 'top-level domain .top is on the risky list'
 */
export function riskyTldSignal(link: ParsedLink, config: HeuristicConfig): SafetySignal | null {
  const suffix = link.host.publicSuffix
  if (link.host.isIp || suffix === null) return null
  const last = suffix.slice(suffix.lastIndexOf('.') + 1)
  const risky = config.riskyTlds.find((tld) => tld === suffix || tld === last)
  if (risky === undefined) return null
  return {
    code: 'SAFETY_RISKY_TLD',
    weight: config.weights.SAFETY_RISKY_TLD,
    detail: `top-level domain .${risky} is on the risky list`,
  }
}

/**
 * SAFETY_DEEP_SUBDOMAIN: many labels to the left of the registrable domain, a way to push the real
 * domain out of a narrow address bar.
 * @example deepSubdomainSignal(parseLink('https://a.b.c.d.evil.example/')!, config)?.weight // 2
 */
export function deepSubdomainSignal(link: ParsedLink, config: HeuristicConfig): SafetySignal | null {
  const subdomain = link.host.subdomain
  if (link.host.isIp || subdomain === null || subdomain === '') return null
  const labels = subdomain.split('.').length
  if (labels < config.deepSubdomainLabels) return null
  return {
    code: 'SAFETY_DEEP_SUBDOMAIN',
    weight: config.weights.SAFETY_DEEP_SUBDOMAIN,
    detail: `${labels} subdomain labels in front of ${link.host.domain ?? link.hostname}`,
  }
}
