import type { Program } from "@coral-xyz/anchor";
import type { PublicKey, TransactionInstruction } from "@solana/web3.js";
import type { NftStaking } from "../idl";
import { stakingProgram } from "../program";

/** Parameters of {@link proposeAuthorityInstruction}. */
export interface ProposeAuthorityParams {
  pool: PublicKey;
  authority: PublicKey;
  /** The proposed authority; `PublicKey.default` cancels a pending proposal. */
  newAuthority: PublicKey;
}

/**
 * Builds `propose_authority` (step one of two). Pass `PublicKey.default` to cancel.
 *
 * To hand a pool to a Squads multisig: propose the multisig's *vault* PDA here, then create a
 * Squads vault transaction whose single instruction is `acceptAuthorityInstruction({ pool,
 * newAuthority: vaultPda })`; when members approve and execute it, Squads signs as the vault
 * (`invoke_signed`), which is all `accept_authority` needs. Every later admin instruction is
 * executed the same way, with the vault as `authority`.
 *
 * @example
 * const ix = await proposeAuthorityInstruction({ pool, authority, newAuthority: squadsVault });
 */
export async function proposeAuthorityInstruction(
  params: ProposeAuthorityParams,
  program: Program<NftStaking> = stakingProgram(),
): Promise<TransactionInstruction> {
  return program.methods
    .proposeAuthority(params.newAuthority)
    .accountsStrict({ pool: params.pool, authority: params.authority })
    .instruction();
}
