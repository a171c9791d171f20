import type { Action } from '../vocabulary.js'

/** How strict each action is: a larger rank restricts more. */
export const ACTION_RANK: Readonly<Record<Action, number>> = { open: 0, warn: 1, block: 2 }

const BY_RANK: readonly Action[] = ['open', 'warn', 'block']

/**
 * The stricter of two actions.
 * @example stricterAction('open', 'warn') // 'warn'
 */
export function stricterAction(a: Action, b: Action): Action {
  return ACTION_RANK[a] >= ACTION_RANK[b] ? a : b
}

/**
 * The action of a given rank (0 open, 1 warn, 2 block), clamped into range.
 * @example actionOfRank(1) // 'warn'
 */
export function actionOfRank(rank: number): Action {
  return BY_RANK[Math.max(0, Math.min(2, rank))] ?? 'block'
}
