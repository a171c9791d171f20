import { createHash } from 'node:crypto'

/** Rollout resolution: 10,000 buckets, so a percentage can be set to two decimals. */
export const ROLLOUT_BUCKETS = 10_000

/**
 * The stable rollout bucket (0–9,999) of a user under a policy salt: the first 4 bytes of
 * SHA-256(salt + "\u0000" + userId), big-endian, modulo 10,000. A new salt reshuffles every cohort.
 * @example rolloutBucket('user-42', 'hutong-default-2021') // always the same number in [0, 9999]
 */
export function rolloutBucket(userId: string, salt: string): number {
  const digest = createHash('sha256').update(salt).update('\u0000').update(userId).digest()
  return digest.readUInt32BE(0) % ROLLOUT_BUCKETS
}

/**
 * Whether a bucket falls inside a rollout of `percent` (0–100): buckets below percent × 100 are in.
 * @example inRollout(2999, 30) // true
 */
export function inRollout(bucket: number, percent: number): boolean {
  return bucket < Math.round(percent * (ROLLOUT_BUCKETS / 100))
}
