import { BN } from "@coral-xyz/anchor";
import { PublicKey } from "@solana/web3.js";
import {
  ESCROW_SEED,
  PERK_SEED,
  RECEIPT_SEED,
  POOL_SEED,
  PROGRAM_ID,
  REWARD_VAULT_SEED,
  STAKER_SEED,
  TOKEN_METADATA_PROGRAM_ID,
} from "./constants";

/** Anything that holds a u64: `bigint`, `number` (≤ 2^53) or an Anchor `BN`. */
export type U64Like = bigint | number | BN;

/** Converts a u64-like value to a `BN`, rejecting negatives and values above 2^64 − 1. */
export function toBN(value: U64Like): BN {
  const bn = BN.isBN(value) ? value : new BN(value.toString());
  if (bn.isNeg() || bn.bitLength() > 64) throw new RangeError(`not a u64: ${value.toString()}`);
  return bn;
}

/** Little-endian 8-byte encoding of a u64, as used in PDA seeds. */
export function u64Seed(value: U64Like): Buffer {
  return toBN(value).toArrayLike(Buffer, "le", 8);
}

/**
 * Address and bump of a pool: PDA `["pool", authorityAtCreation, poolId (u64 LE)]`.
 *
 * @example
 * const [pool] = findPoolAddress(creator.publicKey, 1n);
 */
export function findPoolAddress(
  authorityAtCreation: PublicKey,
  poolId: U64Like,
  programId: PublicKey = PROGRAM_ID,
): [PublicKey, number] {
  return PublicKey.findProgramAddressSync(
    [POOL_SEED, authorityAtCreation.toBuffer(), u64Seed(poolId)],
    programId,
  );
}

/**
 * A holder's `Staker` account in a pool: PDA `["staker", pool, owner]`.
 *
 * @example
 * const [staker] = findStakerAddress(pool, wallet.publicKey);
 */
export function findStakerAddress(
  pool: PublicKey,
  owner: PublicKey,
  programId: PublicKey = PROGRAM_ID,
): [PublicKey, number] {
  return PublicKey.findProgramAddressSync(
    [STAKER_SEED, pool.toBuffer(), owner.toBuffer()],
    programId,
  );
}

/**
 * The escrow token account holding a staked NFT: PDA `["escrow", pool, mint]`.
 *
 * @example
 * const [escrow, bump] = findEscrowAddress(pool, mint);
 */
export function findEscrowAddress(
  pool: PublicKey,
  mint: PublicKey,
  programId: PublicKey = PROGRAM_ID,
): [PublicKey, number] {
  return PublicKey.findProgramAddressSync(
    [ESCROW_SEED, pool.toBuffer(), mint.toBuffer()],
    programId,
  );
}

/**
 * A stream's reward vault: PDA `["reward_vault", pool, streamIndex (u8)]`.
 *
 * @example
 * const [vault] = findRewardVaultAddress(pool, 0);
 */
export function findRewardVaultAddress(
  pool: PublicKey,
  streamIndex: number,
  programId: PublicKey = PROGRAM_ID,
): [PublicKey, number] {
  return PublicKey.findProgramAddressSync(
    [REWARD_VAULT_SEED, pool.toBuffer(), Buffer.from([streamIndex])],
    programId,
  );
}

/**
 * The Metaplex metadata account of a mint: PDA `["metadata", tokenMetadataProgram, mint]`.
 *
 * @example
 * const [metadata, bump] = findMetadataAddress(mint);
 */
export function findMetadataAddress(mint: PublicKey): [PublicKey, number] {
  return PublicKey.findProgramAddressSync(
    [Buffer.from("metadata"), TOKEN_METADATA_PROGRAM_ID.toBuffer(), mint.toBuffer()],
    TOKEN_METADATA_PROGRAM_ID,
  );
}

/**
 * An NFT's Token Metadata edition PDA (master or print edition): `stake` checks that the
 * mint's authorities belong to it, so nobody can mint into or freeze the escrow.
 *
 * @example
 * const [edition] = findEditionAddress(mint);
 */
export function findEditionAddress(mint: PublicKey): [PublicKey, number] {
  return PublicKey.findProgramAddressSync(
    [
      Buffer.from("metadata"),
      TOKEN_METADATA_PROGRAM_ID.toBuffer(),
      mint.toBuffer(),
      Buffer.from("edition"),
    ],
    TOKEN_METADATA_PROGRAM_ID,
  );
}

/**
 * The escrow of a stake record, from the bump the record stores (the program accepts any
 * valid bump at stake time and re-derives with the stored one at unstake).
 *
 * @example
 * const escrow = escrowAddressOf(pool, staker.records[0]);
 */
export function escrowAddressOf(
  pool: PublicKey,
  record: { mint: PublicKey; escrowBump: number },
  programId: PublicKey = PROGRAM_ID,
): PublicKey {
  return PublicKey.createProgramAddressSync(
    [ESCROW_SEED, pool.toBuffer(), record.mint.toBuffer(), Buffer.from([record.escrowBump])],
    programId,
  );
}

/**
 * A perk: PDA `["perk", pool, perkId (u64 LE)]`.
 *
 * @example
 * const [perk] = findPerkAddress(pool, 1n);
 */
export function findPerkAddress(
  pool: PublicKey,
  perkId: U64Like,
  programId: PublicKey = PROGRAM_ID,
): [PublicKey, number] {
  return PublicKey.findProgramAddressSync([PERK_SEED, pool.toBuffer(), u64Seed(perkId)], programId);
}

/**
 * A holder's receipt for a perk: PDA `["receipt", perk, owner]`.
 *
 * @example
 * const [receipt] = findReceiptAddress(perk, wallet.publicKey);
 */
export function findReceiptAddress(
  perk: PublicKey,
  owner: PublicKey,
  programId: PublicKey = PROGRAM_ID,
): [PublicKey, number] {
  return PublicKey.findProgramAddressSync(
    [RECEIPT_SEED, perk.toBuffer(), owner.toBuffer()],
    programId,
  );
}
