import type { z } from 'zod'
import type { Issue } from '../result.js'

/**
 * Turn a zod error into Hutong issues that share one code and keep zod's paths.
 * @example zodIssues(result.error, 'policy_invalid')
 */
export function zodIssues(error: z.ZodError, code: string, prefix: (string | number)[] = []): Issue[] {
  return error.issues.map((issue) => ({
    code,
    path: [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
    message: issue.message,
  }))
}
