/**
 * Wilson score interval bounds for a binomial proportion (Wilson 1927; Brown, Cai & DasGupta 2001 recommend it
 * over the normal approximation at small counts and rates near 0, which is exactly where grading lives).
 * Counts may be fractional (weighted reports). With no trials nothing is known, so the bounds are 0 and 1.
 */
function wilsonBound(successes: number, trials: number, z: number, sign: 1 | -1): number {
  if (!(trials > 0) || !Number.isFinite(trials)) return sign === 1 ? 1 : 0
  const s = Number.isFinite(successes) ? Math.min(Math.max(successes, 0), trials) : 0
  const p = s / trials
  const z2 = z * z
  const centre = p + z2 / (2 * trials)
  const margin = z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))
  const bound = (centre + sign * margin) / (1 + z2 / trials)
  return Math.min(1, Math.max(0, bound))
}

/**
 * The upper bound of the Wilson score interval (95% by default): the rate we cannot rule out.
 * @example wilsonUpper(5, 10) // ≈ 0.7634
 */
export function wilsonUpper(successes: number, trials: number, z = 1.96): number {
  return wilsonBound(successes, trials, z, 1)
}

/**
 * The lower bound of the Wilson score interval (95% by default): the rate we are confident is exceeded.
 * @example wilsonLower(5, 10) // ≈ 0.2366
 */
export function wilsonLower(successes: number, trials: number, z = 1.96): number {
  return wilsonBound(successes, trials, z, -1)
}

/**
 * The largest whole count whose Wilson upper bound stays within `limit` (a proportion), or -1 when even zero does not.
 * @example maxCountWithin(0.001, 100_000) // the violations a 100k-link window may hold for a 0.1% line
 */
export function maxCountWithin(limit: number, trials: number, z = 1.96): number {
  if (wilsonUpper(0, trials, z) > limit) return -1
  let lo = 0
  let hi = Math.max(0, Math.floor(trials))
  // The upper bound grows with the count, so binary search finds the last count inside the line.
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2)
    if (wilsonUpper(mid, trials, z) <= limit) lo = mid
    else hi = mid - 1
  }
  return lo
}
