/** One problem with a request, as the server reports it: a stable code and where it is. */
export interface ApiIssue {
  code: string
  path: (string | number)[]
  message: string
}

/**
 * A request that did not succeed: the HTTP status and the server's `{ error, message, issues? }`.
 * Network failures and timeouts have status 0 and code `network_error` or `timeout`.
 * @example try { await client.inspect(msg) } catch (e) { if (e instanceof HutongApiError && e.status === 401) … }
 */
export class HutongApiError extends Error {
  override readonly name = 'HutongApiError'
  readonly status: number
  readonly code: string
  readonly issues: ApiIssue[]
  /** Seconds the server asked us to wait (Retry-After), when it said. */
  readonly retryAfterSeconds: number | null

  constructor(
    status: number,
    code: string,
    message: string,
    issues: ApiIssue[] = [],
    retryAfterSeconds: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.status = status
    this.code = code
    this.issues = issues
    this.retryAfterSeconds = retryAfterSeconds
  }
}
