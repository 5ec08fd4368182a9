import type { Program } from "@coral-xyz/anchor";
import type { PublicKey, TransactionInstruction } from "@solana/web3.js";
import type { NftStaking } from "../idl";
import { findStakerAddress } from "../pda";
import { stakingProgram } from "../program";

/** Parameters of {@link closeStakerInstruction}. */
export interface CloseStakerParams {
  pool: PublicKey;
  owner: PublicKey;
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
    .instruction();
}
