import { readFileSync } from 'node:fs'
import { loadRegistryFromYamlText } from '../../src/core/providers/parse-registry.js'
import type { Registry } from '../../src/core/providers/types.js'

/** The reviewed registry, loaded once for tests and benches (this helper does I/O: never import it from core code). */
export function testRegistry(): Registry {
  const result = loadRegistryFromYamlText(
    readFileSync(new URL('../../data/providers.yaml', import.meta.url), 'utf8'),
  )
  if (!result.ok) throw new Error(`data/providers.yaml is invalid: ${JSON.stringify(result.issues)}`)
  return result.value
}
