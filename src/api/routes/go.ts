import type { FastifyReply } from 'fastify'
import { z } from 'zod'
import type { RouteModule } from '../app.js'
import { jsonSchema } from '../schema.js'
import { PAGE_CSP, pickLanguage, renderBackPage, type PageLanguage } from '../../core/pages/index.js'
import { handleClick } from '../../services/click.js'

const goQuery = z.object({
  continue: z.string().max(64).optional().describe('the mark a safety page puts on its 继续访问 link'),
})
const backQuery = z.object({ lang: z.enum(['zh-CN', 'en']).optional() })

// Pages never load anything, never run anything, never leak the link through a Referer, and never go stale.
const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': PAGE_CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
}

function sendPage(reply: FastifyReply, status: number, lang: PageLanguage, html: string): FastifyReply {
  return reply
    .status(status)
    .headers({ ...PAGE_HEADERS, 'content-language': lang })
    .send(html)
}

/** The click-through: `/go/<token>` re-checks and redirects or shows the safety or block page. */
export const goRoutes: RouteModule = (app, ctx) => {
  app.get(
    '/go/back',
    {
      config: { roles: ['public'] },
      schema: {
        tags: ['click'],
        summary: 'Where 返回 on a safety page leads: "not opened"; in-app browsers may close here',
        querystring: jsonSchema(backQuery),
      },
    },
    async (request, reply) => {
      const { lang } = request.query as z.infer<typeof backQuery>
      const chosen = lang ?? pickLanguage(request.headers['accept-language'])
      return sendPage(reply, 200, chosen, renderBackPage(chosen))
    },
  )
  // A wildcard, not `:token`: tokens carry the URL and outgrow the router's 100-character parameter limit.
  app.get(
    '/go/*',
    {
      config: { roles: ['public'] },
      schema: {
        tags: ['click'],
        summary:
          'Open a link from a message: re-checked now; 302 (no referrer), the safety page, the block page, or 400 for a bad token',
        querystring: jsonSchema(goQuery),
      },
    },
    async (request, reply) => {
      const token = (request.params as { '*': string })['*']
      const lang = pickLanguage(request.headers['accept-language'])
      const outcome = await handleClick(ctx, token, {
        lang,
        continueMark: (request.query as z.infer<typeof goQuery>).continue,
      })
      if (outcome.kind === 'page') return sendPage(reply, outcome.status, lang, outcome.html)
      return reply
        .status(302)
        .headers({
          location: outcome.location,
          'referrer-policy': 'no-referrer',
          'cache-control': 'no-store',
        })
        .send()
    },
  )
}
