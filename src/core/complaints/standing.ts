/** A reporter's history on the desk: reports later upheld and later rejected. */
export interface StandingHistory {
  upheld: number
  rejected: number
}

/** Beta(α, β) prior: a reporter with no history weighs exactly 1. */
export const STANDING_PRIOR = { alpha: 2, beta: 2 } as const

/**
 * A reporter's weight in [0, 2): twice the posterior mean of "this reporter's reports are upheld"
 * under a Beta(2, 2) prior, so history moves it gradually and one rejection never silences anyone.
 * @example standingWeight({ upheld: 0, rejected: 0 }) // 1
 * @example standingWeight({ upheld: 0, rejected: 6 }) // 0.4
 */
export function standingWeight(history: StandingHistory): number {
  const upheld = Math.max(0, history.upheld)
  const rejected = Math.max(0, history.rejected)
  const mean =
    (upheld + STANDING_PRIOR.alpha) / (upheld + rejected + STANDING_PRIOR.alpha + STANDING_PRIOR.beta)
  return Math.round(2 * mean * 1000) / 1000
}

/** A reporter below this weight is told their standing is low before any limit tightens. */
export const LOW_STANDING = 0.5

/**
 * A reporter's effective weight for one report: their standing, raised to the trusted-flagger weight
 * when they are a flagger trusted for this category.
 * @example reportWeight({ upheld: 0, rejected: 0 }, { weight: 3, categories: ['fraud'] }, 'fraud') // 3
 */
export function reportWeight(
  history: StandingHistory,
  flagger: { weight: number; categories: readonly string[] } | null,
  category: string,
): number {
  const standing = standingWeight(history)
  if (flagger === null || !flagger.categories.includes(category)) return standing
  return Math.max(standing, flagger.weight)
}
