import { BN, type Program } from "@coral-xyz/anchor";
import { SystemProgram, type PublicKey, type TransactionInstruction } from "@solana/web3.js";
import type { NftStaking } from "../idl";
import { findPerkAddress, findReceiptAddress, findStakerAddress, toBN, type U64Like } from "../pda";
import { stakingProgram } from "../program";

/** A perk's editable terms. */
export interface PerkTermsInput {
  name: string;
  uri?: string;
  costPoints: U64Like;
  /** NFTs the holder must have staked; default 0. */
  minStaked?: number;
  /** Total redemptions allowed; 0 or omitted = unlimited. */
  supplyCap?: number;
  /** Redeemable window (unix seconds). */
  startTs: number | bigint;
  endTs: number | bigint;
}

function termsArgs(terms: PerkTermsInput) {
  return [
    terms.name,
    terms.uri ?? "",
    toBN(terms.costPoints),
    terms.minStaked ?? 0,
    terms.supplyCap ?? 0,
    new BN(terms.startTs.toString()),
    new BN(terms.endTs.toString()),
  ] as const;
}

/**
 * Builds `create_perk`.
 *
 * @example
 * const ix = await createPerkInstruction({ pool, authority, perkId: 1n,
 *   terms: { name: "Allow-list spot", costPoints: 86_400n, startTs: now, endTs: now + 7 * 86_400 } });
 */
export async function createPerkInstruction(
  params: {
    pool: PublicKey;
    authority: PublicKey;
    payer?: PublicKey;
    perkId: U64Like;
    terms: PerkTermsInput;
  },
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

/**
 * Builds `update_perk` (replaces every term).
 *
 * @example
 * const ix = await updatePerkInstruction({ pool, authority, perk, terms });
 */
export async function updatePerkInstruction(
  params: { pool: PublicKey; authority: PublicKey; perk: PublicKey; terms: PerkTermsInput },
  program: Program<NftStaking> = stakingProgram(),
): Promise<TransactionInstruction> {
  return program.methods
    .updatePerk(...termsArgs(params.terms))
    .accountsStrict({ pool: params.pool, perk: params.perk, authority: params.authority })
    .instruction();
}

/**
 * Builds `close_perk`; the rent goes to `rentDestination` (default: the authority).
 *
 * @example
 * const ix = await closePerkInstruction({ pool, authority, perk });
 */
export async function closePerkInstruction(
  params: { pool: PublicKey; authority: PublicKey; perk: PublicKey; rentDestination?: PublicKey },
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

/**
 * Builds `redeem_perk`: spends the holder's points and writes their receipt.
 *
 * @example
 * const ix = await redeemPerkInstruction({ pool, perk, owner: wallet.publicKey });
 */
export async function redeemPerkInstruction(
  params: { pool: PublicKey; perk: PublicKey; owner: PublicKey },
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
