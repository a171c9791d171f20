import { z } from 'zod'
import type { JSONSchema } from 'zod/v4/core'
import { PolicyDocumentSchema } from './policy-schema.js'

/**
 * The policy document as JSON Schema (draft 2020-12), for editors and outside tooling.
 * @example JSON.stringify(policyJsonSchema(), null, 2)
 */
export function policyJsonSchema(): JSONSchema.BaseSchema {
  return z.toJSONSchema(PolicyDocumentSchema, { io: 'input' })
}
