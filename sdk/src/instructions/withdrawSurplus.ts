import type { Program } from "@coral-xyz/anchor";
import { TOKEN_PROGRAM_ID, getAssociatedTokenAddressSync } from "@solana/spl-token";
import type { PublicKey, TransactionInstruction } from "@solana/web3.js";
import type { NftStaking } from "../idl";
import { findRewardVaultAddress, toBN, type U64Like } from "../pda";
import { stakingProgram } from "../program";

/** Parameters of {@link withdrawSurplusInstruction}. */
export interface WithdrawSurplusParams {
  pool: PublicKey;
  authority: PublicKey;
  streamIndex: number;
  rewardMint: PublicKey;
  amount: U64Like;
  /** Destination token account; default: the authority's associated token account. */
  destination?: PublicKey;
}

/**
 * Builds `withdraw_surplus`: takes back reward tokens nobody has earned or will earn.
 * Use `surplus()` from the SDK math to know how much that is.
 *
 * @example
 * const ix = await withdrawSurplusInstruction({ pool, authority, streamIndex: 0, rewardMint, amount });
 */
export async function withdrawSurplusInstruction(
  params: WithdrawSurplusParams,
  program: Program<NftStaking> = stakingProgram(),
): Promise<TransactionInstruction> {
  const [rewardVault] = findRewardVaultAddress(params.pool, params.streamIndex, program.programId);
  return program.methods
    .withdrawSurplus(params.streamIndex, toBN(params.amount))
    .accountsStrict({
      pool: params.pool,
      authority: params.authority,
      rewardVault,
      destination:
        params.destination ??
        getAssociatedTokenAddressSync(params.rewardMint, params.authority, true),
      tokenProgram: TOKEN_PROGRAM_ID,
    })
    .instruction();
}
