import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Context, SingletonKey } from '../context.js'
import { loadRegistryFromYamlText, type Registry } from '../core/providers/index.js'
import { loadReasonCatalogueFromYamlText, type ReasonCatalogue } from '../core/policy/index.js'
import type { Result } from '../core/result.js'
import { ConfigError } from '../errors.js'

// data/ sits at the package root, beside src/ and dist/.
const DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url))

/** Reads a file of the shipped reviewed data (`data/…`). */
export function readDataFile(name: string): string {
  return readFileSync(DATA_DIR + name, 'utf8')
}

function mustLoad<T>(name: string, result: Result<T>): T {
  if (result.ok) return result.value
  const detail = result.issues
    .map((issue) => `${issue.path.join('.')}: ${issue.code} ${issue.message}`)
    .join('; ')
  throw new ConfigError('invalid_data', `data/${name} is invalid: ${detail}`, { issues: result.issues })
}

const REGISTRY: SingletonKey<Registry> = Symbol('registry')
const CATALOGUE: SingletonKey<ReasonCatalogue> = Symbol('reason-catalogue')

/** The provider registry from `data/providers.yaml`, validated once per context. */
export function registryOf(ctx: Context): Registry {
  return ctx.singleton(REGISTRY, () =>
    mustLoad('providers.yaml', loadRegistryFromYamlText(readDataFile('providers.yaml'))),
  )
}

/** The published reason catalogue from `data/reasons.yaml`. */
export function reasonCatalogueOf(ctx: Context): ReasonCatalogue {
  return ctx.singleton(CATALOGUE, () =>
    mustLoad('reasons.yaml', loadReasonCatalogueFromYamlText(readDataFile('reasons.yaml'))),
  )
}
