/**
 * A pool's bounds on what its authority can do to holders, set at creation and by
 * `update_pool` (review findings M-2, L-5, L-7).
 */
export interface PoolLimitsInput {
  /** Longest lock an option may have, in seconds (≤ `MAX_LOCK_DURATION_S`). */
  maxLockS: number;
  /** Longest a pause lasts unless renewed, in seconds (1..=`MAX_PAUSE_S`). */
  maxPauseS: number;
  /** Whether print editions may be staked (originals only when false). */
  acceptEditions: boolean;
  /** Whether every NFT needs a tier proof (no default tier). */
  requireTierProof: boolean;
}

/**
 * Limits of a new pool when none are given: locks up to a year, pauses up to a week, originals
 * only, the default tier allowed.
 */
export const DEFAULT_POOL_LIMITS: Readonly<PoolLimitsInput> = Object.freeze({
  maxLockS: 365 * 86_400,
  maxPauseS: 7 * 86_400,
  acceptEditions: false,
  requireTierProof: false,
});

/** `Pool::flags` bit: print editions may be staked. */
export const POOL_ACCEPTS_EDITIONS = 1;
/** `Pool::flags` bit: every NFT needs a tier proof. */
export const POOL_REQUIRES_TIER_PROOF = 2;

/** The limits of a decoded pool. */
export function poolLimitsOf(pool: {
  maxLockS: number;
  maxPauseS: number;
  flags: number;
}): PoolLimitsInput {
  return {
    maxLockS: pool.maxLockS,
    maxPauseS: pool.maxPauseS,
    acceptEditions: (pool.flags & POOL_ACCEPTS_EDITIONS) !== 0,
    requireTierProof: (pool.flags & POOL_REQUIRES_TIER_PROOF) !== 0,
  };
}
