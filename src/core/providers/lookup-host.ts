import type { Category } from '../vocabulary.js'
import type { DomainEntry, Provider, ProviderMatch, Registry } from './types.js'

/**
 * Find the provider owning a host by walking its label suffixes through a Map (O(labels)), then decide
 * the link's category from the provider's per-link rules.
 * @example lookupHost(registry, 'v.douyin.com') // { provider: douyin, category: 'short-video', short: true }
 */
export function lookupHost(registry: Registry, host: string, path = '/'): ProviderMatch | null {
  const entry = findDomainEntry(registry, host)
  if (entry === null) return null
  return {
    provider: entry.provider,
    category: categoryFor(entry.provider, normaliseHost(host), path),
    short: entry.short,
  }
}

/**
 * The owning domain entry for a host, longest suffix first, or null.
 * @example findDomainEntry(registry, 'item.m.jd.com')?.host // 'jd.com'
 */
export function findDomainEntry(registry: Registry, host: string): DomainEntry | null {
  let candidate = normaliseHost(host)
  for (;;) {
    const entry = registry.byHost.get(candidate)
    if (entry !== undefined) return entry
    const dot = candidate.indexOf('.')
    if (dot < 0) return null
    candidate = candidate.slice(dot + 1)
  }
}

/**
 * The category of one link of a provider: the first matching rule, otherwise the provider's default.
 * @example categoryFor(douyin, 'haohuo.jinritemai.com', '/ecommerce/') // 'e-commerce'
 */
export function categoryFor(provider: Provider, host: string, path: string): Category {
  for (const rule of provider.categoryRules) {
    if (!hostMatches(host, rule.host)) continue
    if (rule.pathPrefix !== undefined && !path.startsWith(rule.pathPrefix)) continue
    return rule.category
  }
  return provider.defaultCategory
}

/**
 * Whether `host` is `suffix` or one of its subdomains.
 * @example hostMatches('a.b.jd.com', 'jd.com') // true
 */
export function hostMatches(host: string, suffix: string): boolean {
  if (host.length === suffix.length) return host === suffix
  return (
    host.length > suffix.length &&
    host.endsWith(suffix) &&
    host.charCodeAt(host.length - suffix.length - 1) === 46
  )
}

function normaliseHost(host: string): string {
  const lower = host.toLowerCase()
  return lower.endsWith('.') ? lower.slice(0, -1) : lower
}
