import type { Program } from "@coral-xyz/anchor";
import { SystemProgram, type PublicKey, type TransactionInstruction } from "@solana/web3.js";
import type { NftStaking } from "../idl";
import { findReceiptAddress, findStakerAddress } from "../pda";
import { stakingProgram } from "../program";

/** Parameters of {@link redeemPerkInstruction}. */
export interface RedeemPerkParams {
  pool: PublicKey;
  perk: PublicKey;
  owner: PublicKey;
}

/**
 * Builds `redeem_perk`: spends the holder's points and writes their receipt.
 *
 * @example
 * const ix = await redeemPerkInstruction({ pool, perk, owner: wallet.publicKey });
 */
export async function redeemPerkInstruction(
  params: RedeemPerkParams,
  program: Program<NftStaking> = stakingProgram(),
): Promise<TransactionInstruction> {
  const [staker] = findStakerAddress(params.pool, params.owner, program.programId);
  const [receipt, receiptBump] = findReceiptAddress(params.perk, params.owner, program.programId);
  return program.methods
    .redeemPerk(receiptBump)
    .accountsStrict({
      pool: params.pool,
      perk: params.perk,
      staker,
      receipt,
      owner: params.owner,
      systemProgram: SystemProgram.programId,
    })
    .instruction();
}
