import type { Program } from "@coral-xyz/anchor";
import type { PublicKey, TransactionInstruction } from "@solana/web3.js";
import type { NftStaking } from "../idl";
import { findStakerAddress } from "../pda";
import { stakingProgram } from "../program";

/** Parameters of {@link refreshTierInstruction}. */
export interface RefreshTierParams {
  pool: PublicKey;
  /** The holder whose staked NFT is re-weighted (does not sign). */
  owner: PublicKey;
  mint: PublicKey;
  /** The NFT's tier under the pool's current root, and its proof (`TierTree.proof(mint)`). */
  tier: number;
  proof: Uint8Array[];
}

/**
 * Builds `refresh_tier` (permissionless): re-weights a holder's staked NFT under the pool's
 * current tier root.
 *
 * @example
 * const ix = await refreshTierInstruction({ pool, owner, mint, tier: tree.tierOf(mint)!, proof: tree.proof(mint) });
 */
export async function refreshTierInstruction(
  params: RefreshTierParams,
  program: Program<NftStaking> = stakingProgram(),
): Promise<TransactionInstruction> {
  const [staker] = findStakerAddress(params.pool, params.owner, program.programId);
  return program.methods
    .refreshTier(
      params.mint,
      params.tier,
      params.proof.map((hash) => Array.from(hash)),
    )
    .accountsStrict({ pool: params.pool, staker })
    .instruction();
}
