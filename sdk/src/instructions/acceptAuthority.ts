import type { Program } from "@coral-xyz/anchor";
import type { PublicKey, TransactionInstruction } from "@solana/web3.js";
import type { NftStaking } from "../idl";
import { stakingProgram } from "../program";

/** Parameters of {@link acceptAuthorityInstruction}. */
export interface AcceptAuthorityParams {
  pool: PublicKey;
  /** The proposed authority, which signs. */
  newAuthority: PublicKey;
}

/**
 * Builds `accept_authority` (step two), signed by the proposed authority.
 *
 * @example
 * const ix = await acceptAuthorityInstruction({ pool, newAuthority: wallet.publicKey });
 */
export async function acceptAuthorityInstruction(
  params: AcceptAuthorityParams,
  program: Program<NftStaking> = stakingProgram(),
): Promise<TransactionInstruction> {
  return program.methods
    .acceptAuthority()
    .accountsStrict({ pool: params.pool, newAuthority: params.newAuthority })
    .instruction();
}
