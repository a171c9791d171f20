import { z } from 'zod'
import type { RouteModule } from '../app.js'
import { errorResponses, jsonSchema } from '../schema.js'
import {
  AUDITED_DECISION_KINDS,
  auditedDecisions,
  auditedPolicyHistory,
} from '../../services/transparency.js'

const decisionsQuery = z.object({
  after: z.coerce.number().int().min(0).default(0).describe('ledger seq to continue after'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  kind: z.enum(AUDITED_DECISION_KINDS as [string, ...string[]]).optional(),
})

const historyQuery = z.object({
  documents: z.enum(['true', 'false', '1', '0']).optional().describe('include each published document'),
})

// The auditor is read-only by construction: this module registers GET routes only.
export const auditorRoutes: RouteModule = (app, ctx) => {
  app.get(
    '/v1/audit/decisions',
    {
      config: { roles: ['auditor', 'admin'] },
      schema: {
        tags: ['audit'],
        summary: 'Decisions with their statements of reasons, from the ledger, reporter identities redacted',
        security: [{ bearer: [] }],
        querystring: jsonSchema(decisionsQuery),
        response: errorResponses,
      },
    },
    async (request) => {
      const { after, limit, kind } = request.query as z.infer<typeof decisionsQuery>
      return auditedDecisions(ctx, { after, limit, kind })
    },
  )
  app.get(
    '/v1/audit/policy-history',
    {
      config: { roles: ['auditor', 'admin'] },
      schema: {
        tags: ['audit'],
        summary: 'Every published policy version with its diff and ledger seq',
        security: [{ bearer: [] }],
        querystring: jsonSchema(historyQuery),
        response: errorResponses,
      },
    },
    async (request) => {
      const { documents } = request.query as z.infer<typeof historyQuery>
      return { items: await auditedPolicyHistory(ctx, documents === 'true' || documents === '1') }
    },
  )
}
