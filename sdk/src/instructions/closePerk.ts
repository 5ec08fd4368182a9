import type { Program } from "@coral-xyz/anchor";
import type { PublicKey, TransactionInstruction } from "@solana/web3.js";
import type { NftStaking } from "../idl";
import { stakingProgram } from "../program";

/** Parameters of {@link closePerkInstruction}. */
export interface ClosePerkParams {
  pool: PublicKey;
  authority: PublicKey;
  perk: PublicKey;
  /** Receives the perk's rent; defaults to `authority`. */
  rentDestination?: PublicKey;
}

/**
 * Builds `close_perk`; the rent goes to `rentDestination` (default: the authority).
 *
 * @example
 * const ix = await closePerkInstruction({ pool, authority, perk });
 */
export async function closePerkInstruction(
  params: ClosePerkParams,
  program: Program<NftStaking> = stakingProgram(),
): Promise<TransactionInstruction> {
  return program.methods
    .closePerk()
    .accountsStrict({
      pool: params.pool,
      perk: params.perk,
      authority: params.authority,
      rentDestination: params.rentDestination ?? params.authority,
    })
    .instruction();
}
