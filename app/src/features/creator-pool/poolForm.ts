import {
  DEFAULT_POOL_LIMITS,
  MAX_LOCK_DURATION_S,
  MAX_LOCK_MULTIPLIER_BPS,
  MAX_LOCK_OPTIONS,
  MAX_PAUSE_S,
  MAX_TIERS,
  MAX_TIER_WEIGHT,
  MAX_URI_LEN,
  poolLimitsOf,
  type LockOptionInput,
  type PoolAccount,
  type PoolLimitsInput,
} from "@nft-staking/sdk";
import { poolUri } from "@nft-staking/sdk";
import { utf8Length } from "../../lib/format";
import type { TierCsvPreview } from "../pool/tierList";

const DAY = 86_400;

/** The editable tier/lock/URI settings of a pool, as typed. */
export interface PoolSettingsDraft {
  defaultTierWeight: string;
  /** Weights of tiers 0..7 as typed ("" = unused). */
  tierWeights: string[];
  locks: { days: string; multiplier: string }[];
  uri: string;
  /** Longest lock an option may have, in days. */
  maxLockDays: string;
  /** Longest a pause lasts unless renewed, in days. */
  maxPauseDays: string;
  acceptEditions: boolean;
  requireTierProof: boolean;
}

/** What `update_pool` takes (the tier root is decided by the caller). */
export interface PoolSettings {
  defaultTierWeight: number;
  tierWeights: number[];
  lockOptions: LockOptionInput[];
  uri: string;
  limits: PoolLimitsInput;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

export function emptyDraft(): PoolSettingsDraft {
  return {
    defaultTierWeight: "1",
    tierWeights: new Array<string>(MAX_TIERS).fill(""),
    locks: [],
    uri: "",
    ...limitsDraft(DEFAULT_POOL_LIMITS),
  };
}

function limitsDraft(limits: PoolLimitsInput) {
  return {
    maxLockDays: String(limits.maxLockS / DAY),
    maxPauseDays: String(limits.maxPauseS / DAY),
    acceptEditions: limits.acceptEditions,
    requireTierProof: limits.requireTierProof,
  };
}

/** The draft that shows a pool's current settings. */
export function draftFromPool(pool: PoolAccount): PoolSettingsDraft {
  return {
    defaultTierWeight: String(pool.defaultTierWeight),
    tierWeights: pool.tierWeights.map((weight) => (weight > 0 ? String(weight) : "")),
    locks: pool.lockOptions
      .filter((lock) => lock.multiplierBps > 0)
      .map((lock) => ({
        days: String(lock.durationS / 86_400),
        multiplier: String(lock.multiplierBps / 10_000),
      })),
    uri: poolUri(pool),
    ...limitsDraft(poolLimitsOf(pool)),
  };
}

function positiveInteger(text: string): number | null {
  const value = Number(text);
  return /^\d+$/.test(text.trim()) && value >= 1 && value <= MAX_TIER_WEIGHT ? value : null;
}

/** Whole seconds of `text` days in `1..=maxS` (or `0..` when `allowZero`), else null. */
function daysToSeconds(text: string, maxS: number, allowZero = false): number | null {
  const days = Number(text);
  const seconds = Math.round(days * DAY);
  const ok = text.trim() !== "" && Number.isFinite(days) && (allowZero ? days >= 0 : days > 0);
  return ok && seconds <= maxS ? seconds : null;
}

/**
 * Checks a draft the way the program will (weights 1..=1,000,000 for every tier the list uses,
 * locks above ×1 and at most ×10 within the pool's longest lock, pauses of at most 30 days, a
 * URI of at most 96 bytes) and converts it.
 */
export function parseSettings(
  draft: PoolSettingsDraft,
  tiers: TierCsvPreview | null,
): Parsed<PoolSettings> {
  const errors: Record<string, string> = {};
  const wholeWeight = `A whole number from 1 to ${MAX_TIER_WEIGHT.toLocaleString("en-US")}`;
  const defaultTierWeight = positiveInteger(draft.defaultTierWeight);
  if (defaultTierWeight === null) errors.defaultTierWeight = wholeWeight;
  const maxLockS = daysToSeconds(draft.maxLockDays, MAX_LOCK_DURATION_S, true);
  if (maxLockS === null) errors.maxLockDays = `0 to ${MAX_LOCK_DURATION_S / DAY} days`;
  const maxPauseS = daysToSeconds(draft.maxPauseDays, MAX_PAUSE_S);
  if (maxPauseS === null) errors.maxPauseDays = `More than 0, at most ${MAX_PAUSE_S / DAY} days`;
  const used = tiers?.ok ? tiers.counts.map((count) => count > 0) : [];
  const tierWeights = draft.tierWeights.slice(0, MAX_TIERS).map((text, tier) => {
    if (text.trim() === "") {
      if (used[tier]) errors[`tier${tier}`] = "The tier list uses this tier: give it a weight";
      return 0;
    }
    const weight = positiveInteger(text);
    if (weight === null) errors[`tier${tier}`] = wholeWeight;
    return weight ?? 0;
  });
  if (draft.locks.length > MAX_LOCK_OPTIONS)
    errors.locks = `At most ${MAX_LOCK_OPTIONS} lock options`;
  const lockOptions = draft.locks.map((lock, index) => {
    const durationS = daysToSeconds(lock.days, maxLockS ?? MAX_LOCK_DURATION_S);
    if (durationS === null)
      errors[`lock${index}days`] = `More than 0 days, at most the longest lock allowed`;
    const multiplierBps = Math.round(Number(lock.multiplier) * 10_000);
    if (!(multiplierBps > 10_000 && multiplierBps <= MAX_LOCK_MULTIPLIER_BPS))
      errors[`lock${index}multiplier`] =
        `More than ×1, at most ×${MAX_LOCK_MULTIPLIER_BPS / 10_000}`;
    return { durationS: durationS ?? 0, multiplierBps };
  });
  if (utf8Length(draft.uri) > MAX_URI_LEN) errors.uri = `At most ${MAX_URI_LEN} bytes`;
  if (tiers && !tiers.ok) errors.tiers = tiers.error;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      defaultTierWeight: defaultTierWeight!,
      tierWeights,
      lockOptions,
      uri: draft.uri,
      limits: {
        maxLockS: maxLockS!,
        maxPauseS: maxPauseS!,
        acceptEditions: draft.acceptEditions,
        requireTierProof: draft.requireTierProof,
      },
    },
  };
}
