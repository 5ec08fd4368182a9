import { BN, type Program } from "@coral-xyz/anchor";
import type { PublicKey, TransactionInstruction } from "@solana/web3.js";
import type { NftStaking } from "../idl";
import { toBN, type U64Like } from "../pda";
import { stakingProgram } from "../program";

/** Parameters of {@link updateRewardStreamInstruction}. */
export interface UpdateRewardStreamParams {
  pool: PublicKey;
  authority: PublicKey;
  streamIndex: number;
  rate: U64Like;
  endTs: number | bigint;
}

/**
 * Builds `update_reward_stream` (rate and end; accrues at the old values first).
 *
 * @example
 * const ix = await updateRewardStreamInstruction({ pool, authority, streamIndex: 0, rate: 2_000n, endTs });
 */
export async function updateRewardStreamInstruction(
  params: UpdateRewardStreamParams,
  program: Program<NftStaking> = stakingProgram(),
): Promise<TransactionInstruction> {
  return program.methods
    .updateRewardStream(params.streamIndex, toBN(params.rate), new BN(params.endTs.toString()))
    .accountsStrict({ pool: params.pool, authority: params.authority })
    .instruction();
}
