/**
 * The program's public constants, read from the IDL's `constants` section (which
 * `programs/nft_staking/tests/idl.rs` holds to `constants.rs`), and account sizes computed from
 * the IDL's layouts: nothing here is re-typed from the Rust source.
 */
import type { Idl } from "@coral-xyz/anchor";
import { PublicKey } from "@solana/web3.js";
import { IDL } from "./idl";
import { accountSize, idlTypeSize } from "./layout";

const INTEGER_TYPES = new Set(["u8", "i8", "u16", "i16", "u32", "i32", "u64", "i64"]);

/** The IDL entry of a program constant, by its Rust name (`"MAX_BATCH"`). */
function idlConstant(name: string): { type: unknown; value: string } {
  const entry = (IDL as Idl).constants?.find((constant) => constant.name === name);
  if (!entry) throw new Error(`constant ${name} is not in the IDL`);
  return entry;
}

/** An integer constant of the IDL (every one fits a JS number exactly). */
function idlInteger(name: string): number {
  const { type, value } = idlConstant(name);
  const number = Number(value);
  if (typeof type !== "string" || !INTEGER_TYPES.has(type) || !Number.isSafeInteger(number)) {
    throw new Error(`constant ${name} is not a safe integer: ${String(type)} ${value}`);
  }
  return number;
}

/** A `bytes` constant of the IDL (its value is written `"[112, 111, 111, 108]"`). */
function idlBytes(name: string): Buffer {
  const { type, value } = idlConstant(name);
  const bytes: unknown = JSON.parse(value);
  if (
    type !== "bytes" ||
    !Array.isArray(bytes) ||
    !bytes.every((byte) => Number.isInteger(byte) && byte >= 0 && byte <= 255)
  ) {
    throw new Error(`constant ${name} is not bytes: ${value}`);
  }
  return Buffer.from(bytes as number[]);
}

function fixedSize(typeName: string): number {
  const size = idlTypeSize({ defined: { name: typeName } });
  if (size === null) throw new Error(`type ${typeName} has no fixed size`);
  return size;
}

/** Program id of `nft_staking` (the same on every cluster it is deployed to). */
export const PROGRAM_ID = new PublicKey(IDL.address);

/** Seed prefix of the `Pool` PDA. */
export const POOL_SEED = idlBytes("POOL_SEED");

/** Longest pool URI the program accepts, in bytes. */
export const MAX_URI_LEN = idlInteger("MAX_URI_LEN");

/** Metaplex Token Metadata program (a third-party id: not one of the program's constants). */
export const TOKEN_METADATA_PROGRAM_ID = new PublicKey(
  "metaqbxxUerdq28cj1RbAWkYQm3ybzjb6a8bt518x1s",
);

/** Seed prefix of a holder's `Staker` PDA. */
export const STAKER_SEED = idlBytes("STAKER_SEED");

/** Seed prefix of an NFT's escrow token account PDA. */
export const ESCROW_SEED = idlBytes("ESCROW_SEED");

/** Seed prefix of a reward stream's vault PDA. */
export const REWARD_VAULT_SEED = idlBytes("REWARD_VAULT_SEED");

/** Most NFTs one `stake`/`unstake` instruction accepts (a legacy transaction fits fewer). */
export const MAX_BATCH = idlInteger("MAX_BATCH");

/** Basis points in 1x (lock multipliers). */
export const BPS = idlInteger("BPS");

/** Number of tier slots, lock option slots and stream slots in a pool. */
export const MAX_TIERS = idlInteger("MAX_TIERS");
export const MAX_LOCK_OPTIONS = idlInteger("MAX_LOCK_OPTIONS");
export const MAX_STREAMS = idlInteger("MAX_STREAMS");

/** Tier value recorded for an NFT staked without a proof. */
export const DEFAULT_TIER = idlInteger("DEFAULT_TIER");

/** Lock option value recorded for an unlocked stake. */
export const NO_LOCK = idlInteger("NO_LOCK");

/** Largest tier weight a pool may set (whole weight units). */
export const MAX_TIER_WEIGHT = idlInteger("MAX_TIER_WEIGHT");

/** Largest lock multiplier, in basis points (10x). */
export const MAX_LOCK_MULTIPLIER_BPS = idlInteger("MAX_LOCK_MULTIPLIER_BPS");

/** Longest lock any pool may offer, in seconds (2 years); each pool sets its own `maxLockS`. */
export const MAX_LOCK_DURATION_S = idlInteger("MAX_LOCK_DURATION_S");

/** Longest a pause may last before it ends by itself, in seconds (30 days). */
export const MAX_PAUSE_S = idlInteger("MAX_PAUSE_S");

/** Longest perk name, in bytes. */
export const MAX_PERK_NAME_LEN = idlInteger("MAX_PERK_NAME_LEN");

/** Size of a holder's `Staker` account without records, and of one record. */
export const STAKER_HEADER_SIZE = accountSize("staker");
export const STAKE_RECORD_SIZE = fixedSize("StakeRecord");

/** Size of a `Pool` account. */
export const POOL_SIZE = accountSize("pool");

/** Seed prefix of a `Perk` PDA. */
export const PERK_SEED = idlBytes("PERK_SEED");

/** Seed prefix of a `PerkReceipt` PDA. */
export const RECEIPT_SEED = idlBytes("RECEIPT_SEED");
