import { NO_LOCK } from "../constants";

/**
 * The lock a holder accepts: the option index and the duration and multiplier they were shown.
 * `stake` fails with `LockTermsChanged` if the pool's option differs by the time it lands, so a
 * holder is never locked on terms they did not see (review finding M-2).
 */
export interface LockTerms {
  option: number;
  durationS: number;
  multiplierBps: number;
}

/**
 * The terms of lock option `option` in the pool the holder is looking at (pass the same
 * decoded pool the app showed them).
 *
 * @example
 * const lock = lockTermsOf(pool, 0); // { option: 0, durationS: 2_592_000, multiplierBps: 15_000 }
 */
export function lockTermsOf(
  pool: { lockOptions: { durationS: number; multiplierBps: number }[] },
  option: number,
): LockTerms {
  const lock = option === NO_LOCK ? undefined : pool.lockOptions[option];
  if (!lock || lock.multiplierBps === 0)
    throw new RangeError(`lock option ${option} is not in use`);
  return { option, durationS: lock.durationS, multiplierBps: lock.multiplierBps };
}
