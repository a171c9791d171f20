import type { Context } from '../context.js'
import type { Grade } from '../core/vocabulary.js'

/**
 * A provider's grade as policy sees it, from memory. `none` for unregistered links and for providers
 * without enough volume to grade.
 */
export function providerGrade(_ctx: Context, _provider: string | null): Grade {
  // Grading (issue 8) fills this from its in-memory grade table; until a provider is graded, no grade applies.
  return 'none'
}
