/** A problem with an input, as data: a stable `code`, where it is, and words for a person. */
export interface Issue {
  code: string
  path: (string | number)[]
  message: string
}

export type Result<T> = { ok: true; value: T } | { ok: false; issues: Issue[] }

export function ok<T>(value: T): Result<T> {
  return { ok: true, value }
}

export function fail<T = never>(...issues: Issue[]): Result<T> {
  return { ok: false, issues }
}
