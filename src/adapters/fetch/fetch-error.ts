/** Stable codes for every way a guarded fetch can fail; the API maps them to statuses in one place. */
export const FETCH_ERROR_CODES = [
  'fetch_blocked',
  'fetch_timeout',
  'too_large',
  'too_many_redirects',
  'fetch_failed',
  'bad_url',
  'unsupported_type',
] as const
export type FetchErrorCode = (typeof FETCH_ERROR_CODES)[number]

/**
 * A guarded fetch failed; `code` says why.
 * Kept to `extends Error` + `readonly code` so it can be re-parented under a shared `HutongError`.
 * @example
 * try { await fetcher.fetchPage(url) } catch (e) { if (e instanceof FetchError && e.code === 'fetch_blocked') … }
 */
export class FetchError extends Error {
  readonly code: FetchErrorCode

  constructor(code: FetchErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'FetchError'
    this.code = code
  }
}

export function isFetchError(value: unknown): value is FetchError {
  return value instanceof FetchError
}
