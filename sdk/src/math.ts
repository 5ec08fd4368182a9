/**
 * Reward math identical to the program's `math.rs` (to the base unit): bigint arithmetic with
 * the same scale, the same order of operations and the same rounding (always down on what a
 * holder is owed). Checked against the shared vectors in `tests/vectors/reward-math.json`.
 */

/** Fixed-point scale of a stream's accumulator. */
export const ACC_SCALE = 1_000_000_000_000n;

/**
 * Effective weights (records, staker and pool totals) count `1 / WEIGHT_SCALE` of a weight
 * unit: tier weight × lock multiplier in basis points, so a ×1.25 lock on a weight-1 NFT is
 * exactly 12,500, never rounded down.
 */
export const WEIGHT_SCALE = 10_000n;

/** Growth of a `FixedPerWeight` accumulator per base unit of rate and per second. */
export const FIXED_ACC_PER_RATE_SECOND = ACC_SCALE / WEIGHT_SCALE;

const U64_MAX = 2n ** 64n - 1n;
const U128_MAX = 2n ** 128n - 1n;

/** Stream emission modes, as stored on chain. */
export enum StreamMode {
  /** `rate` base units per second per whole weight unit (`WEIGHT_SCALE` effective units). */
  FixedPerWeight = 0,
  /** `rate` base units per second for the whole pool, shared by weight. */
  SharedEmission = 1,
}

/** The fields of a reward stream the math needs. */
export interface StreamState {
  mode: StreamMode;
  rate: bigint;
  startTs: bigint;
  endTs: bigint;
  lastUpdateTs: bigint;
  accPerWeight: bigint;
  unsettledScaled: bigint;
  owedTotal: bigint;
  /** What the vault holds as far as the program's books know; accrual never exceeds it. */
  vaultBalance: bigint;
}

/**
 * Growth of the accumulator over `dt` seconds at `totalWeight`.
 *
 * @example
 * accDelta(StreamMode.FixedPerWeight, 10n, 60n, 1n); // 600n * FIXED_ACC_PER_RATE_SECOND
 */
export function accDelta(mode: StreamMode, rate: bigint, dt: bigint, totalWeight: bigint): bigint {
  if (mode === StreamMode.FixedPerWeight) return rate * dt * FIXED_ACC_PER_RATE_SECOND;
  const emitted = rate * dt * ACC_SCALE;
  return totalWeight === 0n ? 0n : emitted / totalWeight;
}

/**
 * Effective weight of an NFT: its tier weight × the lock multiplier it was staked with (basis
 * points), in `1 / WEIGHT_SCALE` units, as the program stores it.
 */
export function effectiveWeight(
  tierWeight: number | bigint,
  multiplierBps: number | bigint,
): bigint {
  return BigInt(tierWeight) * BigInt(multiplierBps);
}

/** Perk points gained by `weight` (effective) over `dt` seconds: whole-weight-seconds, floored. */
export function pointsGained(weight: bigint, dt: bigint): bigint {
  const gained = (weight * dt) / WEIGHT_SCALE;
  return gained > U64_MAX ? U64_MAX : gained;
}

/**
 * What `weight` earned while the accumulator moved from `checkpoint` to `acc`, rounded down.
 *
 * @example
 * earned(3n, 5n * ACC_SCALE, 0n); // 15n
 */
export function earned(weight: bigint, acc: bigint, checkpoint: bigint): bigint {
  return (weight * (acc - checkpoint)) / ACC_SCALE;
}

/** The accumulator and unsettled sum after `dt` seconds, or `null` past 128 bits. */
function grown(
  stream: StreamState,
  dt: bigint,
  weight: bigint,
): { acc: bigint; unsettled: bigint } | null {
  const delta = accDelta(stream.mode, stream.rate, dt, weight);
  const acc = stream.accPerWeight + delta;
  const unsettled = stream.unsettledScaled + delta * weight;
  return acc > U128_MAX || unsettled > U128_MAX ? null : { acc, unsettled };
}

/**
 * How many of the next `dt` seconds the vault covers at `weight` (the program's
 * `covered_seconds`): all of them when the step fits under the vault balance, else the whole
 * seconds that do.
 */
export function coveredSeconds(stream: StreamState, dt: bigint, weight: bigint): bigint {
  const spare =
    stream.vaultBalance > stream.owedTotal ? stream.vaultBalance - stream.owedTotal : 0n;
  const limit = spare * ACC_SCALE;
  const whole = grown(stream, dt, weight);
  if (whole !== null && whole.unsettled <= limit) return dt;
  let seconds = limit > stream.unsettledScaled ? limit - stream.unsettledScaled : 0n;
  const divisors =
    stream.mode === StreamMode.FixedPerWeight
      ? [weight, stream.rate, FIXED_ACC_PER_RATE_SECOND]
      : [1n, stream.rate, ACC_SCALE];
  for (const divisor of divisors) {
    if (divisor === 0n) return 0n;
    seconds /= divisor;
  }
  if (seconds > U64_MAX) seconds = U64_MAX;
  return seconds < dt ? seconds : dt;
}

/**
 * The stream brought up to `min(now, endTs)` at `totalWeight` (returns a new object), as the
 * program does before any weight, rate or end-time change. Like the program it accrues only
 * the seconds the vault covers: an underfunded stream stops accruing (and resumes, not
 * retroactively, when funded).
 *
 * @example
 * const live = accrue(stream, BigInt(Math.floor(Date.now() / 1000)), pool.totalWeight);
 */
export function accrue(stream: StreamState, now: bigint, totalWeight: bigint): StreamState {
  const until = now < stream.endTs ? now : stream.endTs;
  const from = stream.lastUpdateTs > stream.startTs ? stream.lastUpdateTs : stream.startTs;
  if (until <= from) {
    return { ...stream, lastUpdateTs: stream.lastUpdateTs > until ? stream.lastUpdateTs : until };
  }
  const covered = coveredSeconds(stream, until - from, totalWeight);
  const next = covered > 0n ? grown(stream, covered, totalWeight) : null;
  return next === null
    ? { ...stream, lastUpdateTs: until }
    : { ...stream, accPerWeight: next.acc, unsettledScaled: next.unsettled, lastUpdateTs: until };
}

/**
 * Whether accrual on this stream is stopped (or about to stop) because the vault cannot cover
 * another second at `totalWeight`: the app shows "accrual stopped: vault empty".
 */
export function isAccrualStalled(stream: StreamState, now: bigint, totalWeight: bigint): boolean {
  if (now >= stream.endTs || now < stream.startTs || totalWeight === 0n || stream.rate === 0n) {
    return false;
  }
  const live = accrue(stream, now, totalWeight);
  return coveredSeconds(live, 1n, totalWeight) === 0n;
}

/**
 * A holder's claimable reward on one stream at `now`: settled `owed` plus what their weight
 * earned since their checkpoint.
 *
 * @example
 * pendingReward(stream, pool.totalWeight, now, { weight: 5n, checkpoint, owed });
 */
export function pendingReward(
  stream: StreamState,
  totalWeight: bigint,
  now: bigint,
  holder: { weight: bigint; checkpoint: bigint; owed: bigint },
): bigint {
  const live = accrue(stream, now, totalWeight);
  return holder.owed + earned(holder.weight, live.accPerWeight, holder.checkpoint);
}

/**
 * What holders have earned and not been paid on a stream, rounded up (the program's
 * `liability`): never less than the sum of pending rewards.
 */
export function liability(stream: StreamState): bigint {
  const whole = stream.unsettledScaled / ACC_SCALE;
  const rest = stream.unsettledScaled % ACC_SCALE;
  return stream.owedTotal + whole + (rest === 0n ? 0n : 1n);
}
