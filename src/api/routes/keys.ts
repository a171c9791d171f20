import { z } from 'zod'
import type { RouteModule } from '../app.js'
import { actorOf } from '../auth.js'
import { errorResponses, jsonSchema } from '../schema.js'
import { createApiKey, listApiKeys, revokeApiKey } from '../../services/keys.js'

const createBody = z.object({ role: z.string().min(1).max(80), name: z.string().min(1).max(120).optional() })
const keyInfo = z.object({
  id: z.string(),
  name: z.string(),
  role: z.string(),
  keyPrefix: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
})

export const keyRoutes: RouteModule = (app, ctx) => {
  const admin = { config: { roles: ['admin'] as const } }
  app.post(
    '/v1/keys',
    {
      ...admin,
      schema: {
        tags: ['keys'],
        summary: 'Create an API key; the key is shown once',
        security: [{ bearer: [] }],
        body: jsonSchema(createBody),
        response: { 201: jsonSchema(z.object({ key: z.string(), info: keyInfo })), ...errorResponses },
      },
    },
    async (request, reply) => {
      const body = request.body as z.infer<typeof createBody>
      const created = await createApiKey(ctx.db, {
        role: body.role,
        name: body.name,
        actor: actorOf(request),
      })
      return reply.status(201).send(created)
    },
  )
  app.get(
    '/v1/keys',
    {
      ...admin,
      schema: {
        tags: ['keys'],
        summary: 'List API keys (never the keys themselves)',
        security: [{ bearer: [] }],
        response: { 200: jsonSchema(z.object({ items: z.array(keyInfo) })) },
      },
    },
    async () => ({ items: await listApiKeys(ctx.db) }),
  )
  app.delete(
    '/v1/keys/:id',
    {
      ...admin,
      schema: {
        tags: ['keys'],
        summary: 'Revoke an API key by id or shown prefix',
        security: [{ bearer: [] }],
        params: jsonSchema(z.object({ id: z.string().min(1).max(80) })),
        response: { 200: jsonSchema(keyInfo), ...errorResponses },
      },
    },
    async (request) => revokeApiKey(ctx.db, (request.params as { id: string }).id, actorOf(request)),
  )
}
