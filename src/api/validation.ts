import { Ajv } from 'ajv'
import addFormatsModule from 'ajv-formats'
import type { FastifyInstance } from 'fastify'

// ajv-formats is CommonJS with a default export.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv

/**
 * Bodies are validated strictly (a number is never coerced into a string);
 * query strings and params are text on the wire, so they are coerced.
 */
export function installValidation(app: FastifyInstance): void {
  const options = { allErrors: false, removeAdditional: false, useDefaults: true, strict: false } as const
  const strict = addFormats(new Ajv({ ...options, coerceTypes: false }))
  const coercing = addFormats(new Ajv({ ...options, coerceTypes: 'array' }))
  app.setValidatorCompiler(({ schema, httpPart }) =>
    (httpPart === 'body' ? strict : coercing).compile(schema),
  )
}
