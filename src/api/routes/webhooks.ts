import { z } from 'zod'
import type { FastifyRequest } from 'fastify'
import type { RouteModule } from '../app.js'
import { actorOf } from '../auth.js'
import { errorResponses, jsonSchema } from '../schema.js'
import { providerOfRole } from '../../core/roles.js'
import { AuthError, NotFoundError } from '../../errors.js'
import { listDeliveries, retryDelivery, setWebhookEndpoint, WEBHOOK_EVENTS } from '../../services/webhooks.js'

const endpointBody = z.object({
  url: z.string().min(1).max(2048),
  secret: z.string().min(16).max(256).optional().describe('omit to have one generated and returned once'),
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1).optional(),
  active: z.boolean().optional(),
})
const providerParams = z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/) })

/** A provider key may act only for its own provider id; admins for any. */
export function ownProvider(request: FastifyRequest, id: string): void {
  const own = providerOfRole(request.principal!.role)
  if (own !== null && own !== id)
    throw new AuthError('forbidden', `this key acts for provider ${own}, not ${id}`)
}

export const webhookRoutes: RouteModule = (app, ctx) => {
  app.put(
    '/v1/webhooks',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['webhooks'],
        summary: "Set the platform's webhook endpoint (reporter and sharer notifications)",
        security: [{ bearer: [] }],
        body: jsonSchema(endpointBody),
        response: errorResponses,
      },
    },
    async (request) =>
      setWebhookEndpoint(ctx, 'platform', request.body as z.infer<typeof endpointBody>, actorOf(request)),
  )
  app.get(
    '/v1/webhooks/deliveries',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['webhooks'],
        summary: "The platform endpoint's deliveries, dead letters included",
        security: [{ bearer: [] }],
        querystring: jsonSchema(z.object({ state: z.enum(['pending', 'delivered', 'dead']).optional() })),
        response: errorResponses,
      },
    },
    async (request) => ({
      items: await listDeliveries(ctx, 'platform', (request.query as { state?: string }).state),
    }),
  )
  app.post(
    '/v1/webhooks/deliveries/:id/retry',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['webhooks'],
        summary: 'Requeue a dead letter',
        security: [{ bearer: [] }],
        params: jsonSchema(z.object({ id: z.string().min(1).max(64) })),
        response: { 202: jsonSchema(z.object({ id: z.string(), state: z.string() })), ...errorResponses },
      },
    },
    async (request, reply) => {
      const id = (request.params as { id: string }).id
      if (!(await retryDelivery(ctx, 'platform', id))) throw new NotFoundError('dead delivery', id)
      return reply.status(202).send({ id, state: 'pending' })
    },
  )
  app.put(
    '/v1/providers/:id/webhook',
    {
      config: { roles: ['provider', 'admin'] },
      schema: {
        tags: ['webhooks'],
        summary: "Set a provider's webhook endpoint (its own, for provider keys)",
        security: [{ bearer: [] }],
        params: jsonSchema(providerParams),
        body: jsonSchema(endpointBody),
        response: errorResponses,
      },
    },
    async (request) => {
      const id = (request.params as { id: string }).id
      ownProvider(request, id)
      return setWebhookEndpoint(
        ctx,
        `provider:${id}`,
        request.body as z.infer<typeof endpointBody>,
        actorOf(request),
      )
    },
  )
}
