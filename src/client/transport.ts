import { HutongApiError, type ApiIssue } from './errors.js'

export interface TransportOptions {
  /** The server root, e.g. `https://hutong.example.com` (no `/v1`). */
  baseUrl: string
  apiKey?: string | undefined
  /** Per attempt; default 10 s. */
  timeoutMs?: number | undefined
  /** Extra attempts after the first on 429, 503 and (for safe requests) network errors; default 3. */
  retries?: number | undefined
  /** First backoff step; default 200 ms, doubling with jitter. */
  retryBaseMs?: number | undefined
  /** The longest single wait, Retry-After included; default 30 s. */
  maxRetryDelayMs?: number | undefined
  /** A fetch implementation (tests, proxies); default the global one. */
  fetch?: typeof fetch | undefined
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined> | undefined
  body?: unknown
  /**
   * Whether repeating the request cannot change the outcome, so a network error or timeout may be
   * retried. 429 and 503 are always retried: the server did not act on the request.
   */
  idempotent: boolean
  signal?: AbortSignal | undefined
  /** Statuses that are answers, not errors (e.g. 503 from /healthz). */
  acceptStatus?: readonly number[]
}

export type Transport = <T>(method: string, path: string, options: RequestOptions) => Promise<T>

const RETRY_STATUSES = new Set([429, 503])

/** Retry-After as seconds (delta or HTTP date), or null. RFC 9110 §10.2.3. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (value === null || value.trim() === '') return null
  if (/^\d+$/.test(value.trim())) return Number(value.trim())
  const at = Date.parse(value)
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000))
}

/** Exponential backoff with full jitter, in milliseconds, for retry `attempt` (1-based). */
export function backoffMs(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random: number = Math.random(),
): number {
  return Math.min(maxMs, Math.round(baseMs * 2 ** (attempt - 1) * (0.5 + random / 2)))
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error)
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(signal!.reason as Error)
    }
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

async function toApiError(response: Response): Promise<HutongApiError> {
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'))
  const text = await response.text().catch(() => '')
  try {
    const body = JSON.parse(text) as { error?: unknown; message?: unknown; issues?: unknown }
    if (typeof body.error === 'string') {
      return new HutongApiError(
        response.status,
        body.error,
        typeof body.message === 'string' ? body.message : body.error,
        Array.isArray(body.issues) ? (body.issues as ApiIssue[]) : [],
        retryAfter,
      )
    }
  } catch {
    // not JSON: a proxy's error page, say
  }
  return new HutongApiError(
    response.status,
    `http_${response.status}`,
    text.slice(0, 200) || response.statusText,
    [],
    retryAfter,
  )
}

/**
 * The one place the SDK talks HTTP: JSON in and out, a timeout per attempt, retries with backoff that
 * honour Retry-After, and every failure as a HutongApiError.
 */
export function createTransport(options: TransportOptions): Transport {
  const base = options.baseUrl.replace(/\/+$/, '')
  const timeoutMs = options.timeoutMs ?? 10_000
  const retries = options.retries ?? 3
  const retryBaseMs = options.retryBaseMs ?? 200
  const maxDelay = options.maxRetryDelayMs ?? 30_000
  const doFetch = options.fetch ?? globalThis.fetch

  return async <T>(method: string, path: string, request: RequestOptions): Promise<T> => {
    const url = new URL(base + path)
    for (const [key, value] of Object.entries(request.query ?? {}))
      if (value !== undefined) url.searchParams.set(key, String(value))
    const headers: Record<string, string> = { accept: 'application/json' }
    if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`
    if (request.body !== undefined) headers['content-type'] = 'application/json'
    const body = request.body === undefined ? undefined : JSON.stringify(request.body)

    for (let attempt = 0; ; attempt++) {
      const controller = new AbortController()
      const timer = setTimeout(
        () =>
          controller.abort(
            new HutongApiError(0, 'timeout', `no answer from ${method} ${path} within ${timeoutMs} ms`),
          ),
        timeoutMs,
      )
      const onCallerAbort = (): void => controller.abort(request.signal!.reason)
      request.signal?.addEventListener('abort', onCallerAbort, { once: true })
      let failure: HutongApiError
      try {
        const response = await doFetch(url, {
          method,
          headers,
          body: body ?? null,
          signal: controller.signal,
        })
        if (response.ok || request.acceptStatus?.includes(response.status)) {
          const text = await response.text()
          return (text === '' ? undefined : JSON.parse(text)) as T
        }
        failure = await toApiError(response)
        if (!RETRY_STATUSES.has(response.status)) throw failure
      } catch (error) {
        if (request.signal?.aborted) throw request.signal.reason
        if (error instanceof HutongApiError && error.status !== 0 && !RETRY_STATUSES.has(error.status))
          throw error
        failure =
          error instanceof HutongApiError
            ? error
            : controller.signal.aborted && controller.signal.reason instanceof HutongApiError
              ? controller.signal.reason
              : new HutongApiError(
                  0,
                  'network_error',
                  `${method} ${path} failed: ${(error as Error).message}`,
                  [],
                  null,
                  { cause: error },
                )
        if (failure.status === 0 && !request.idempotent) throw failure
      } finally {
        clearTimeout(timer)
        request.signal?.removeEventListener('abort', onCallerAbort)
      }
      if (attempt >= retries) throw failure
      const asked = failure.retryAfterSeconds
      await sleep(
        Math.min(maxDelay, asked !== null ? asked * 1000 : backoffMs(attempt + 1, retryBaseMs, maxDelay)),
        request.signal,
      )
    }
  }
}
