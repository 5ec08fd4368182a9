import { BN } from "@coral-xyz/anchor";
import { PublicKey } from "@solana/web3.js";
import { POOL_SEED, PROGRAM_ID } from "./constants";

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
