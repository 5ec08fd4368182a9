import type { Program } from "@coral-xyz/anchor";
import { SystemProgram, type PublicKey, type TransactionInstruction } from "@solana/web3.js";
import type { NftStaking } from "../idl";
import { findPerkAddress, toBN, type U64Like } from "../pda";
import { stakingProgram } from "../program";
import { termsArgs, type PerkTermsInput } from "./perkTerms";

/** Parameters of {@link createPerkInstruction}. */
export interface CreatePerkParams {
  pool: PublicKey;
  authority: PublicKey;
  /** Pays the perk's rent; defaults to `authority`. */
  payer?: PublicKey;
  perkId: U64Like;
  terms: PerkTermsInput;
}

/**
 * Builds `create_perk`.
 *
 * @example
 * const ix = await createPerkInstruction({ pool, authority, perkId: 1n,
 *   terms: { name: "Allow-list spot", costPoints: 86_400n, startTs: now, endTs: now + 7 * 86_400 } });
 */
export async function createPerkInstruction(
  params: CreatePerkParams,
  program: Program<NftStaking> = stakingProgram(),
): Promise<TransactionInstruction> {
  const [perk, bump] = findPerkAddress(params.pool, params.perkId, program.programId);
  return program.methods
    .createPerk(toBN(params.perkId), bump, ...termsArgs(params.terms))
    .accountsStrict({
      pool: params.pool,
      perk,
      authority: params.authority,
      payer: params.payer ?? params.authority,
      systemProgram: SystemProgram.programId,
    })
    .instruction();
}
