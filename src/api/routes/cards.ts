import { z } from 'zod'
import type { RouteModule } from '../app.js'
import { errorResponses, jsonSchema } from '../schema.js'
import { getCard } from '../../services/cards.js'

const cardQuery = z.object({ url: z.string().min(1).max(4096).describe('the link to preview') })

export const cardResponse = z.object({
  title: z.string().nullable(),
  description: z.string().nullable(),
  siteName: z.string().nullable(),
  image: z.string().nullable().describe('the proxied image URL (/img/…), never the page’s own'),
  price: z.object({ amount: z.string(), currency: z.string() }).optional(),
  finalUrl: z.string(),
  charset: z.string(),
  loginRequired: z.boolean(),
  provider: z.string().nullable(),
  openInApp: z.string().nullable(),
  fetchedAt: z.string(),
})

export const cardRoutes: RouteModule = (app, ctx) => {
  app.get(
    '/v1/cards',
    {
      config: { roles: ['platform', 'admin'] },
      schema: {
        tags: ['cards'],
        summary:
          'The preview card of a link, fetched on the server through the guard and cached a day (failures ten minutes)',
        security: [{ bearer: [] }],
        querystring: jsonSchema(cardQuery),
        response: { 200: jsonSchema(cardResponse, 'output'), ...errorResponses },
      },
    },
    async (request) => getCard(ctx, (request.query as z.infer<typeof cardQuery>).url),
  )
}
