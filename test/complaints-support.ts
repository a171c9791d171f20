import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../src/api/app.js'
import { testConfig } from '../src/config/config.js'
import { createContext, type Context } from '../src/context.js'
import { createApiKey } from '../src/services/keys.js'
import { configureComplaints } from '../src/services/reports-config.js'
import type { Backend } from './support/backends.js'

export interface DeskHarness {
  ctx: Context
  app: FastifyInstance
  keys: {
    admin: string
    platform: string
    reviewer: string
    reviewer2: string
    provider: string
    otherProvider: string
    flagger: string
    auditor: string
  }
  keyIds: { flagger: string }
  url: string | null
  close(): Promise<void>
}

/** A fresh database, an app with the complaint desk, and keys for every part in the flow. Loopback is allowed for the test receivers. */
export async function startDesk(
  backend: Backend,
  options: { now?: () => Date; provider?: string } = {},
): Promise<DeskHarness> {
  const opened = await backend.open()
  const config = testConfig({ fetch: { allowPrivate: ['127.0.0.0/8', '::1/128'], allowedPorts: [80, 443] } })
  const ctx = await createContext(config, {
    store: opened.store,
    ...(options.now ? { now: options.now } : {}),
  })
  // No background worker: tests send webhooks and capture evidence by hand, deterministically.
  configureComplaints(ctx, { workerIntervalMs: 0 })
  const app = await buildApp(ctx)
  await app.ready()
  const make = async (role: string, name?: string) => createApiKey(ctx.db, { role, name, actor: 'test' })
  const flagger = await make('flagger', 'anti-fraud centre')
  const keys = {
    admin: (await make('admin')).key,
    platform: (await make('platform')).key,
    reviewer: (await make('reviewer', 'Li')).key,
    reviewer2: (await make('reviewer', 'Wang')).key,
    provider: (await make(`provider:${options.provider ?? 'jd'}`)).key,
    otherProvider: (await make('provider:taobao')).key,
    flagger: flagger.key,
    auditor: (await make('auditor')).key,
  }
  return {
    ctx,
    app,
    keys,
    keyIds: { flagger: flagger.info.id },
    url: opened.url,
    close: async () => {
      await app.close()
      await ctx.close()
      await opened.drop()
    },
  }
}

export interface Received {
  path: string
  headers: IncomingHttpHeaders
  body: string
}

/** A webhook receiver on loopback that records every request and answers with `status()`. */
export async function startReceiver(
  status: () => number = () => 204,
): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = []
  const server: Server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk: Buffer) => (body += chunk.toString()))
    request.on('end', () => {
      received.push({ path: request.url ?? '', headers: request.headers, body })
      response.statusCode = status()
      response.end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

export function auth(key: string): { authorization: string } {
  return { authorization: `Bearer ${key}` }
}
