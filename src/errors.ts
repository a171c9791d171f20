import type { Issue } from './core/result.js'

/** Every error Hutong throws on purpose: a stable `code` that `api/errors.ts` maps to an HTTP status. */
export class HutongError extends Error {
  readonly code: string
  readonly issues: Issue[] | undefined

  constructor(code: string, message: string, options: { issues?: Issue[]; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = new.target.name
    this.code = code
    this.issues = options.issues
  }
}

/** Input that fails validation: 400-class. */
export class InvalidInputError extends HutongError {
  constructor(code: string, message: string, issues?: Issue[]) {
    super(code, message, issues ? { issues } : {})
  }
}

export class NotFoundError extends HutongError {
  constructor(what: string, id: string) {
    super('not_found', `${what} ${id} does not exist`)
  }
}

export class ConflictError extends HutongError {}

export class AuthError extends HutongError {}

/** The embedded store is held by another process. */
export class StoreLockedError extends HutongError {
  constructor(message: string) {
    super('store_locked', message)
  }
}

/** The database does not answer; callers may retry. */
export class UnavailableError extends HutongError {}

export class ConfigError extends HutongError {}
