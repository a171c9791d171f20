import { parseDocument } from 'yaml'
import { fail, ok, type Issue, type Result } from '../result.js'
import { isCategory, type Category } from '../vocabulary.js'
import { CATEGORY_ALIASES, registryDocSchema, type ProviderDoc } from './schema.js'
import type { CategoryRule, DomainEntry, Provider, Registry, ShareLinkRule } from './types.js'

/**
 * Validate an already-parsed registry document (unique ids and hosts, known categories) and index it.
 * @example parseRegistry({ version: 1, providers: [{ id: 'jd', name_zh: '京东', name_en: 'JD', categories: ['e-commerce'], domains: ['jd.com'] }] })
 */
export function parseRegistry(doc: unknown): Result<Registry> {
  const parsed = registryDocSchema.safeParse(doc)
  if (!parsed.success) {
    return fail(
      ...parsed.error.issues.map((issue) => ({
        code: 'registry_invalid',
        path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
        message: issue.message,
      })),
    )
  }
  const issues: Issue[] = []
  const providers: Provider[] = []
  const byId = new Map<string, Provider>()
  const byHost = new Map<string, DomainEntry>()
  parsed.data.providers.forEach((providerDoc, index) => {
    const provider = toProvider(providerDoc, ['providers', index], issues)
    if (byId.has(provider.id)) {
      issues.push({
        code: 'registry_duplicate_id',
        path: ['providers', index, 'id'],
        message: `provider id ${provider.id} is listed twice`,
      })
    }
    byId.set(provider.id, provider)
    providers.push(provider)
    const own: [string, boolean, string][] = [
      ...provider.domains.map((h): [string, boolean, string] => [h, false, 'domains']),
      ...provider.shortDomains.map((h): [string, boolean, string] => [h, true, 'short_domains']),
    ]
    for (const [host, short, field] of own) {
      const taken = byHost.get(host)
      if (taken !== undefined) {
        issues.push({
          code: 'registry_duplicate_domain',
          path: ['providers', index, field],
          message: `${host} already belongs to ${taken.provider.id}; a host has exactly one owner`,
        })
        continue
      }
      byHost.set(host, { host, provider, short })
    }
  })
  // Borrowed short domains must be owned by someone else, so that an override can never invent a host.
  providers.forEach((provider, index) => {
    for (const host of provider.borrowedShortDomains) {
      const owner = byHost.get(host)
      if (owner === undefined || owner.provider === provider || !owner.short) {
        issues.push({
          code: 'registry_bad_borrowed_domain',
          path: ['providers', index, 'borrowed_short_domains'],
          message: `${host} must be another provider's short domain`,
        })
      }
    }
  })
  if (issues.length > 0) return fail(...issues)
  return ok({ version: parsed.data.version, providers, byId, byHost })
}

/**
 * Parse the registry from YAML text (pure: the caller reads the file).
 * @example loadRegistryFromYamlText('version: 1\nproviders: []') // { ok: false, issues: [...] }
 */
export function loadRegistryFromYamlText(text: string): Result<Registry> {
  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: true })
  if (document.errors.length > 0) {
    return fail(
      ...document.errors.map((e) => ({ code: 'registry_yaml_invalid', path: [], message: e.message })),
    )
  }
  return parseRegistry(document.toJS({ maxAliasCount: 100 }) as unknown)
}

function toProvider(doc: ProviderDoc, path: (string | number)[], issues: Issue[]): Provider {
  const category = (name: string, at: (string | number)[]): Category => {
    const mapped = CATEGORY_ALIASES[name] ?? name
    if (isCategory(mapped)) return mapped
    issues.push({
      code: 'registry_unknown_category',
      path: [...path, ...at],
      message: `unknown category ${name}`,
    })
    return 'other'
  }
  const categories = [...new Set(doc.categories.map((c, i) => category(c, ['categories', i])))]
  const defaultCategory =
    doc.default_category === undefined
      ? (categories[0] ?? 'other')
      : category(doc.default_category, ['default_category'])
  const categoryRules = doc.category_rules.map((rule, i): CategoryRule => {
    const out: CategoryRule = {
      host: rule.host,
      category: category(rule.category, ['category_rules', i, 'category']),
    }
    if (rule.path_prefix !== undefined) out.pathPrefix = rule.path_prefix
    return out
  })
  const shareLinks = doc.share_links.map((rule): ShareLinkRule => {
    const out: ShareLinkRule = { host: rule.host }
    if (rule.path_prefix !== undefined) out.pathPrefix = rule.path_prefix
    return out
  })
  const provider: Provider = {
    id: doc.id,
    nameZh: doc.name_zh,
    nameEn: doc.name_en,
    categories,
    defaultCategory,
    domains: [...new Set(doc.domains)],
    shortDomains: [...new Set(doc.short_domains)].filter((h) => !doc.domains.includes(h)),
    borrowedShortDomains: doc.borrowed_short_domains,
    appSchemes: doc.app_schemes,
    appLinkHosts: doc.app_link_hosts,
    categoryRules,
    shareLinks,
    unverified: doc.unverified,
  }
  if (doc.group !== undefined) provider.group = doc.group
  if (doc.app_url_template !== undefined) provider.appUrlTemplate = doc.app_url_template
  if (doc.notes !== undefined) provider.notes = doc.notes
  return provider
}
