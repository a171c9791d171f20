import { z } from 'zod'
import type { RouteModule } from '../app.js'
import { actorOf } from '../auth.js'
import { errorResponses, jsonSchema } from '../schema.js'
import { COMPLAINT_CATEGORIES, SCENARIOS } from '../../core/vocabulary.js'
import { reportStatus, submitReport } from '../../services/reports.js'
import { setTrustedFlagger } from '../../services/reports-flaggers.js'

export const reportBody = z.object({
  reporterId: z.string().min(1).max(128),
  url: z.string().min(1).max(4096),
  scenario: z.enum(SCENARIOS),
  category: z.enum(COMPLAINT_CATEGORIES),
  subCategory: z.string().min(1).max(64).optional(),
  text: z.string().max(8000).optional().describe('at most 2,000 characters (code points)'),
  evidence: z
    .object({
      messageText: z.string().max(8000),
      senderId: z.string().max(128).optional(),
      sentAt: z.string().datetime({ offset: true }).optional(),
    })
    .optional(),
  idempotencyKey: z.string().min(1).max(128).optional(),
})

const receipt = z.object({
  id: z.string(),
  status: z.enum(['received', 'held_for_review']),
  caseId: z.string(),
  duplicate: z.boolean(),
  replayed: z.boolean().optional(),
  warning: z.object({ code: z.string(), message: z.string(), remaining: z.number().optional() }).optional(),
})

const flaggerBody = z.object({
  categories: z.array(z.enum(COMPLAINT_CATEGORIES)).min(1),
  weight: z.number().min(1).max(10),
})

export const reportRoutes: RouteModule = (app, ctx) => {
  app.post(
    '/v1/reports',
    {
      config: { roles: ['platform', 'flagger'] },
      schema: {
        tags: ['complaints'],
        summary: 'Report a link for a reporter; 202 once the report is durably stored',
        security: [{ bearer: [] }],
        body: jsonSchema(reportBody),
        response: { 202: jsonSchema(receipt, 'output'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const principal = request.principal!
      const body = request.body as z.infer<typeof reportBody>
      const result = await submitReport(ctx, body, {
        keyId: principal.keyId,
        actor: actorOf(request),
        flagger: principal.role === 'flagger',
      })
      return reply.status(202).send(result)
    },
  )
  app.get(
    '/v1/reports/:id',
    {
      config: { roles: ['platform', 'flagger', 'reviewer', 'admin'] },
      schema: {
        tags: ['complaints'],
        summary: "A report's status and outcome, as the reporter may be told",
        security: [{ bearer: [] }],
        params: jsonSchema(z.object({ id: z.string().min(1).max(64) })),
        response: errorResponses,
      },
    },
    async (request) => {
      const principal = request.principal!
      // A flagger sees only its own reports; the platform sees those it submitted for its users.
      const own = principal.role === 'flagger' || principal.role === 'platform' ? principal.keyId : null
      return reportStatus(ctx, (request.params as { id: string }).id, own)
    },
  )
  app.put(
    '/v1/flaggers/:keyId',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['complaints'],
        summary: 'Trust a flagger key for some categories, with a weight',
        security: [{ bearer: [] }],
        params: jsonSchema(z.object({ keyId: z.string().min(1).max(64) })),
        body: jsonSchema(flaggerBody),
        response: errorResponses,
      },
    },
    async (request) =>
      setTrustedFlagger(
        ctx,
        (request.params as { keyId: string }).keyId,
        request.body as z.infer<typeof flaggerBody>,
        actorOf(request),
      ),
  )
}
