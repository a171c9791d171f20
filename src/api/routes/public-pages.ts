import type { FastifyReply, FastifyRequest } from 'fastify'
import type { RouteModule } from '../app.js'
import type { Context } from '../../context.js'
import { pickLanguage, type PageLanguage } from '../../core/pages/language.js'
import { renderRulesPage } from '../../core/pages/rules-page.js'
import { renderTransparencyPage } from '../../core/pages/transparency-page.js'
import { PUBLIC_PAGE_CSP } from '../../core/transparency/index.js'
import { currentPolicy, policyHistory } from '../../services/policy.js'
import { registryOf } from '../../services/reference-data.js'
import { transparencyReport } from '../../services/transparency.js'

/** `?lang=en|zh` wins; else Accept-Language; zh-CN by default. */
export function pageLanguage(request: FastifyRequest): PageLanguage {
  const asked = (request.query as { lang?: unknown } | undefined)?.lang
  if (asked === 'en') return 'en'
  if (asked === 'zh' || asked === 'zh-CN') return 'zh-CN'
  return pickLanguage(request.headers['accept-language'])
}

/** Provider display names from the registry, in the page language. */
export function providerNamer(ctx: Context, lang: PageLanguage): (id: string) => string {
  const registry = registryOf(ctx)
  return (id) => {
    const provider = registry.byId.get(id)
    return provider ? (lang === 'en' ? provider.nameEn : provider.nameZh) : id
  }
}

/** Sends a server-rendered public page with the strict CSP: nothing loads, nothing runs. */
export function sendPublicPage(reply: FastifyReply, html: string): FastifyReply {
  return reply
    .headers({
      'content-security-policy': PUBLIC_PAGE_CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'public, max-age=60',
      vary: 'accept-language',
    })
    .type('text/html; charset=utf-8')
    .send(html)
}

const pageSchema = {
  tags: ['transparency'],
  querystring: { type: 'object', properties: { lang: { type: 'string', enum: ['zh', 'zh-CN', 'en'] } } },
}

export const publicPageRoutes: RouteModule = (app, ctx) => {
  app.get(
    '/rules',
    {
      config: { roles: ['public'] },
      schema: {
        ...pageSchema,
        summary:
          'Public page: the reason catalogue, the policy in plain words and the phase timeline (zh-CN, ?lang=en)',
      },
    },
    async (request, reply) => {
      const lang = pageLanguage(request)
      const compiled = await currentPolicy(ctx)
      const history = (await policyHistory(ctx)).map(({ version, publishedAt, note }) => ({
        version,
        publishedAt,
        note,
      }))
      const html = renderRulesPage({
        lang,
        policy: compiled.policy,
        catalogue: compiled.catalogue,
        history,
        now: ctx.now(),
        providerName: providerNamer(ctx, lang),
      })
      return sendPublicPage(reply, html)
    },
  )
  app.get(
    '/transparency',
    {
      config: { roles: ['public'] },
      schema: { ...pageSchema, summary: 'Public page: the latest transparency report (zh-CN, ?lang=en)' },
    },
    async (request, reply) => {
      const lang = pageLanguage(request)
      const report = await transparencyReport(ctx)
      return sendPublicPage(
        reply,
        renderTransparencyPage({ report, lang, providerName: providerNamer(ctx, lang) }),
      )
    },
  )
}
