import { z } from 'zod'
import type { RouteModule } from '../app.js'
import { errorResponses, jsonSchema } from '../schema.js'
import { SCENARIOS } from '../../core/vocabulary.js'
import { extract } from '../../core/links/index.js'
import { inspectMessage, inspectResultJson, type InspectInput } from '../../services/inspect.js'
import { registryOf } from '../../services/reference-data.js'

const MAX_TEXT = 64 * 1024
/** Inspect answers are written by core/inspect-json.ts, not by Fastify's serialiser: the hot path. */
const JSON_TYPE = 'application/json; charset=utf-8'

export const inspectBody = z.object({
  text: z.string().max(MAX_TEXT),
  scenario: z.enum(SCENARIOS),
  userId: z.string().min(1).max(128).optional(),
  groupId: z.string().min(1).max(128).optional(),
  clientVersion: z.string().min(1).max(32).optional(),
  at: z
    .string()
    .datetime({ offset: true })
    .optional()
    .describe('evaluate "as of" this time (ISO 8601 with offset)'),
})

const batchBody = z.object({ messages: z.array(inspectBody).min(1).max(500) })
const extractBody = z.object({ text: z.string().max(MAX_TEXT) })

type InspectBody = z.infer<typeof inspectBody>

function toInput(body: InspectBody): InspectInput {
  return {
    text: body.text,
    scenario: body.scenario,
    userId: body.userId,
    groupId: body.groupId,
    clientVersion: body.clientVersion,
    at: body.at === undefined ? undefined : new Date(body.at),
  }
}

export const inspectRoutes: RouteModule = (app, ctx) => {
  app.post(
    '/v1/extract',
    {
      config: { roles: ['platform', 'admin'] },
      schema: {
        tags: ['links'],
        summary: 'Recognise links and share texts in one message',
        security: [{ bearer: [] }],
        body: jsonSchema(extractBody),
        response: errorResponses,
      },
    },
    async (request) => extract((request.body as z.infer<typeof extractBody>).text, registryOf(ctx)),
  )
  app.post(
    '/v1/inspect',
    {
      config: { roles: ['platform', 'admin'] },
      schema: {
        tags: ['inspect'],
        summary: 'Decide every link of one message: action, reasons, card, goUrl, open-in-app',
        security: [{ bearer: [] }],
        body: jsonSchema(inspectBody),
        response: errorResponses,
      },
    },
    async (request, reply) => {
      const result = await inspectMessage(ctx, toInput(request.body as InspectBody))
      return reply.type(JSON_TYPE).send(inspectResultJson(ctx, result))
    },
  )
  app.post(
    '/v1/inspect/batch',
    {
      config: { roles: ['platform', 'admin'] },
      schema: {
        tags: ['inspect'],
        summary: 'Inspect up to 500 messages',
        security: [{ bearer: [] }],
        body: jsonSchema(batchBody),
        response: errorResponses,
      },
    },
    async (request, reply) => {
      const { messages } = request.body as z.infer<typeof batchBody>
      const results: string[] = []
      for (const message of messages)
        results.push(inspectResultJson(ctx, await inspectMessage(ctx, toInput(message))))
      return reply.type(JSON_TYPE).send(`{"results":[${results.join(',')}]}`)
    },
  )
}
