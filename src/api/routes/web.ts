import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance, FastifyReply } from 'fastify'
import type { RouteModule } from '../app.js'
import type { Context, SingletonKey } from '../../context.js'
import { createApiKey } from '../../services/keys.js'
import { registryOf } from '../../services/reference-data.js'

// web/dist sits at the package root, beside src/ and dist/ (this file is src/api/routes or dist/api/routes).
const WEB_DIST = fileURLToPath(new URL('../../../web/dist/', import.meta.url))

const ALL_ROLES = ['platform', 'reviewer', 'admin', 'auditor', 'flagger', 'provider'] as const

const MISSING_BUILD = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>Hutong 互通</title>
<main style="font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem">
<h1>控制台尚未构建 · The console is not built</h1>
<p>运行 <code>npm run build:web</code> 后刷新本页。</p>
<p>Run <code>npm run build:web</code>, then reload this page.</p></main></html>`

// The SPA shell must never be cached (it names the hashed assets); the assets may be cached forever.
const SHELL_HEADERS = {
  'cache-control': 'no-cache',
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
}

function sendShell(reply: FastifyReply): FastifyReply {
  const index = WEB_DIST + 'index.html'
  // Read per request so that `npm run build:web` on a running server takes effect without a restart.
  if (!existsSync(index))
    return reply.status(503).headers(SHELL_HEADERS).type('text/html; charset=utf-8').send(MISSING_BUILD)
  return reply.headers(SHELL_HEADERS).type('text/html; charset=utf-8').send(readFileSync(index, 'utf8'))
}

const DEMO_KEY: SingletonKey<{ key: Promise<string> | null }> = Symbol('demo-platform-key')

/** The demo's platform key: one per process, created on first use, only for an embedded (PGlite) server. */
function demoKey(ctx: Context): Promise<string> {
  const slot = ctx.singleton(DEMO_KEY, () => ({ key: null as Promise<string> | null }))
  slot.key ??= createApiKey(ctx.db, {
    role: 'platform',
    name: 'demo chat (embedded only)',
    actor: 'system:demo',
  }).then((created) => created.key)
  return slot.key
}

function registerOnce(app: FastifyInstance, method: 'GET' | 'POST', url: string, register: () => void): void {
  // Another feature may own this route by the time it lands; theirs wins.
  if (!app.hasRoute({ method, url })) register()
}

/**
 * The console and the demo chat (web/dist, a Vite build) at /console and /demo with SPA fallback,
 * plus the small routes they need: whoami, the provider registry and the embedded-only demo session.
 */
export const webRoutes: RouteModule = async (app, ctx) => {
  const publicRoute = { config: { roles: ['public'] as const }, schema: { hide: true } }
  registerOnce(app, 'GET', '/v1/whoami', () =>
    app.get(
      '/v1/whoami',
      {
        config: { roles: ALL_ROLES },
        schema: {
          tags: ['keys'],
          summary: 'The principal of the calling key: id, role and name',
          security: [{ bearer: [] }],
        },
      },
      async (request) => request.principal,
    ),
  )
  registerOnce(app, 'GET', '/v1/providers', () =>
    app.get(
      '/v1/providers',
      {
        config: { roles: ['public'] },
        schema: { tags: ['providers'], summary: 'The provider registry: ids, names, categories and domains' },
      },
      async () => {
        const registry = registryOf(ctx)
        return {
          version: registry.version,
          items: registry.providers.map((p) => ({
            id: p.id,
            nameZh: p.nameZh,
            nameEn: p.nameEn,
            categories: p.categories,
            domains: p.domains,
            shortDomains: p.shortDomains,
            hasApp: p.appSchemes.length > 0 || p.appLinkHosts.length > 0,
            unverified: p.unverified,
          })),
        }
      },
    ),
  )
  app.post(
    '/v1/demo/session',
    {
      config: { roles: ['public'] },
      schema: {
        tags: ['demo'],
        summary: 'Demo only: a platform key for the demo chat; embedded (PGlite) servers only, 404 elsewhere',
      },
    },
    async (request, reply) => {
      // The demo hands out a platform key: only on an embedded server, and only to this machine, even
      // if the server was bound to a public address.
      if (ctx.store.kind !== 'pglite' || !isLoopback(request.ip))
        return reply.status(404).send({
          error: 'demo_unavailable',
          message:
            'the demo session exists only on an embedded (PGlite) server, for requests from this machine',
        })
      return {
        key: await demoKey(ctx),
        role: 'platform',
        note: 'demo only: this key acts as a platform; never expose an embedded server publicly',
      }
    },
  )

  await app.register(async (web) => {
    // Registered in its own context so that sendFile never clashes with another plugin's decorator.
    await web.register(fastifyStatic, { root: WEB_DIST, serve: false, suppressWarning: true })
    web.get('/assets/*', publicRoute, async (request, reply) => {
      const file = (request.params as { '*': string })['*']
      return reply.header('cache-control', 'public, max-age=31536000, immutable').sendFile(`assets/${file}`)
    })
    web.get('/favicon.svg', publicRoute, async (_request, reply) => reply.sendFile('favicon.svg'))
    for (const base of ['/console', '/demo']) {
      web.get(base, publicRoute, async (_request, reply) => sendShell(reply))
      web.get(`${base}/*`, publicRoute, async (_request, reply) => sendShell(reply))
    }
  })
}

function isLoopback(ip: string): boolean {
  return ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.')
}
