import type { IdlAccounts } from "@coral-xyz/anchor";
import type { Connection, PublicKey } from "@solana/web3.js";
import type { NftStaking } from "./idl";
import { stakingProgram } from "./program";

/** A decoded `Pool` account (field names in camelCase, u64 as `BN`, u128 as `BN`). */
export type PoolAccount = IdlAccounts<NftStaking>["pool"];

/** A decoded `Staker` account with its stake records. */
export type StakerAccount = IdlAccounts<NftStaking>["staker"];

/** Decodes raw `Staker` account data (checks the discriminator). */
export function decodeStaker(data: Buffer | Uint8Array): StakerAccount {
  return stakingProgram().coder.accounts.decode<StakerAccount>("staker", Buffer.from(data));
}

/**
 * Fetches a holder's staker account, or `null` if they never staked in the pool.
 *
 * @example
 * const staker = await fetchStaker(connection, findStakerAddress(pool, owner)[0]);
 */
export async function fetchStaker(
  connection: Connection,
  address: PublicKey,
): Promise<StakerAccount | null> {
  const info = await connection.getAccountInfo(address);
  return info ? decodeStaker(info.data) : null;
}

/** Decodes raw `Pool` account data (checks the discriminator). */
export function decodePool(data: Buffer | Uint8Array): PoolAccount {
  return stakingProgram().coder.accounts.decode<PoolAccount>("pool", Buffer.from(data));
}

/** Reads the pool URI from its fixed buffer. */
export function poolUri(pool: PoolAccount): string {
  return Buffer.from(pool.uri.slice(0, pool.uriLen)).toString("utf8");
}

/**
 * Fetches and decodes a pool, or `null` when the account does not exist.
 *
 * @example
 * const pool = await fetchPool(connection, poolAddress);
 */
export async function fetchPool(
  connection: Connection,
  address: PublicKey,
): Promise<PoolAccount | null> {
  const info = await connection.getAccountInfo(address);
  return info ? decodePool(info.data) : null;
}

/** A decoded `Perk` account. */
export type PerkAccount = IdlAccounts<NftStaking>["perk"];

/** A decoded `PerkReceipt` account. */
export type PerkReceiptAccount = IdlAccounts<NftStaking>["perkReceipt"];

/** Decodes raw `Perk` account data. */
export function decodePerk(data: Buffer | Uint8Array): PerkAccount {
  return stakingProgram().coder.accounts.decode<PerkAccount>("perk", Buffer.from(data));
}

/** Decodes raw `PerkReceipt` account data. */
export function decodePerkReceipt(data: Buffer | Uint8Array): PerkReceiptAccount {
  return stakingProgram().coder.accounts.decode<PerkReceiptAccount>(
    "perkReceipt",
    Buffer.from(data),
  );
}

/** A perk's display name. */
export function perkName(perk: PerkAccount): string {
  return Buffer.from(perk.name.slice(0, perk.nameLen)).toString("utf8");
}
