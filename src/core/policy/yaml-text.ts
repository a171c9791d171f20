import { parseDocument } from 'yaml'
import { fail, ok, type Result } from '../result.js'

/**
 * Parse YAML text into plain data without throwing; syntax errors become issues with `code`.
 * @example parseYamlText('a: 1', 'policy_yaml_invalid') // { ok: true, value: { a: 1 } }
 */
export function parseYamlText(text: string, code: string): Result<unknown> {
  // YAML 1.2 core schema: timestamps stay strings, so policy times are parsed by our own rules.
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true })
  if (doc.errors.length > 0) {
    return fail(...doc.errors.map((e) => ({ code, path: [], message: e.message })))
  }
  return ok(doc.toJS({ maxAliasCount: 100 }) as unknown)
}
