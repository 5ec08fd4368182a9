import type { Program } from "@coral-xyz/anchor";
import type { PublicKey, TransactionInstruction } from "@solana/web3.js";
import type { NftStaking } from "../idl";
import { stakingProgram } from "../program";
import { termsArgs, type PerkTermsInput } from "./perkTerms";

/** Parameters of {@link updatePerkInstruction}. */
export interface UpdatePerkParams {
  pool: PublicKey;
  authority: PublicKey;
  perk: PublicKey;
  terms: PerkTermsInput;
}

/**
 * Builds `update_perk` (replaces every term).
 *
 * @example
 * const ix = await updatePerkInstruction({ pool, authority, perk, terms });
 */
export async function updatePerkInstruction(
  params: UpdatePerkParams,
  program: Program<NftStaking> = stakingProgram(),
): Promise<TransactionInstruction> {
  return program.methods
    .updatePerk(...termsArgs(params.terms))
    .accountsStrict({ pool: params.pool, perk: params.perk, authority: params.authority })
    .instruction();
}
