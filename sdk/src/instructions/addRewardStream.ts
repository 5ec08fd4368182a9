import { BN, type Program } from "@coral-xyz/anchor";
import { TOKEN_PROGRAM_ID } from "@solana/spl-token";
import { SystemProgram, type PublicKey, type TransactionInstruction } from "@solana/web3.js";
import type { NftStaking } from "../idl";
import type { StreamMode } from "../math";
import { findRewardVaultAddress, toBN, type U64Like } from "../pda";
import { stakingProgram } from "../program";

/** Parameters of {@link addRewardStreamInstruction}. */
export interface AddRewardStreamParams {
  pool: PublicKey;
  authority: PublicKey;
  /** Pays the vault's rent; defaults to `authority`. */
  payer?: PublicKey;
  rewardMint: PublicKey;
  /** Index the new stream will get: the pool's current `streamCount`. */
  streamIndex: number;
  mode: StreamMode;
  /** Base units per second (per weight unit for FixedPerWeight, in total for SharedEmission). */
  rate: U64Like;
  /** Unix seconds; a past start is moved to now by the program. */
  startTs: number | bigint;
  endTs: number | bigint;
}

/**
 * Builds `add_reward_stream` (creates the stream's vault).
 *
 * @example
 * const ix = await addRewardStreamInstruction({ pool, authority, rewardMint, streamIndex: 0,
 *   mode: StreamMode.FixedPerWeight, rate: 1_000n, startTs: now, endTs: now + 30 * 86_400 });
 */
export async function addRewardStreamInstruction(
  params: AddRewardStreamParams,
  program: Program<NftStaking> = stakingProgram(),
): Promise<TransactionInstruction> {
  const [rewardVault] = findRewardVaultAddress(params.pool, params.streamIndex, program.programId);
  return program.methods
    .addRewardStream(
      params.mode,
      toBN(params.rate),
      new BN(params.startTs.toString()),
      new BN(params.endTs.toString()),
    )
    .accountsStrict({
      pool: params.pool,
      authority: params.authority,
      payer: params.payer ?? params.authority,
      rewardMint: params.rewardMint,
      rewardVault,
      tokenProgram: TOKEN_PROGRAM_ID,
      systemProgram: SystemProgram.programId,
    })
    .instruction();
}
