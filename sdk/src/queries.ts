/**
 * Lists of accounts by `getProgramAccounts`: the account type by its discriminator, then
 * `memcmp` filters on key fields, every offset computed from the IDL (see `layout.ts`).
 */
import type { Program } from "@coral-xyz/anchor";
import type { Commitment, Connection, GetProgramAccountsFilter, PublicKey } from "@solana/web3.js";
import type { PerkAccount, PoolAccount, StakerAccount } from "./accounts";
import type { NftStaking } from "./idl";
import {
  accountFieldLayout,
  discriminatorFilter,
  fieldFilter,
  type AccountFieldPath,
  type StakingAccountName,
} from "./layout";
import { stakingProgram } from "./program";

/** An account and its address. */
export interface ProgramAccount<T> {
  address: PublicKey;
  account: T;
}

/** Options of the list queries. */
export interface QueryOptions {
  commitment?: Commitment;
}

/** A validator accepts at most 4 filters per `getProgramAccounts` call. */
const MAX_RPC_FILTERS = 4;

/**
 * Accounts of one type whose key fields equal the given keys. The discriminator and the first
 * three fields go to the RPC as filters; any further ones are checked here on the returned data.
 */
async function queryAccounts<A extends StakingAccountName, T>(
  connection: Connection,
  program: Program<NftStaking>,
  account: A,
  fields: [AccountFieldPath<A>, PublicKey | undefined][],
  options: QueryOptions,
): Promise<ProgramAccount<T>[]> {
  const idl = program.idl;
  const wanted = fields.filter((entry): entry is [AccountFieldPath<A>, PublicKey] => !!entry[1]);
  const filters: GetProgramAccountsFilter[] = [
    discriminatorFilter(account, idl),
    ...wanted.map(([field, key]) => fieldFilter(account, field, key, idl)),
  ];
  const local = wanted.slice(MAX_RPC_FILTERS - 1).map(([field, key]) => ({
    offset: accountFieldLayout(account, field, idl).offset,
    bytes: key.toBuffer(),
  }));
  const found = await connection.getProgramAccounts(program.programId, {
    commitment: options.commitment,
    filters: filters.slice(0, MAX_RPC_FILTERS),
  });
  return found
    .filter(({ account: info }) =>
      local.every(({ offset, bytes }) =>
        bytes.equals(info.data.subarray(offset, offset + bytes.length)),
      ),
    )
    .map(({ pubkey, account: info }) => ({
      address: pubkey,
      account: program.coder.accounts.decode<T>(account, info.data),
    }));
}

/** Keys a pool can be looked up by (all given ones must match). */
export interface PoolQuery {
  /** The pool's current authority. */
  authority?: PublicKey;
  /** A proposed authority that has not accepted yet. */
  pendingAuthority?: PublicKey;
  /** The authority that created the pool (part of its address). */
  seedAuthority?: PublicKey;
  collection?: PublicKey;
  creator?: PublicKey;
}

/**
 * Pools of the program, optionally by authority, pending authority, creator of the pool,
 * collection or verified creator. Pass `program` for a deployment under another program id.
 *
 * @example
 * const mine = await fetchPools(connection, { authority: wallet.publicKey });
 * const handedToMe = await fetchPools(connection, { pendingAuthority: wallet.publicKey });
 */
export function fetchPools(
  connection: Connection,
  query: PoolQuery = {},
  program: Program<NftStaking> = stakingProgram(),
  options: QueryOptions = {},
): Promise<ProgramAccount<PoolAccount>[]> {
  return queryAccounts<"pool", PoolAccount>(
    connection,
    program,
    "pool",
    [
      ["authority", query.authority],
      ["pendingAuthority", query.pendingAuthority],
      ["seedAuthority", query.seedAuthority],
      ["collection", query.collection],
      ["creator", query.creator],
    ],
    options,
  );
}

/**
 * Every perk of a pool, by perk id.
 *
 * @example
 * const perks = await fetchPerks(connection, pool);
 */
export async function fetchPerks(
  connection: Connection,
  pool: PublicKey,
  program: Program<NftStaking> = stakingProgram(),
  options: QueryOptions = {},
): Promise<ProgramAccount<PerkAccount>[]> {
  const perks = await queryAccounts<"perk", PerkAccount>(
    connection,
    program,
    "perk",
    [["pool", pool]],
    options,
  );
  return perks.sort((a, b) => a.account.perkId.cmp(b.account.perkId));
}

/** Keys a staker account can be looked up by (at least one). */
export interface StakerQuery {
  /** Every holder of this pool. */
  pool?: PublicKey;
  /** This holder's staker accounts, in every pool. */
  owner?: PublicKey;
}

/**
 * Staker accounts of a pool (its holders), of an owner (the pools they staked in), or both.
 *
 * @example
 * const holders = await fetchStakers(connection, { pool });
 * const myPools = (await fetchStakers(connection, { owner })).map((s) => s.account.pool);
 */
export function fetchStakers(
  connection: Connection,
  query: StakerQuery,
  program: Program<NftStaking> = stakingProgram(),
  options: QueryOptions = {},
): Promise<ProgramAccount<StakerAccount>[]> {
  if (!query.pool && !query.owner) throw new Error("fetchStakers needs a pool or an owner");
  return queryAccounts<"staker", StakerAccount>(
    connection,
    program,
    "staker",
    [
      ["pool", query.pool],
      ["owner", query.owner],
    ],
    options,
  );
}
