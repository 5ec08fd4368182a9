import {
  MAX_LOCK_OPTIONS,
  MAX_TIERS,
  MAX_URI_LEN,
  type LockOptionInput,
  type PoolAccount,
} from "@nft-staking/sdk";
import { poolUri } from "@nft-staking/sdk";
import { utf8Length } from "../../lib/format";
import type { TierCsvPreview } from "../pool/tierList";

const U32_MAX = 2 ** 32 - 1;

/** The editable tier/lock/URI settings of a pool, as typed. */
export interface PoolSettingsDraft {
  defaultTierWeight: string;
  /** Weights of tiers 0..7 as typed ("" = unused). */
  tierWeights: string[];
  locks: { days: string; multiplier: string }[];
  uri: string;
}

/** What `update_pool` takes (the tier root is decided by the caller). */
export interface PoolSettings {
  defaultTierWeight: number;
  tierWeights: number[];
  lockOptions: LockOptionInput[];
  uri: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

export function emptyDraft(): PoolSettingsDraft {
  return {
    defaultTierWeight: "1",
    tierWeights: new Array<string>(MAX_TIERS).fill(""),
    locks: [],
    uri: "",
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
  };
}

function positiveInteger(text: string): number | null {
  const value = Number(text);
  return /^\d+$/.test(text.trim()) && value >= 1 && value <= U32_MAX ? value : null;
}

/**
 * Checks a draft the way the program will (weights > 0 for every tier the list uses, locks of
 * at least ×1 and a positive duration, a URI of at most 96 bytes) and converts it.
 */
export function parseSettings(
  draft: PoolSettingsDraft,
  tiers: TierCsvPreview | null,
): Parsed<PoolSettings> {
  const errors: Record<string, string> = {};
  const defaultTierWeight = positiveInteger(draft.defaultTierWeight);
  if (defaultTierWeight === null) errors.defaultTierWeight = "A whole number of at least 1";
  const used = tiers?.ok ? tiers.counts.map((count) => count > 0) : [];
  const tierWeights = draft.tierWeights.slice(0, MAX_TIERS).map((text, tier) => {
    if (text.trim() === "") {
      if (used[tier]) errors[`tier${tier}`] = "The tier list uses this tier: give it a weight";
      return 0;
    }
    const weight = positiveInteger(text);
    if (weight === null) errors[`tier${tier}`] = "A whole number of at least 1";
    return weight ?? 0;
  });
  if (draft.locks.length > MAX_LOCK_OPTIONS)
    errors.locks = `At most ${MAX_LOCK_OPTIONS} lock options`;
  const lockOptions = draft.locks.map((lock, index) => {
    const days = Number(lock.days);
    const durationS = Math.round(days * 86_400);
    if (!(days > 0) || durationS > U32_MAX)
      errors[`lock${index}days`] = "More than 0 days (at most ~49,700)";
    const multiplier = Number(lock.multiplier);
    const multiplierBps = Math.round(multiplier * 10_000);
    if (!(multiplier >= 1) || multiplierBps > U32_MAX)
      errors[`lock${index}multiplier`] = "At least ×1";
    return { durationS, multiplierBps };
  });
  if (utf8Length(draft.uri) > MAX_URI_LEN) errors.uri = `At most ${MAX_URI_LEN} bytes`;
  if (tiers && !tiers.ok) errors.tiers = tiers.error;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: { defaultTierWeight: defaultTierWeight!, tierWeights, lockOptions, uri: draft.uri },
  };
}
