import type { Category } from '../vocabulary.js'

/** A per-link category rule: the first rule whose host (suffix) and path prefix match decides. */
export interface CategoryRule {
  host: string
  pathPrefix?: string
  category: Category
}

/** A URL shape that a provider's share button produces (host suffix + optional path prefix). */
export interface ShareLinkRule {
  host: string
  pathPrefix?: string
}

/** A link-providing platform (an organisation), as reviewed in `data/providers.yaml`. */
export interface Provider {
  id: string
  nameZh: string
  nameEn: string
  group?: string
  categories: Category[]
  defaultCategory: Category
  /** Registrable domains or hosts owned by the provider; any subdomain matches. */
  domains: string[]
  /** Short-link hosts owned by the provider. */
  shortDomains: string[]
  /** Short-link hosts owned by another provider that this provider's share texts also use (m.tb.cn for xianyu). */
  borrowedShortDomains: string[]
  appSchemes: string[]
  /** Hosts whose https links the provider's app claims (Android App Links / iOS Universal Links). */
  appLinkHosts: string[]
  /** Deep-link template with `{url}` (component-encoded), `{hostpath}` or `{pathquery}` placeholders. */
  appUrlTemplate?: string
  categoryRules: CategoryRule[]
  shareLinks: ShareLinkRule[]
  notes?: string
  unverified: string[]
}

/** One host owned by a provider; `short` marks a short-link host. */
export interface DomainEntry {
  host: string
  provider: Provider
  short: boolean
}

/** The validated registry with its O(1) indexes. */
export interface Registry {
  version: number
  providers: readonly Provider[]
  byId: ReadonlyMap<string, Provider>
  byHost: ReadonlyMap<string, DomainEntry>
}

/** What `lookupHost` answers for a host (and optionally a path). */
export interface ProviderMatch {
  provider: Provider
  category: Category
  short: boolean
}
