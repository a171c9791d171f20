import { z } from 'zod'
import type { RouteModule } from '../app.js'
import { errorResponses, jsonSchema } from '../schema.js'
import { ledgerHead, listLedger, verifyStoredLedger } from '../../services/ledger.js'

const query = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
})

const event = z.object({
  seq: z.number().int(),
  at: z.string(),
  kind: z.string(),
  actor: z.string(),
  subject: z.string(),
  payload: z.unknown(),
  prevHash: z.string(),
  hash: z.string(),
})

const page = z.object({
  items: z.array(event),
  next: z.number().int().nullable(),
  head: z.object({ seq: z.number(), hash: z.string() }),
})

export const ledgerRoutes: RouteModule = (app, ctx) => {
  app.get(
    '/v1/ledger',
    {
      config: { roles: ['auditor', 'admin'] },
      schema: {
        tags: ['ledger'],
        summary: 'Export the hash-chained ledger, oldest first',
        security: [{ bearer: [] }],
        querystring: jsonSchema(query),
        response: { 200: jsonSchema(page, 'output'), ...errorResponses },
      },
    },
    async (request) => {
      const { after, limit } = request.query as z.infer<typeof query>
      const items = await listLedger(ctx.db, after, limit)
      const head = await ledgerHead(ctx.db)
      return { items, next: items.length === limit ? items[items.length - 1]!.seq : null, head }
    },
  )
  app.get(
    '/v1/ledger/verify',
    {
      config: { roles: ['auditor', 'admin'] },
      schema: {
        tags: ['ledger'],
        summary: 'Recompute the whole chain on the server',
        security: [{ bearer: [] }],
      },
    },
    async () => verifyStoredLedger(ctx.db),
  )
}
