import { BN } from "@coral-xyz/anchor";
import { PublicKey, type Connection } from "@solana/web3.js";
import {
  fetchStaker,
  type PerkAccount,
  type PerkReceiptAccount,
  type PoolAccount,
  type StakerAccount,
} from "./accounts";
import {
  StreamMode,
  WEIGHT_SCALE,
  accrue,
  isAccrualStalled,
  liability,
  pointsGained,
  type StreamState,
} from "./math";
import { findStakerAddress } from "./pda";

/**
 * A decoded account with every u64/i64/u128 (`BN`) as a `bigint`, recursively (streams,
 * records, lock options); keys stay `PublicKey`, small integers stay `number`.
 */
export type BigIntView<T> = T extends BN
  ? bigint
  : T extends PublicKey | Uint8Array
    ? T
    : T extends readonly (infer Item)[]
      ? BigIntView<Item>[]
      : T extends object
        ? { [Key in keyof T]: BigIntView<T[Key]> }
        : T;

/** A decoded `Pool` with bigint amounts and times. */
export type PoolView = BigIntView<PoolAccount>;
/** A decoded `Staker` with bigint amounts and times (its records and streams too). */
export type StakerView = BigIntView<StakerAccount>;
/** A decoded `Perk` with bigint amounts and times. */
export type PerkView = BigIntView<PerkAccount>;
/** A decoded `PerkReceipt` with bigint times. */
export type PerkReceiptView = BigIntView<PerkReceiptAccount>;

/**
 * Converts every `BN` in a decoded account to a `bigint` (a new object; the input is unchanged).
 *
 * @example
 * const { totalWeight } = toBigIntView(pool); // bigint
 */
export function toBigIntView<T>(value: T): BigIntView<T> {
  return convert(value) as BigIntView<T>;
}

function convert(value: unknown): unknown {
  if (BN.isBN(value)) return BigInt(value.toString());
  if (typeof value !== "object" || value === null) return value;
  if (value instanceof PublicKey || value instanceof Uint8Array) return value;
  if (Array.isArray(value)) return value.map(convert);
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, convert(item)]));
}

/**
 * The pool with u64/i64/u128 fields as `bigint`.
 *
 * @example
 * const pool = toPoolView(await fetchPool(connection, address));
 * const perSecond = pool.streams[0]!.rate * pool.totalWeight;
 */
export function toPoolView(pool: PoolAccount): PoolView {
  return toBigIntView(pool);
}

/**
 * The staker with u64/i64/u128 fields as `bigint`.
 *
 * @example
 * const staker = toStakerView(account);
 * const lockedUntil = staker.records.map((record) => record.lockUntil); // bigint[]
 */
export function toStakerView(staker: StakerAccount): StakerView {
  return toBigIntView(staker);
}

/** The perk with u64/i64 fields as `bigint`. */
export function toPerkView(perk: PerkAccount): PerkView {
  return toBigIntView(perk);
}

/** The receipt with its i64 time as `bigint`. */
export function toPerkReceiptView(receipt: PerkReceiptAccount): PerkReceiptView {
  return toBigIntView(receipt);
}

/** The math view of a decoded pool stream. */
export function toStreamState(stream: PoolAccount["streams"][number]): StreamState {
  return {
    mode: stream.mode === 1 ? StreamMode.SharedEmission : StreamMode.FixedPerWeight,
    rate: BigInt(stream.rate.toString()),
    startTs: BigInt(stream.startTs.toString()),
    endTs: BigInt(stream.endTs.toString()),
    lastUpdateTs: BigInt(stream.lastUpdateTs.toString()),
    accPerWeight: BigInt(stream.accPerWeight.toString()),
    unsettledScaled: BigInt(stream.unsettledScaled.toString()),
    owedTotal: BigInt(stream.owedTotal.toString()),
    vaultBalance: BigInt(stream.vaultBalance.toString()),
  };
}

/**
 * Whether stream `index` of `pool` has stopped accruing at `now` because its vault cannot cover
 * another second (the creator must fund it; nothing earned so far is lost). Show it beside the
 * stream: "accrual stopped: vault empty".
 */
export function isStreamStalled(pool: PoolAccount, index: number, now: bigint): boolean {
  const stream = pool.streams[index];
  if (!stream || index >= pool.streamCount) return false;
  return isAccrualStalled(toStreamState(stream), now, BigInt(pool.totalWeight.toString()));
}

/**
 * A holder's perk points at `now`, as the program will count them (whole-weight-seconds:
 * effective weight × seconds ÷ `WEIGHT_SCALE`, rounded down at each checkpoint).
 *
 * @example
 * const points = projectedPoints(staker, BigInt(Math.floor(Date.now() / 1000)));
 */
export function projectedPoints(staker: StakerAccount, now: bigint): bigint {
  const elapsed = now - BigInt(staker.pointsUpdatedTs.toString());
  const points =
    BigInt(staker.points.toString()) +
    pointsGained(BigInt(staker.totalWeight.toString()), elapsed > 0n ? elapsed : 0n);
  const max = 2n ** 64n - 1n;
  return points > max ? max : points;
}

/** Why a holder can or cannot redeem a perk right now. */
export type RedeemCheck =
  | { ok: true }
  | { ok: false; reason: "notActive" | "soldOut" | "notEnoughStaked" | "notEnoughPoints" };

/**
 * Whether `redeem_perk` would succeed for this holder at `now` (same checks, same order).
 *
 * @example
 * if (!canRedeem(perk, staker, now).ok) disableButton();
 */
export function canRedeem(
  perk: PerkAccount,
  staker: StakerAccount | null,
  now: bigint,
): RedeemCheck {
  if (now < BigInt(perk.startTs.toString()) || now >= BigInt(perk.endTs.toString())) {
    return { ok: false, reason: "notActive" };
  }
  if (perk.supplyCap !== 0 && perk.redeemed >= perk.supplyCap)
    return { ok: false, reason: "soldOut" };
  if ((staker?.records.length ?? 0) < perk.minStaked)
    return { ok: false, reason: "notEnoughStaked" };
  if (!staker || projectedPoints(staker, now) < BigInt(perk.costPoints.toString())) {
    return { ok: false, reason: "notEnoughPoints" };
  }
  return { ok: true };
}

/**
 * Token gating: does `owner` have at least `minStaked` NFTs staked in `pool`?
 *
 * @example
 * if (await hasAccess({ connection, pool, owner, minStaked: 3 })) showDiscord();
 */
export async function hasAccess(params: {
  connection: Connection;
  pool: PublicKey;
  owner: PublicKey;
  minStaked: number;
}): Promise<boolean> {
  const staker = await fetchStaker(
    params.connection,
    findStakerAddress(params.pool, params.owner)[0],
  );
  return (staker?.records.length ?? 0) >= params.minStaked;
}

/** Seconds of rewards a stream's vault still covers at the pool's current weight. */
export interface StreamRunway {
  streamIndex: number;
  /** Tokens in the vault beyond what is already owed. */
  uncommitted: bigint;
  /** Base units emitted per second at the current total weight. */
  perSecond: bigint;
  /** Seconds until the vault runs dry (`null`: never before the stream ends). */
  secondsLeft: bigint | null;
}

/**
 * How long each stream's vault lasts at the current weight (the creator's runway chart).
 *
 * @example
 * const runways = runway(pool, [vault0Balance, vault1Balance], now);
 */
export function runway(pool: PoolAccount, vaultBalances: bigint[], now: bigint): StreamRunway[] {
  const totalWeight = BigInt(pool.totalWeight.toString());
  return pool.streams.slice(0, pool.streamCount).map((raw, streamIndex) => {
    const stream = accrue(toStreamState(raw), now, totalWeight);
    const balance = vaultBalances[streamIndex] ?? 0n;
    const owed = liability(stream);
    const uncommitted = balance > owed ? balance - owed : 0n;
    const active = now < stream.endTs;
    const perSecond = !active
      ? 0n
      : stream.mode === StreamMode.FixedPerWeight
        ? ceilDiv(stream.rate * totalWeight, WEIGHT_SCALE)
        : totalWeight > 0n
          ? stream.rate
          : 0n;
    const untilEnd = stream.endTs - (now > stream.startTs ? now : stream.startTs);
    const secondsLeft = perSecond === 0n ? null : uncommitted / perSecond;
    return {
      streamIndex,
      uncommitted,
      perSecond,
      secondsLeft: secondsLeft !== null && secondsLeft >= untilEnd ? null : secondsLeft,
    };
  });
}

/**
 * What `withdraw_surplus` allows at `now`: the vault minus the liability and the remaining
 * emission (whole remainder for SharedEmission; current weight × rate × time left for
 * FixedPerWeight). Mirrors the program exactly.
 *
 * @example
 * const max = surplus(pool, 0, vaultBalance, now);
 */
export function surplus(
  pool: PoolAccount,
  streamIndex: number,
  vaultBalance: bigint,
  now: bigint,
): bigint {
  const raw = pool.streams[streamIndex];
  if (!raw) return 0n;
  const totalWeight = BigInt(pool.totalWeight.toString());
  const stream = accrue(toStreamState(raw), now, totalWeight);
  let from = now > stream.startTs ? now : stream.startTs;
  if (stream.lastUpdateTs > from) from = stream.lastUpdateTs;
  const remaining = stream.endTs > from ? stream.endTs - from : 0n;
  const emission = stream.rate * remaining;
  const future =
    stream.mode === StreamMode.SharedEmission
      ? emission
      : ceilDiv(emission * totalWeight, WEIGHT_SCALE);
  const reserved = future + liability(stream);
  return vaultBalance > reserved ? vaultBalance - reserved : 0n;
}

/** ⌈a / b⌉ for non-negative bigints. */
function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}

/**
 * Whether the pool is paused at `now` (unix seconds): a pause ends by itself at `pausedUntil`.
 *
 * @example
 * if (isPoolPaused(pool, BigInt(Math.floor(Date.now() / 1000)))) showPausedBanner();
 */
export function isPoolPaused(pool: { pausedUntil: BN | bigint }, now: bigint): boolean {
  return now < BigInt(pool.pausedUntil.toString());
}
