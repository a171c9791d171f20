import { z } from 'zod'
import type { RouteModule } from '../app.js'
import { jsonSchema } from '../schema.js'

const healthBody = z.object({ status: z.enum(['ok', 'unavailable']), store: z.enum(['pglite', 'postgres']) })

export const healthRoutes: RouteModule = (app, ctx, state) => {
  app.get(
    '/healthz',
    {
      config: { roles: ['public'] },
      schema: {
        tags: ['ops'],
        summary: 'Liveness: the database answers',
        response: { 200: jsonSchema(healthBody), 503: jsonSchema(healthBody) },
      },
    },
    async (_request, reply) => {
      try {
        await ctx.store.query('SELECT 1')
        return { status: 'ok', store: ctx.store.kind }
      } catch {
        return reply
          .status(503)
          .header('retry-after', '2')
          .send({ status: 'unavailable', store: ctx.store.kind })
      }
    },
  )
  app.get(
    '/readyz',
    {
      config: { roles: ['public'] },
      schema: { tags: ['ops'], summary: 'Readiness: started, seeded and not shutting down' },
    },
    async (_request, reply) => {
      const ready = state.ready && !state.shuttingDown
      return reply.status(ready ? 200 : 503).send({ ready })
    },
  )
}
