import { randomBytes } from 'node:crypto'
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { Context } from '../context.js'
import { installAuth } from './auth.js'
import { installErrorHandling } from './errors.js'
import { installValidation } from './validation.js'
import { ROUTE_MODULES } from './routes/index.js'

export interface AppState {
  ready: boolean
  shuttingDown: boolean
}

/** Each feature adds its routes here; `buildApp` registers them all. */
export type RouteModule = (app: FastifyInstance, ctx: Context, state: AppState) => void | Promise<void>

/**
 * The Fastify app over a context: one error model, roles on every route, OpenAPI at /openapi.json.
 * Tests use `app.inject()` on it without listening.
 */
export async function buildApp(ctx: Context, extraRoutes: RouteModule[] = []): Promise<FastifyInstance> {
  // Typed as Fastify's base logger so the instance type stays the default one.
  const loggerInstance: FastifyBaseLogger = ctx.logger
  // Request ids: this process's random prefix and a counter, unique without a random draw per request.
  const idPrefix = randomBytes(6).toString('base64url')
  let requests = 0
  const silent = loggerInstance.level === 'silent'
  const app = Fastify({
    loggerInstance,
    bodyLimit: ctx.config.http.bodyLimitBytes,
    genReqId: (request) => {
      const given = request.headers['x-request-id']
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given)
        ? given
        : `${idPrefix}-${(++requests).toString(36)}`
    },
    requestIdHeader: false,
    // A logger that cannot log needs no per-request child to carry the request id. Hutong never
    // changes the level after start, so it is read once.
    childLoggerFactory: silent
      ? (logger) => logger
      : (logger, bindings, options) => logger.child(bindings, options),
  })
  const state: AppState = { ready: false, shuttingDown: false }
  app.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id)
    done()
  })
  installErrorHandling(app)
  installValidation(app)
  installAuth(app, ctx.db)
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Hutong API',
        version: '0.1.0',
        description:
          'External-link governance for messaging platforms: decisions with reasons, complaints, grades and a public ledger.',
      },
      servers: [{ url: ctx.config.http.publicUrl }],
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API key: htk_…' } },
      },
    },
  })
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true })
  app.get('/openapi.json', { schema: { hide: true }, config: { roles: ['public'] } }, async () =>
    app.swagger(),
  )
  for (const module of [...ROUTE_MODULES, ...extraRoutes]) await module(app, ctx, state)
  app.addHook('onReady', async () => {
    state.ready = true
  })
  app.addHook('preClose', async () => {
    state.shuttingDown = true
  })
  return app
}
