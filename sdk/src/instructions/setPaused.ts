import type { Program } from "@coral-xyz/anchor";
import type { PublicKey, TransactionInstruction } from "@solana/web3.js";
import type { NftStaking } from "../idl";
import { stakingProgram } from "../program";

/** Parameters of {@link setPausedInstruction}. */
export interface SetPausedParams {
  pool: PublicKey;
  authority: PublicKey;
  paused: boolean;
}

/**
 * Builds `set_paused`: stops or resumes `stake` and `claim` (never `unstake`). A pause lasts the
 * pool's `maxPauseS` and then ends by itself; pausing again renews it. A sunset pool pays claims
 * whatever the pause.
 *
 * @example
 * const ix = await setPausedInstruction({ pool, authority, paused: true });
 */
export async function setPausedInstruction(
  params: SetPausedParams,
  program: Program<NftStaking> = stakingProgram(),
): Promise<TransactionInstruction> {
  return program.methods
    .setPaused(params.paused)
    .accountsStrict({ pool: params.pool, authority: params.authority })
    .instruction();
}
