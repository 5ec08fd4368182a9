/** Constants, the rejection error and the state shapes of the reference model. */
import type { PublicKey } from "@solana/web3.js";
import type {
  LockOptionInput,
  LockTerms,
  PoolLimitsInput,
  StakingErrorName,
} from "@nft-staking/sdk";

/** The largest u64. */
export const U64_MAX = 2n ** 64n - 1n;
/** Basis points in 1x. */
export const BPS = 10_000n;
/** `StakeRecord::lock_option` of an NFT staked without a lock. */
export const NO_LOCK = 255;
/** `StakeRecord::tier` of an NFT staked without a proof. */
export const DEFAULT_TIER = 255;

/** The program would fail with this error (and change nothing). */
export class ModelRejection extends Error {
  constructor(readonly errorName: StakingErrorName) {
    super(`program error ${errorName}`);
    this.name = "ModelRejection";
  }
}

/** Fails the operation under way as the program would, with error `name`. */
export function reject(name: StakingErrorName): never {
  throw new ModelRejection(name);
}

/** One staked NFT, as its `StakeRecord` should read. */
export interface RecordModel {
  mint: string;
  lockUntil: bigint;
  stakedAt: bigint;
  weight: bigint;
  tier: number;
  lockOption: number;
  /** The multiplier the NFT was staked with (kept until unstake, whatever the pool changes). */
  multiplierBps: bigint;
}

/** A holder's bookkeeping on one stream (`StakerStream`). */
export interface HolderStreamModel {
  checkpoint: bigint;
  owed: bigint;
  claimedTotal: bigint;
}

/** A holder's `Staker` account. */
export interface StakerModel {
  totalWeight: bigint;
  points: bigint;
  pointsUpdatedTs: bigint;
  streams: HolderStreamModel[];
  records: Map<string, RecordModel>;
}

/** A perk and who redeemed it how often. */
export interface PerkModel {
  costPoints: bigint;
  minStaked: number;
  supplyCap: number;
  startTs: bigint;
  endTs: bigint;
  redeemed: number;
  receipts: Map<string, number>;
}

/** Token flows of one stream's vault. */
export interface VaultModel {
  balance: bigint;
  funded: bigint;
  /** Paid to holders by claims. */
  paid: bigint;
  /** Taken back by withdraw_surplus. */
  withdrawn: bigint;
}

/** The pool's configurable tables. */
export interface PoolConfig {
  tierRoot: Uint8Array | null;
  defaultTierWeight: number;
  tierWeights: number[];
  lockOptions: LockOptionInput[];
  /** Lock, pause and eligibility bounds; the SDK's `DEFAULT_POOL_LIMITS` when omitted. */
  limits?: PoolLimitsInput;
}

/** The lock a stake carries: the option and the terms the holder saw. */
export type StakeLock = LockTerms;

/** One NFT of a stake: its mint and, unless default tier, a tier and proof. */
export interface StakeInput {
  mint: PublicKey;
  tier?: number;
  proof?: Uint8Array[];
}

/** What a successful redeem, claim or withdrawal moved. */
export interface ClaimResult {
  paid: bigint[];
}

/** The larger of two bigints. */
export function maxBig(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}
