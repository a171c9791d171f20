import { z } from 'zod'
import type { RouteModule } from '../app.js'
import { errorResponses, jsonSchema } from '../schema.js'
import { renderTransparencyPage } from '../../core/pages/transparency-page.js'
import { renderTransparencyCsv } from '../../core/transparency/index.js'
import { transparencyReport } from '../../services/transparency.js'
import { pageLanguage, providerNamer, sendPublicPage } from './public-pages.js'

const query = z.object({
  from: z.string().max(64).optional().describe('ISO 8601 start (inclusive); default: 365 days before `to`'),
  to: z.string().max(64).optional().describe('ISO 8601 end (exclusive); default: the end of today (UTC)'),
  format: z.enum(['json', 'csv', 'html']).default('json'),
  lang: z.enum(['zh', 'zh-CN', 'en']).optional(),
})

export const transparencyRoutes: RouteModule = (app, ctx) => {
  app.get(
    '/v1/transparency',
    {
      config: { roles: ['public'] },
      schema: {
        tags: ['transparency'],
        summary:
          'The transparency report for a period, recomputable from the ledger export (JSON, CSV or HTML)',
        querystring: jsonSchema(query),
        response: errorResponses,
      },
    },
    async (request, reply) => {
      const input = request.query as z.infer<typeof query>
      const report = await transparencyReport(ctx, { from: input.from, to: input.to })
      void reply.header('cache-control', 'public, max-age=60')
      if (input.format === 'csv')
        return reply.type('text/csv; charset=utf-8').send(renderTransparencyCsv(report))
      if (input.format === 'html') {
        const lang = pageLanguage(request)
        return sendPublicPage(
          reply,
          renderTransparencyPage({ report, lang, providerName: providerNamer(ctx, lang) }),
        )
      }
      return report
    },
  )
}
