import { z } from 'zod'

/**
 * Seed-file category names that map onto the shared vocabulary; any other name is refused.
 * Keep in sync with `docs/links.md` (registry section).
 */
export const CATEGORY_ALIASES: Readonly<Record<string, string>> = {
  'instant-messaging': 'messaging',
  'cross-border': 'e-commerce',
  'second-hand': 'e-commerce',
  books: 'e-commerce',
  'b2b-wholesale': 'e-commerce',
  resale: 'e-commerce',
  'content-feed': 'content-community',
  'q-and-a': 'content-community',
  reviews: 'content-community',
  'food-delivery': 'local-services',
}

const hostName = z
  .string()
  .min(1)
  .regex(/^[a-z0-9-]+(?:\.[a-z0-9-]+)*$/, 'a lower-case ASCII host name (punycode for IDN)')

const ruleSchema = z.object({
  host: hostName,
  path_prefix: z.string().startsWith('/').optional(),
  category: z.string(),
})

const shareLinkSchema = z.object({
  host: hostName,
  path_prefix: z.string().startsWith('/').optional(),
})

/** The YAML shape of one provider in `data/providers.yaml` (snake_case, as reviewed data). */
export const providerDocSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  name_zh: z.string().min(1),
  name_en: z.string().min(1),
  group: z.string().optional(),
  categories: z.array(z.string()).min(1),
  default_category: z.string().optional(),
  domains: z.array(hostName).default([]),
  short_domains: z.array(hostName).default([]),
  borrowed_short_domains: z.array(hostName).default([]),
  app_schemes: z
    .array(z.string().regex(/^[A-Za-z][A-Za-z0-9+.-]*:\/\/$/, 'a scheme ending in ://'))
    .default([]),
  app_link_hosts: z.array(hostName).default([]),
  app_url_template: z.string().optional(),
  category_rules: z.array(ruleSchema).default([]),
  share_links: z.array(shareLinkSchema).default([]),
  notes: z.string().optional(),
  unverified: z.array(z.string()).default([]),
  sources: z.array(z.string()).default([]),
})

export const registryDocSchema = z.object({
  version: z.number().int().positive(),
  providers: z.array(providerDocSchema).min(1),
})

export type ProviderDoc = z.infer<typeof providerDocSchema>
export type RegistryDoc = z.infer<typeof registryDocSchema>
