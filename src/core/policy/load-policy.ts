import type { Policy } from './policy-schema.js'
import type { ReasonCatalogue } from './reason-catalogue.js'
import type { RuleScanOptions } from './rule-scan.js'
import { validatePolicy } from './validate-policy.js'
import { parseYamlText } from './yaml-text.js'
import type { Result } from '../result.js'

/**
 * Parse and validate policy YAML (or JSON, which is YAML) text.
 * @example loadPolicyFromYamlText(readFileSync('data/default-policy.yaml', 'utf8'), catalogue)
 */
export function loadPolicyFromYamlText(
  text: string,
  catalogue: ReasonCatalogue,
  options: RuleScanOptions = {},
): Result<Policy> {
  const doc = parseYamlText(text, 'policy_yaml_invalid')
  return doc.ok ? validatePolicy(doc.value, catalogue, options) : doc
}
