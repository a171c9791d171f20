import { hostMatches } from './lookup-host.js'
import type { Registry } from './types.js'

/**
 * A deep link that opens `url` in the provider's own app, or null when the provider declares none.
 * The rule is data-driven and the same for every provider: a declared `app_url_template` first,
 * otherwise the https link itself when its host is one the app claims (App Links / Universal Links).
 * @example openInApp(registry, 'alipay', 'https://m.alipay.com/x') // 'alipays://platformapi/startapp?appId=20000067&url=https%3A%2F%2Fm.alipay.com%2Fx'
 */
export function openInApp(registry: Registry, providerId: string, url: string): string | null {
  const provider = registry.byId.get(providerId)
  if (provider === undefined) return null
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null
  if (provider.appUrlTemplate !== undefined) {
    const pathQuery = `${parsed.pathname.slice(1)}${parsed.search}`
    return provider.appUrlTemplate
      .replaceAll('{url}', encodeURIComponent(parsed.href))
      .replaceAll('{hostpath}', `${parsed.host}${parsed.pathname}${parsed.search}`)
      .replaceAll('{pathquery}', pathQuery)
  }
  const host = parsed.hostname
  if (provider.appLinkHosts.some((h) => hostMatches(host, h))) {
    parsed.protocol = 'https:'
    return parsed.href
  }
  return null
}
