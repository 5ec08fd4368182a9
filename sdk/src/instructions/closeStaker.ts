import type { Program } from "@coral-xyz/anchor";
import type { PublicKey, TransactionInstruction } from "@solana/web3.js";
import type { PoolAccount } from "../accounts";
import type { NftStaking } from "../idl";
import { findStakerAddress } from "../pda";
import { stakingProgram } from "../program";

/** Parameters of {@link closeStakerInstruction}. */
export interface CloseStakerParams {
  pool: PublicKey;
  owner: PublicKey;
  /**
   * The decoded pool, only to close although rewards are still owed on a stream whose vault
   * its mint's freeze authority froze: the pool's vaults are passed and those rewards are given
   * up (review finding L-1). Omit it and the close fails with `RewardsStillOwed` instead.
   */
  forfeitFrozenRewards?: Pick<PoolAccount, "streams" | "streamCount">;
}

/**
 * Builds `close_staker`: closes an empty staker account and refunds its rent.
 *
 * @example
 * const ix = await closeStakerInstruction({ pool, owner: wallet.publicKey });
 */
export async function closeStakerInstruction(
  params: CloseStakerParams,
  program: Program<NftStaking> = stakingProgram(),
): Promise<TransactionInstruction> {
  const [staker] = findStakerAddress(params.pool, params.owner, program.programId);
  return program.methods
    .closeStaker()
    .accountsStrict({ pool: params.pool, staker, owner: params.owner })
    .remainingAccounts(
      (params.forfeitFrozenRewards?.streams ?? [])
        .slice(0, params.forfeitFrozenRewards?.streamCount ?? 0)
        .map((stream) => ({ pubkey: stream.vault, isSigner: false, isWritable: false })),
    )
    .instruction();
}
