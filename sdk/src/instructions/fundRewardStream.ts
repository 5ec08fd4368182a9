import type { Program } from "@coral-xyz/anchor";
import { TOKEN_PROGRAM_ID, getAssociatedTokenAddressSync } from "@solana/spl-token";
import type { PublicKey, TransactionInstruction } from "@solana/web3.js";
import type { NftStaking } from "../idl";
import { findRewardVaultAddress, toBN, type U64Like } from "../pda";
import { stakingProgram } from "../program";

/** Parameters of {@link fundRewardStreamInstruction}. */
export interface FundRewardStreamParams {
  pool: PublicKey;
  funder: PublicKey;
  streamIndex: number;
  rewardMint: PublicKey;
  amount: U64Like;
  /** Source token account; defaults to the funder's associated token account. */
  funderToken?: PublicKey;
}

/**
 * Builds `fund_reward_stream`: moves `amount` from the funder into the stream's vault.
 *
 * @example
 * const ix = await fundRewardStreamInstruction({ pool, funder, streamIndex: 0, rewardMint, amount: 1_000_000n });
 */
export async function fundRewardStreamInstruction(
  params: FundRewardStreamParams,
  program: Program<NftStaking> = stakingProgram(),
): Promise<TransactionInstruction> {
  const [rewardVault] = findRewardVaultAddress(params.pool, params.streamIndex, program.programId);
  return program.methods
    .fundRewardStream(params.streamIndex, toBN(params.amount))
    .accountsStrict({
      pool: params.pool,
      funder: params.funder,
      funderToken:
        params.funderToken ?? getAssociatedTokenAddressSync(params.rewardMint, params.funder, true),
      rewardVault,
      tokenProgram: TOKEN_PROGRAM_ID,
    })
    .instruction();
}
