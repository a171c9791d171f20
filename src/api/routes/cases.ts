import { z } from 'zod'
import type { RouteModule } from '../app.js'
import { actorOf } from '../auth.js'
import { errorResponses, jsonSchema } from '../schema.js'
import { COMPLAINT_CATEGORIES, SCENARIOS } from '../../core/vocabulary.js'
import { caseActionIndex } from '../../services/case-actions.js'
import { claimCase, getCase, listCases, releaseCase } from '../../services/cases.js'
import { verifyFix } from '../../services/provider-portal.js'
import { startComplaintWorkers } from '../../services/reports-worker.js'
import { decideCase } from '../../services/review.js'

const listQuery = z.object({
  state: z.enum(['open', 'escalated', 'closed']).optional(),
  category: z.enum(COMPLAINT_CATEGORIES).optional(),
  provider: z.string().min(1).max(64).optional(),
  domain: z.string().min(1).max(253).optional(),
  sort: z.enum(['priority', 'recent']).default('priority'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
})

const caseItem = z.object({
  id: z.string(),
  url: z.string(),
  domain: z.string(),
  provider: z.string().nullable(),
  state: z.enum(['open', 'escalated', 'closed']),
  priority: z.number(),
  reportCount: z.number(),
  distinctReporters: z.number(),
  weightedReporters: z.number(),
  categories: z.record(z.string(), z.number()),
  heldReason: z.string().nullable(),
  claimedBy: z.string().nullable(),
  claimUntil: z.string().nullable(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  noticeState: z.string(),
})

export const decisionBody = z.object({
  action: z.enum(['dismiss', 'warn', 'block']),
  scope: z.enum(['url', 'url-prefix', 'domain']),
  scenarios: z.array(z.enum(SCENARIOS)).max(4).optional(),
  durationHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 366)
    .optional(),
  ground: z.enum(['illegal', 'terms']),
  reason: z
    .string()
    .regex(/^[A-Z][A-Z0-9_]*$/)
    .max(64),
  explanation: z.string().min(1).max(4000),
  facts: z.string().max(4000).optional(),
  target: z
    .string()
    .max(4096)
    .optional()
    .describe('url-prefix only; defaults to the case URL without its query'),
  category: z.enum(COMPLAINT_CATEGORIES).optional(),
})

const idParams = z.object({ id: z.string().min(1).max(64) })
const fixBody = z.object({ verified: z.boolean(), note: z.string().max(2000).optional() })

export const caseRoutes: RouteModule = async (app, ctx) => {
  // The inspect path must see case actions from its first request on; the worker sends webhooks and captures evidence.
  await caseActionIndex(ctx).ready()
  startComplaintWorkers(ctx)
  const reviewer = { roles: ['reviewer'] as const }
  app.get(
    '/v1/cases',
    {
      config: { roles: ['reviewer', 'admin', 'auditor'] },
      schema: {
        tags: ['complaints'],
        summary: 'The review queue',
        security: [{ bearer: [] }],
        querystring: jsonSchema(listQuery),
        response: { 200: jsonSchema(z.object({ items: z.array(caseItem) }), 'output'), ...errorResponses },
      },
    },
    async (request) => ({ items: await listCases(ctx, request.query as z.infer<typeof listQuery>) }),
  )
  app.get(
    '/v1/cases/:id',
    {
      config: { roles: ['reviewer', 'admin'] },
      schema: {
        tags: ['complaints'],
        summary: 'A case with its reports, evidence, decisions and history',
        security: [{ bearer: [] }],
        params: jsonSchema(idParams),
        response: errorResponses,
      },
    },
    async (request) => getCase(ctx, (request.params as { id: string }).id),
  )
  app.post(
    '/v1/cases/:id/claim',
    {
      config: reviewer,
      schema: {
        tags: ['complaints'],
        summary: 'Claim a case for 5 minutes; 409 case_claimed if another reviewer holds it',
        security: [{ bearer: [] }],
        params: jsonSchema(idParams),
        response: errorResponses,
      },
    },
    async (request) => claimCase(ctx, (request.params as { id: string }).id, actorOf(request)),
  )
  app.delete(
    '/v1/cases/:id/claim',
    {
      config: reviewer,
      schema: {
        tags: ['complaints'],
        summary: 'Release your claim',
        security: [{ bearer: [] }],
        params: jsonSchema(idParams),
        response: { 204: { type: 'null' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      await releaseCase(ctx, (request.params as { id: string }).id, actorOf(request))
      return reply.status(204).send()
    },
  )
  app.post(
    '/v1/cases/:id/decision',
    {
      config: reviewer,
      schema: {
        tags: ['complaints'],
        summary: 'Decide a case with a statement of reasons; effective on every node at once',
        security: [{ bearer: [] }],
        params: jsonSchema(idParams),
        body: jsonSchema(decisionBody),
        response: errorResponses,
      },
    },
    async (request) =>
      decideCase(
        ctx,
        (request.params as { id: string }).id,
        actorOf(request),
        request.body as z.infer<typeof decisionBody>,
      ),
  )
  app.post(
    '/v1/cases/:id/fix-verification',
    {
      config: reviewer,
      schema: {
        tags: ['complaints'],
        summary: "Verify (or reject) a provider's fix; a verified fix lifts the case's actions",
        security: [{ bearer: [] }],
        params: jsonSchema(idParams),
        body: jsonSchema(fixBody),
        response: errorResponses,
      },
    },
    async (request) =>
      verifyFix(
        ctx,
        (request.params as { id: string }).id,
        actorOf(request),
        request.body as z.infer<typeof fixBody>,
      ),
  )
}
