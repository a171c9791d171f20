import { z } from 'zod'
import type { RouteModule } from '../app.js'
import { actorOf } from '../auth.js'
import { errorResponses, jsonSchema } from '../schema.js'
import {
  acknowledgeNotice,
  markFixed,
  providerAppeals,
  providerCases,
  providerDecisions,
} from '../../services/provider-portal.js'
import { listDeliveries } from '../../services/webhooks.js'
import { ownProvider } from './webhooks.js'

const providerParams = z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/) })
const caseParams = providerParams.extend({ caseId: z.string().min(1).max(64) })
const fixedBody = z.object({ note: z.string().max(2000).optional() })

export const providerPortalRoutes: RouteModule = (app, ctx) => {
  const read = { roles: ['provider', 'reviewer', 'admin'] as const }
  const own = { roles: ['provider'] as const }
  const schema = (summary: string, extra: Record<string, unknown> = {}) => ({
    tags: ['provider portal'],
    summary,
    security: [{ bearer: [] }],
    params: jsonSchema(providerParams),
    response: errorResponses,
    ...extra,
  })
  const id = (request: { params: unknown }) => (request.params as { id: string }).id
  app.get(
    '/v1/providers/:id/cases',
    { config: read, schema: schema("The provider's cases with their notice state") },
    async (request) => {
      ownProvider(request, id(request))
      return { items: await providerCases(ctx, id(request)) }
    },
  )
  app.get(
    '/v1/providers/:id/decisions',
    { config: read, schema: schema("Decisions about the provider's links, with statements of reasons") },
    async (request) => {
      ownProvider(request, id(request))
      return { items: await providerDecisions(ctx, id(request)) }
    },
  )
  app.get(
    '/v1/providers/:id/appeals',
    { config: read, schema: schema("The provider's appeals") },
    async (request) => {
      ownProvider(request, id(request))
      return { items: await providerAppeals(ctx, id(request)) }
    },
  )
  app.get(
    '/v1/providers/:id/webhook/deliveries',
    { config: own, schema: schema("Deliveries to the provider's endpoint") },
    async (request) => {
      ownProvider(request, id(request))
      return { items: await listDeliveries(ctx, `provider:${id(request)}`) }
    },
  )
  app.post(
    '/v1/providers/:id/cases/:caseId/acknowledge',
    { config: own, schema: schema('Acknowledge a notice', { params: jsonSchema(caseParams) }) },
    async (request) => {
      const { caseId } = request.params as z.infer<typeof caseParams>
      ownProvider(request, id(request))
      return acknowledgeNotice(ctx, id(request), caseId, actorOf(request))
    },
  )
  app.post(
    '/v1/providers/:id/cases/:caseId/fixed',
    {
      config: own,
      schema: schema('Mark a case fixed; a reviewer verifies it', {
        params: jsonSchema(caseParams),
        body: jsonSchema(fixedBody),
      }),
    },
    async (request) => {
      const { caseId } = request.params as z.infer<typeof caseParams>
      ownProvider(request, id(request))
      return markFixed(
        ctx,
        id(request),
        caseId,
        actorOf(request),
        (request.body as z.infer<typeof fixedBody> | undefined)?.note,
      )
    },
  )
}
