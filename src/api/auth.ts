import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Db } from '../db/client.js'
import { roleAllowed, type Role } from '../core/roles.js'
import { AuthError } from '../errors.js'
import { authenticateApiKey } from '../services/keys.js'

export interface Principal {
  keyId: string
  role: Role
  name: string
}

/** `public` admits anyone; `provider` admits any `provider:<id>` key. */
export type RouteRole = 'public' | 'platform' | 'reviewer' | 'admin' | 'auditor' | 'flagger' | 'provider'

declare module 'fastify' {
  interface FastifyContextConfig {
    roles?: readonly RouteRole[]
  }
  interface FastifyRequest {
    principal: Principal | null
  }
}

// Keys are checked on every request; a short cache keeps the database off the hot path.
// A revoked key stops working within KEY_CACHE_MS on every node.
const KEY_CACHE_MS = 5_000

type PrincipalCache = Map<string, { principal: Principal | null; until: number }>

/**
 * Every route must declare its roles; a route without them fails at startup, not in production. Each
 * route gets its own check, bound to its roles when the route is added.
 */
export function installAuth(app: FastifyInstance, db: Db): void {
  const cache: PrincipalCache = new Map()
  app.decorateRequest('principal', null)
  app.addHook('onRoute', (route) => {
    const open = route.url.startsWith('/docs') || route.url === '/openapi.json'
    const roles = route.config?.roles
    if (!open && !roles) throw new Error(`route ${String(route.method)} ${route.url} declares no roles`)
    // The roles are part of the published contract: show them in OpenAPI and the docs.
    if (roles && route.schema && route.schema.hide !== true) {
      const description =
        typeof route.schema.description === 'string' ? `${route.schema.description}\n\n` : ''
      route.schema = { ...route.schema, description: `${description}Roles: ${roles.join(', ')}` }
    }
    const check = checkFor(roles, db, cache)
    const own = route.onRequest === undefined ? [] : [route.onRequest].flat()
    route.onRequest = [check, ...own]
  })
}

type Check = (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => void

function checkFor(roles: readonly RouteRole[] | undefined, db: Db, cache: PrincipalCache): Check {
  if (!roles || roles.includes('public')) {
    return (request, _reply, done) => {
      const key = bearerKey(request)
      if (key === null) return done()
      const known = remembered(key, cache)
      if (known !== undefined) {
        request.principal = known
        return done()
      }
      lookUp(key, db, cache).then(
        (principal) => {
          request.principal = principal
          done()
        },
        () => done(),
      )
    }
  }
  const admit = (request: FastifyRequest, principal: Principal | null): AuthError | undefined => {
    if (!principal)
      return new AuthError('unauthorized', 'missing or unknown API key: send Authorization: Bearer <key>')
    if (!roleAllowed(principal.role, roles)) {
      return new AuthError(
        'forbidden',
        `this route needs one of the roles ${roles.join(', ')}; the key has ${principal.role}`,
      )
    }
    request.principal = principal
    return undefined
  }
  // A callback hook, not an async one: a key in the cache is checked without a promise or a tick.
  return (request, _reply, done) => {
    const key = bearerKey(request)
    if (key === null) return done(admit(request, null))
    const known = remembered(key, cache)
    if (known !== undefined) return done(admit(request, known))
    lookUp(key, db, cache).then(
      (principal) => done(admit(request, principal)),
      (error: unknown) => done(error instanceof Error ? error : new Error(String(error))),
    )
  }
}

function bearerKey(request: FastifyRequest): string | null {
  const header = request.headers.authorization
  if (!header) return null
  const match = /^Bearer\s+(\S+)$/i.exec(header)
  return match ? match[1]! : null
}

/** The principal for this key from the cache: undefined when the database must be asked. */
function remembered(key: string, cache: PrincipalCache): Principal | null | undefined {
  const hit = cache.get(key)
  return hit && hit.until > Date.now() ? hit.principal : undefined
}

async function lookUp(key: string, db: Db, cache: PrincipalCache): Promise<Principal | null> {
  const found = await authenticateApiKey(db, key)
  const principal = found ? { keyId: found.id, role: found.role, name: found.name } : null
  if (cache.size > 10_000) cache.clear()
  cache.set(key, { principal, until: Date.now() + KEY_CACHE_MS })
  return principal
}

/** The acting principal of an authenticated route. */
export function actorOf(request: FastifyRequest): string {
  const principal = request.principal
  return principal ? `${principal.role}:${principal.keyId}` : 'public'
}
