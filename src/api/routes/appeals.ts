import { z } from 'zod'
import type { RouteModule } from '../app.js'
import { actorOf } from '../auth.js'
import { errorResponses, jsonSchema } from '../schema.js'
import { providerOfRole } from '../../core/roles.js'
import { decideAppeal, fileAppeal, getAppeal, listAppeals } from '../../services/appeals.js'
import { decisionBody } from './cases.js'

const appealBody = z.object({
  by: z.enum(['provider', 'sharer', 'reporter']),
  text: z.string().min(1).max(4000),
})
const appealDecisionBody = z.object({
  outcome: z.enum(['upheld', 'reversed', 'modified']),
  response: z.string().min(1).max(4000),
  newDecision: decisionBody.optional(),
})
const idParams = z.object({ id: z.string().min(1).max(64) })
const appealView = z.object({
  id: z.string(),
  caseId: z.string(),
  decisionId: z.string(),
  by: z.enum(['provider', 'sharer', 'reporter']),
  provider: z.string().nullable(),
  text: z.string(),
  state: z.enum(['pending', 'upheld', 'reversed', 'modified']),
  filedAt: z.string(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  response: z.string().nullable(),
  newDecisionId: z.string().nullable(),
})

export const appealRoutes: RouteModule = (app, ctx) => {
  app.post(
    '/v1/cases/:id/appeals',
    {
      config: { roles: ['platform', 'provider'] },
      schema: {
        tags: ['appeals'],
        summary: "Appeal a case's decision (providers: only their own domains)",
        security: [{ bearer: [] }],
        params: jsonSchema(idParams),
        body: jsonSchema(appealBody),
        response: { 201: jsonSchema(appealView, 'output'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const appeal = await fileAppeal(
        ctx,
        (request.params as { id: string }).id,
        { actor: actorOf(request), provider: providerOfRole(request.principal!.role) },
        request.body as z.infer<typeof appealBody>,
      )
      return reply.status(201).send(appeal)
    },
  )
  app.get(
    '/v1/appeals',
    {
      config: { roles: ['reviewer', 'admin'] },
      schema: {
        tags: ['appeals'],
        summary: 'Appeals, oldest first',
        security: [{ bearer: [] }],
        querystring: jsonSchema(
          z.object({ state: z.enum(['pending', 'upheld', 'reversed', 'modified']).optional() }),
        ),
        response: errorResponses,
      },
    },
    async (request) => ({
      items: await listAppeals(ctx, { state: (request.query as { state?: string }).state }),
    }),
  )
  app.get(
    '/v1/appeals/:id',
    {
      config: { roles: ['reviewer', 'admin'] },
      schema: {
        tags: ['appeals'],
        summary: 'One appeal',
        security: [{ bearer: [] }],
        params: jsonSchema(idParams),
        response: errorResponses,
      },
    },
    async (request) => getAppeal(ctx, (request.params as { id: string }).id),
  )
  app.post(
    '/v1/appeals/:id/decision',
    {
      config: { roles: ['reviewer'] },
      schema: {
        tags: ['appeals'],
        summary:
          'Decide an appeal; a different reviewer from the appealed decision, or 409 appeal_same_reviewer',
        security: [{ bearer: [] }],
        params: jsonSchema(idParams),
        body: jsonSchema(appealDecisionBody),
        response: errorResponses,
      },
    },
    async (request) =>
      decideAppeal(
        ctx,
        (request.params as { id: string }).id,
        actorOf(request),
        request.body as z.infer<typeof appealDecisionBody>,
      ),
  )
}
