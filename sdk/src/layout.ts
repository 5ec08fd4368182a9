/**
 * Byte layouts read from the IDL: sizes of fixed-size types and byte offsets of account fields,
 * so filters (`getProgramAccounts` memcmp) and sizes are never typed by hand. The IDL lays every
 * type out as Borsh does (the program's zero-copy structs have explicit padding, and
 * `programs/nft_staking/tests/idl.rs` proves each IDL offset equals the Rust `offset_of!`).
 */
import { utils, type Idl, type IdlAccounts } from "@coral-xyz/anchor";
// Anchor's IDL spec types (its package index exports only `Idl`).
import type { IdlType, IdlTypeDef } from "@coral-xyz/anchor/dist/cjs/idl";
import { PublicKey, type GetProgramAccountsFilter } from "@solana/web3.js";
import { IDL, type NftStaking } from "./idl";

/** Names of the program's accounts, as in `program.account` (`"pool"`, `"staker"`, …). */
export type StakingAccountName = NftStaking["accounts"][number]["name"];

/**
 * A field of an account: a top-level field name (`"authority"`), or a dotted path into nested
 * structs and arrays (`"streams.0.mint"`). camelCase or the IDL's snake_case both work.
 */
export type AccountFieldPath<A extends StakingAccountName> =
  | (keyof IdlAccounts<NftStaking>[A] & string)
  | `${keyof IdlAccounts<NftStaking>[A] & string}.${string}`;

/** Where a field sits in an account's data. */
export interface FieldLayout {
  /** Byte offset from the start of the account data (the discriminator included). */
  offset: number;
  /** Size in bytes, or `null` for a variable-size field (a `vec`, `string`, `option`). */
  size: number | null;
}

/** `pending_authority`, `pendingAuthority` and `PendingAuthority` name the same thing. */
function sameName(a: string, b: string): boolean {
  const norm = (name: string) => name.replace(/_/g, "").toLowerCase();
  return norm(a) === norm(b);
}

function typeDef(idl: Idl, name: string): IdlTypeDef {
  const def = idl.types?.find((candidate) => sameName(candidate.name, name));
  if (!def) throw new Error(`type ${name} is not in the IDL`);
  return def;
}

/** The struct fields of a defined type, as `[name, type]` (tuple fields are named "0", "1", …). */
function structFields(idl: Idl, name: string): [string, IdlType][] {
  const def = typeDef(idl, name);
  const packed = def.repr !== undefined && "packed" in def.repr && def.repr.packed === true;
  if (def.serialization !== undefined && def.serialization !== "borsh" && !packed) {
    // bytemuck without `packed`: a C layout with alignment padding the IDL does not spell out
    throw new Error(`type ${name}: an aligned (unpacked) ${String(def.serialization)} layout`);
  }
  const body = def.type;
  if (body.kind !== "struct") throw new Error(`type ${name} is not a struct`);
  const fields = body.fields ?? [];
  return fields.map((field, index): [string, IdlType] =>
    typeof field === "object" && field !== null && "name" in field
      ? [field.name, field.type]
      : [String(index), field as IdlType],
  );
}

const PRIMITIVE_SIZES: Record<string, number> = {
  bool: 1,
  u8: 1,
  i8: 1,
  u16: 2,
  i16: 2,
  u32: 4,
  i32: 4,
  f32: 4,
  u64: 8,
  i64: 8,
  f64: 8,
  u128: 16,
  i128: 16,
  u256: 32,
  i256: 32,
  pubkey: 32,
};

/**
 * Borsh size of an IDL type, or `null` when it has no fixed size (`vec`, `string`, `bytes`,
 * `option`, an enum with data).
 *
 * @example
 * idlTypeSize({ array: ["u8", 32] }); // 32
 * idlTypeSize({ defined: { name: "StakeRecord" } }); // 64
 */
export function idlTypeSize(type: IdlType, idl: Idl = IDL): number | null {
  if (typeof type === "string") return PRIMITIVE_SIZES[type] ?? null;
  if ("array" in type) {
    const [inner, length] = type.array;
    const size = idlTypeSize(inner, idl);
    if (size === null || typeof length !== "number") return null;
    return size * length;
  }
  if ("defined" in type) {
    const def = typeDef(idl, type.defined.name);
    switch (def.type.kind) {
      case "struct": {
        let total = 0;
        for (const [, fieldType] of structFields(idl, def.name)) {
          const size = idlTypeSize(fieldType, idl);
          if (size === null) return null;
          total += size;
        }
        return total;
      }
      case "enum":
        // a fieldless enum is its one-byte variant index
        return def.type.variants.every((variant) => !variant.fields) ? 1 : null;
      case "type":
        return idlTypeSize(def.type.alias, idl);
    }
  }
  return null; // option, coption, vec, generic
}

/** The IDL entry of an account (name in either case). */
function accountEntry(idl: Idl, account: string) {
  const entry = idl.accounts?.find((candidate) => sameName(candidate.name, account));
  if (!entry) throw new Error(`account ${account} is not in the IDL`);
  return entry;
}

/** A type with its aliases (`type X = Y` definitions) followed to what they stand for. */
function resolveAlias(type: IdlType, idl: Idl): IdlType {
  let resolved = type;
  for (let depth = 0; depth < 16; depth++) {
    if (typeof resolved !== "object" || !("defined" in resolved)) return resolved;
    const def = typeDef(idl, resolved.defined.name);
    if (def.type.kind !== "type") return resolved;
    resolved = def.type.alias;
  }
  throw new Error("type aliases nest too deep");
}

/**
 * Offset and size of a field in a type's data, following a dotted path through structs and
 * fixed arrays. Every field before it must have a fixed size.
 */
export function idlFieldLayout(typeName: string, path: string, idl: Idl = IDL): FieldLayout {
  let offset = 0;
  let type: IdlType = { defined: { name: typeName } };
  for (const part of path.split(".")) {
    type = resolveAlias(type, idl);
    if (typeof type === "object" && "array" in type) {
      const [inner, length] = type.array;
      const index = Number(part);
      const size = idlTypeSize(inner, idl);
      if (!Number.isInteger(index) || typeof length !== "number" || index < 0 || index >= length) {
        throw new Error(`${typeName}.${path}: ${part} is not an index of the array`);
      }
      if (size === null) throw new Error(`${typeName}.${path}: array items have no fixed size`);
      offset += size * index;
      type = inner;
      continue;
    }
    if (typeof type !== "object" || !("defined" in type)) {
      throw new Error(`${typeName}.${path}: ${part} is not inside a struct`);
    }
    const def = typeDef(idl, type.defined.name);
    let found: IdlType | null = null;
    for (const [name, fieldType] of structFields(idl, def.name)) {
      if (sameName(name, part)) {
        found = fieldType;
        break;
      }
      const size = idlTypeSize(fieldType, idl);
      if (size === null) {
        throw new Error(`${typeName}.${path}: field ${name} before it has no fixed size`);
      }
      offset += size;
    }
    if (!found) throw new Error(`${typeName}.${path}: no field ${part} in ${def.name}`);
    type = found;
  }
  return { offset, size: idlTypeSize(type, idl) };
}

/**
 * The 8-byte discriminator an account's data starts with, from the IDL.
 *
 * @example
 * accountDiscriminator("pool"); // Buffer [241, 154, 109, 4, 17, 177, 109, 188]
 */
export function accountDiscriminator(account: StakingAccountName, idl: Idl = IDL): Buffer {
  return Buffer.from(accountEntry(idl, account).discriminator);
}

/**
 * Offset and size of an account field in the account's data (discriminator included), from the
 * IDL's type layouts.
 *
 * @example
 * accountFieldLayout("pool", "pendingAuthority"); // { offset: 40, size: 32 }
 */
export function accountFieldLayout<A extends StakingAccountName>(
  account: A,
  field: AccountFieldPath<A>,
  idl: Idl = IDL,
): FieldLayout {
  const entry = accountEntry(idl, account);
  const layout = idlFieldLayout(entry.name, field, idl);
  return { offset: entry.discriminator.length + layout.offset, size: layout.size };
}

/**
 * Byte offset of an account field (discriminator included), for `memcmp` filters.
 *
 * @example
 * accountFieldOffset("staker", "owner"); // 8
 */
export function accountFieldOffset<A extends StakingAccountName>(
  account: A,
  field: AccountFieldPath<A>,
  idl: Idl = IDL,
): number {
  return accountFieldLayout(account, field, idl).offset;
}

/**
 * Size of an account's data with its discriminator. For an account ending in a `vec` (the
 * `Staker` and its records) it is the size with the vec empty (its 4-byte length included).
 *
 * @example
 * accountSize("pool"); // 1088
 */
export function accountSize(account: StakingAccountName, idl: Idl = IDL): number {
  const entry = accountEntry(idl, account);
  let total = entry.discriminator.length;
  const fields = structFields(idl, entry.name);
  fields.forEach(([name, type], index) => {
    const size = idlTypeSize(type, idl);
    if (size !== null) total += size;
    else if (index === fields.length - 1 && typeof type === "object" && "vec" in type) total += 4;
    else throw new Error(`account ${entry.name}: field ${name} has no fixed size`);
  });
  return total;
}

/**
 * The `getProgramAccounts` filter selecting accounts of one type (discriminator at offset 0).
 *
 * @example
 * await connection.getProgramAccounts(PROGRAM_ID, { filters: [discriminatorFilter("perk")] });
 */
export function discriminatorFilter(
  account: StakingAccountName,
  idl: Idl = IDL,
): GetProgramAccountsFilter {
  return {
    memcmp: { offset: 0, bytes: utils.bytes.bs58.encode(accountDiscriminator(account, idl)) },
  };
}

/**
 * A `memcmp` filter matching an account field's bytes (a key, or raw bytes of the field's
 * encoding), at the offset the IDL gives.
 *
 * @example
 * fieldFilter("staker", "owner", wallet.publicKey); // { memcmp: { offset: 8, bytes: "…" } }
 */
export function fieldFilter<A extends StakingAccountName>(
  account: A,
  field: AccountFieldPath<A>,
  value: PublicKey | Uint8Array,
  idl: Idl = IDL,
): GetProgramAccountsFilter {
  const { offset, size } = accountFieldLayout(account, field, idl);
  const bytes = value instanceof PublicKey ? value.toBytes() : value;
  if (size !== null && bytes.length > size) {
    throw new RangeError(`${account}.${field} is ${size} bytes, got ${bytes.length}`);
  }
  return { memcmp: { offset, bytes: utils.bytes.bs58.encode(Buffer.from(bytes)) } };
}
