import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ConflictError, HutongError, UnavailableError } from '../errors.js'
import type { Issue } from '../core/result.js'

/** The only place error codes become HTTP statuses. Unlisted HutongError codes are 400. */
const STATUS_BY_CODE: Record<string, number> = {
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  route_not_found: 404,
  conflict: 409,
  case_claimed: 409,
  appeal_same_reviewer: 409,
  store_locked: 409,
  idempotency_conflict: 409,
  grade_appeal_pending: 409,
  nothing_to_appeal: 409,
  appeal_decided: 409,
  body_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
  fetch_blocked: 422,
  fetch_timeout: 504,
  fetch_failed: 502,
  too_large: 422,
  too_many_redirects: 422,
  unsupported_type: 422,
  bad_url: 400,
  internal: 500,
}

export function statusForCode(code: string): number {
  return STATUS_BY_CODE[code] ?? 400
}

interface ErrorBody {
  error: string
  message: string
  issues?: Issue[]
}

// Fastify's own errors for bad requests, by code.
const FASTIFY_CODES: Record<string, { code: string; status: number }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'invalid_json', status: 400 },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'invalid_json', status: 400 },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'body_too_large', status: 413 },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'unsupported_media_type', status: 415 },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'invalid_content_length', status: 400 },
  FST_ERR_CTP_INVALID_TYPE: { code: 'unsupported_media_type', status: 415 },
  FST_ERR_CTP_INVALID_CHARSET: { code: 'unsupported_media_type', status: 415 },
}

// Connection-level database failures: the request may succeed later.
const UNAVAILABLE_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '08006',
  '08001',
  '08003',
])

function isUnavailable(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string' && UNAVAILABLE_ERRNOS.has(code)) return true
    const message = (current as { message?: unknown }).message
    if (
      typeof message === 'string' &&
      /Connection terminated|connection timeout|Client has encountered a connection error/i.test(message)
    )
      return true
    current = (current as { cause?: unknown }).cause
  }
  return false
}

function describe(error: FastifyError | Error): { status: number; body: ErrorBody } {
  if (error instanceof HutongError) {
    const body: ErrorBody = { error: error.code, message: error.message }
    if (error.issues) body.issues = error.issues
    // A conflict or an outage keeps its class's status even under a code this table does not list.
    const status =
      STATUS_BY_CODE[error.code] ??
      (error instanceof ConflictError ? 409 : error instanceof UnavailableError ? 503 : 400)
    return { status, body }
  }
  const fastifyError = error as FastifyError
  if (fastifyError.validation) {
    const issues: Issue[] = fastifyError.validation.map((item) => ({
      code: `schema_${item.keyword}`,
      path: [fastifyError.validationContext ?? 'body', ...item.instancePath.split('/').filter(Boolean)],
      message: item.message ?? 'is invalid',
    }))
    return { status: 400, body: { error: 'invalid_request', message: fastifyError.message, issues } }
  }
  const known = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined
  if (known) return { status: known.status, body: { error: known.code, message: fastifyError.message } }
  if (isUnavailable(error)) {
    return {
      status: 503,
      body: { error: 'unavailable', message: 'the database is unavailable; retry shortly' },
    }
  }
  if (
    typeof fastifyError.statusCode === 'number' &&
    fastifyError.statusCode >= 400 &&
    fastifyError.statusCode < 500
  ) {
    return { status: fastifyError.statusCode, body: { error: 'bad_request', message: fastifyError.message } }
  }
  return {
    status: 500,
    body: { error: 'internal', message: 'internal error; see the server log for the request id' },
  }
}

/** Installs the one error mapper and the 404 handler. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const { status, body } = describe(error)
    if (status >= 500) request.log.error({ err: error }, 'request failed')
    if (status === 503) void reply.header('retry-after', '2')
    return reply.status(status).send(body)
  })
  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .send({ error: 'route_not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` }),
  )
}
