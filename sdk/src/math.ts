/**
 * Reward math identical to the program's `math.rs` (to the base unit): bigint arithmetic with
 * the same scale, the same order of operations and the same rounding (always down on what a
 * holder is owed). Checked against the shared vectors in `tests/vectors/reward-math.json`.
 */

/** Fixed-point scale of a stream's accumulator. */
export const ACC_SCALE = 1_000_000_000_000n;

const U64_MAX = 2n ** 64n - 1n;
const U128_MAX = 2n ** 128n - 1n;

/** Stream emission modes, as stored on chain. */
export enum StreamMode {
  /** `rate` base units per second per weight unit. */
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
}

/**
 * Growth of the accumulator over `dt` seconds at `totalWeight`.
 *
 * @example
 * accDelta(StreamMode.FixedPerWeight, 10n, 60n, 1n); // 600n * ACC_SCALE
 */
export function accDelta(mode: StreamMode, rate: bigint, dt: bigint, totalWeight: bigint): bigint {
  const emitted = rate * dt * ACC_SCALE;
  if (mode === StreamMode.FixedPerWeight) return emitted;
  return totalWeight === 0n ? 0n : emitted / totalWeight;
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

/**
 * The stream brought up to `min(now, endTs)` at `totalWeight` (returns a new object), as the
 * program does before any weight, rate or end-time change.
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
  const delta = accDelta(stream.mode, stream.rate, until - from, totalWeight);
  const accPerWeight = stream.accPerWeight + delta;
  const unsettledScaled = stream.unsettledScaled + delta * totalWeight;
  // The program's overflow guard: an accrual the books cannot hold (past u128, or a liability
  // past u64::MAX) ends the stream at its last consistent time instead.
  if (
    accPerWeight > U128_MAX ||
    unsettledScaled > U128_MAX ||
    unsettledScaled > (U64_MAX - stream.owedTotal) * ACC_SCALE
  ) {
    return { ...stream, endTs: from };
  }
  return { ...stream, accPerWeight, unsettledScaled, lastUpdateTs: until };
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
