import type { Program } from "@coral-xyz/anchor";
import type { PublicKey, TransactionInstruction } from "@solana/web3.js";
import type { NftStaking } from "../idl";
import { stakingProgram } from "../program";

/** Parameters of {@link sunsetPoolInstruction}. */
export interface SunsetPoolParams {
  pool: PublicKey;
  authority: PublicKey;
}

/**
 * Builds `sunset_pool`: ends every stream now, lifts every lock, stops new stakes.
 *
 * @example
 * const ix = await sunsetPoolInstruction({ pool, authority });
 */
export async function sunsetPoolInstruction(
  params: SunsetPoolParams,
  program: Program<NftStaking> = stakingProgram(),
): Promise<TransactionInstruction> {
  return program.methods
    .sunsetPool()
    .accountsStrict({ pool: params.pool, authority: params.authority })
    .instruction();
}
