import type { Program } from "@coral-xyz/anchor";
import { TOKEN_PROGRAM_ID, getAssociatedTokenAddressSync } from "@solana/spl-token";
import type { PublicKey, TransactionInstruction } from "@solana/web3.js";
import type { PoolAccount } from "../accounts";
import type { NftStaking } from "../idl";
import { findStakerAddress } from "../pda";
import { stakingProgram } from "../program";

/** Parameters of {@link claimInstruction}. */
export interface ClaimParams {
  pool: PublicKey;
  /** The decoded pool (its streams decide the accounts). */
  poolAccount: PoolAccount;
  owner: PublicKey;
  /** Destination token accounts by stream index; default: the owner's ATA of each reward mint. */
  rewardTokenAccounts?: PublicKey[];
}

/**
 * Builds `claim` over all of the pool's streams. Destination token accounts must exist.
 *
 * @example
 * const ix = await claimInstruction({ pool, poolAccount: await fetchPool(connection, pool), owner });
 */
export async function claimInstruction(
  params: ClaimParams,
  program: Program<NftStaking> = stakingProgram(),
): Promise<TransactionInstruction> {
  const [staker] = findStakerAddress(params.pool, params.owner, program.programId);
  const streams = params.poolAccount.streams.slice(0, params.poolAccount.streamCount);
  const remaining = streams.flatMap((stream, index) => [
    { pubkey: stream.vault, isSigner: false, isWritable: true },
    {
      pubkey:
        params.rewardTokenAccounts?.[index] ??
        getAssociatedTokenAddressSync(stream.mint, params.owner, true),
      isSigner: false,
      isWritable: true,
    },
  ]);
  return program.methods
    .claim()
    .accountsStrict({
      pool: params.pool,
      staker,
      owner: params.owner,
      tokenProgram: TOKEN_PROGRAM_ID,
    })
    .remainingAccounts(remaining)
    .instruction();
}
