import type { FastifyInstance } from 'fastify'
import { buildApp, type RouteModule } from '../../src/api/app.js'
import { testConfig, type Config } from '../../src/config/config.js'
import { createContext, type Context } from '../../src/context.js'
import { createApiKey } from '../../src/services/keys.js'
import type { Backend } from './backends.js'

export interface Harness {
  ctx: Context
  app: FastifyInstance
  keys: Record<'admin' | 'platform' | 'reviewer' | 'auditor', string>
  url: string | null
  close(): Promise<void>
}

/** A fresh database with migrations applied, an app (not listening) and one key per role. */
export async function startHarness(
  backend: Backend,
  options: { now?: () => Date; routes?: RouteModule[]; config?: Partial<Config> } = {},
): Promise<Harness> {
  const opened = await backend.open()
  const ctx = await createContext(testConfig(options.config), {
    store: opened.store,
    ...(options.now ? { now: options.now } : {}),
  })
  const app = await buildApp(ctx, options.routes)
  await app.ready()
  const keys = {} as Harness['keys']
  for (const role of ['admin', 'platform', 'reviewer', 'auditor'] as const) {
    keys[role] = (await createApiKey(ctx.db, { role, actor: 'test' })).key
  }
  return {
    ctx,
    app,
    keys,
    url: opened.url,
    close: async () => {
      await app.close()
      await ctx.close()
      await opened.drop()
    },
  }
}

export function bearer(key: string): { authorization: string } {
  return { authorization: `Bearer ${key}` }
}
