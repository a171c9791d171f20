import { z } from 'zod'

/** A zod schema as the JSON Schema Fastify validates with and OpenAPI publishes; zod stays the one source. */
export function jsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-7',
    io,
    unrepresentable: 'any',
  })
  return rest
}

/** The one error body every 4xx and 5xx uses. */
export const errorBody = z.object({
  error: z.string().describe('stable error code'),
  message: z.string(),
  issues: z
    .array(
      z.object({ code: z.string(), path: z.array(z.union([z.string(), z.number()])), message: z.string() }),
    )
    .optional(),
})

export const errorResponses = {
  400: jsonSchema(errorBody),
  401: jsonSchema(errorBody),
  403: jsonSchema(errorBody),
}
