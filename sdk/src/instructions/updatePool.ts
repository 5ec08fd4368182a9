import type { Program } from "@coral-xyz/anchor";
import type { PublicKey, TransactionInstruction } from "@solana/web3.js";
import { MAX_LOCK_OPTIONS, MAX_TIERS } from "../constants";
import type { NftStaking } from "../idl";
import { stakingProgram } from "../program";
import type { PoolLimitsInput } from "../args/poolLimits";

/** A lock option: locked for `durationS` seconds, weight × `multiplierBps / 10_000`. */
export interface LockOptionInput {
  durationS: number;
  multiplierBps: number;
}

/** Parameters of {@link updatePoolInstruction}. */
export interface UpdatePoolParams {
  pool: PublicKey;
  authority: PublicKey;
  /** Merkle root of the tier list (`TierTree.root`), or `null` for none (default tier only). */
  tierRoot: Uint8Array | null;
  /** Weight of an NFT staked without a proof (> 0). */
  defaultTierWeight: number;
  /** Up to 8 tier weights; missing tiers are 0 (unused). */
  tierWeights: number[];
  /** Up to 4 lock options; missing ones are unused. */
  lockOptions: LockOptionInput[];
  uri: string;
  /**
   * Lock, pause and eligibility bounds. Required, so an update never resets them by omission:
   * pass `poolLimitsOf(pool)` to keep the current ones.
   */
  limits: PoolLimitsInput;
}

/**
 * Builds `update_pool`: replaces tiers, lock options, limits and URI. Staked NFTs keep their
 * weight and their lock (a changed lock option never changes an existing lock).
 *
 * @example
 * const tree = TierTree.fromCsv(csv);
 * const ix = await updatePoolInstruction({ pool, authority, tierRoot: tree.root,
 *   defaultTierWeight: 1, tierWeights: [1, 2, 5], lockOptions: [{ durationS: 2_592_000, multiplierBps: 15_000 }], uri: "",
 *   limits: poolLimitsOf(pool) });
 */
export async function updatePoolInstruction(
  params: UpdatePoolParams,
  program: Program<NftStaking> = stakingProgram(),
): Promise<TransactionInstruction> {
  if (params.tierWeights.length > MAX_TIERS) throw new RangeError(`at most ${MAX_TIERS} tiers`);
  if (params.lockOptions.length > MAX_LOCK_OPTIONS) {
    throw new RangeError(`at most ${MAX_LOCK_OPTIONS} lock options`);
  }
  const tierWeights = Array.from({ length: MAX_TIERS }, (_, i) => params.tierWeights[i] ?? 0);
  const lockOptions = Array.from(
    { length: MAX_LOCK_OPTIONS },
    (_, i) => params.lockOptions[i] ?? { durationS: 0, multiplierBps: 0 },
  );
  return program.methods
    .updatePool(
      Array.from(params.tierRoot ?? new Uint8Array(32)),
      params.defaultTierWeight,
      tierWeights,
      lockOptions,
      params.uri,
      params.limits,
    )
    .accountsStrict({ pool: params.pool, authority: params.authority })
    .instruction();
}
