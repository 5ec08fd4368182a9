import zlib from "zlib";
import type { AccountInfoBytes } from "./svm";
import { decodeBase58, encodeBase58 } from "./base58";
import { ErrorCode, RpcError, invalidParams } from "./errors";
import { parseTokenData } from "./token";

/**
 * `rentEpoch` of every account since rent collection ended: u64::MAX, which a JS number can only
 * approximate; `toJson` (rpc.ts) writes the exact digits.
 */
export const RENT_EPOCH = 2 ** 64;
const ENCODINGS = ["base64", "base58", "binary", "jsonParsed", "base64+zstd"] as const;
export type AccountEncoding = (typeof ENCODINGS)[number];

/** How to render account data: encoding plus an optional slice. */
export interface AccountFormat {
  encoding: AccountEncoding;
  dataSlice?: { offset: number; length: number };
}

/** A decoded getProgramAccounts filter. */
export type AccountFilter =
  | { dataSize: number }
  | { memcmp: { offset: number; bytes: Uint8Array } }
  | { tokenAccountState: true };

const zstd = (zlib as unknown as { zstdCompressSync?: (data: Uint8Array) => Buffer })
  .zstdCompressSync;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function nonNegativeInteger(value: unknown, name: string): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw invalidParams(`${name} must be a non-negative integer`);
  }
  return value;
}

/** Reads `encoding` and `dataSlice` from a method's config object. */
export function accountFormat(
  config: Record<string, unknown>,
  defaultEncoding: AccountEncoding = "binary",
): AccountFormat {
  const encoding = config.encoding ?? defaultEncoding;
  if (!ENCODINGS.includes(encoding as AccountEncoding)) {
    throw invalidParams(
      `unknown variant \`${String(encoding)}\`, expected one of ${ENCODINGS.join(", ")}`,
    );
  }
  if (encoding === "base64+zstd" && !zstd) {
    throw invalidParams("base64+zstd is not available on this Node.js; use base64");
  }
  const format: AccountFormat = { encoding: encoding as AccountEncoding };
  if (config.dataSlice !== undefined) {
    if (!isRecord(config.dataSlice)) throw invalidParams("dataSlice must be { offset, length }");
    format.dataSlice = {
      offset: nonNegativeInteger(config.dataSlice.offset, "dataSlice.offset"),
      length: nonNegativeInteger(config.dataSlice.length, "dataSlice.length"),
    };
  }
  return format;
}

function encodeData(
  data: Uint8Array,
  format: AccountFormat,
  owner: string,
  decimalsOf: (mint: string) => number,
): unknown {
  if (format.encoding === "jsonParsed" && !format.dataSlice) {
    const parsed = parseTokenData(owner, data, decimalsOf);
    if (parsed) return parsed;
  }
  const slice = format.dataSlice
    ? data.subarray(format.dataSlice.offset, format.dataSlice.offset + format.dataSlice.length)
    : data;
  switch (format.encoding) {
    case "base58":
    case "binary":
      if (slice.length > 128) {
        throw new RpcError(
          ErrorCode.INVALID_REQUEST,
          "Encoded binary (base 58) data should be less than 128 bytes, please use Base64 encoding.",
        );
      }
      return format.encoding === "binary" ? encodeBase58(slice) : [encodeBase58(slice), "base58"];
    case "base64+zstd":
      return [(zstd as (d: Uint8Array) => Buffer)(slice).toString("base64"), "base64+zstd"];
    default:
      return [Buffer.from(slice).toString("base64"), "base64"];
  }
}

/** Base58 of owners seen so far: a handful of programs own almost every account. */
const OWNER_NAMES = new Map<string, string>();

/** `owner.toBase58()`, remembered (base58 encoding is the slow part of answering an account). */
function ownerName(owner: AccountInfoBytes["owner"]): string {
  const key = Buffer.from(owner.toBytes()).toString("latin1");
  let name = OWNER_NAMES.get(key);
  if (name === undefined) {
    name = owner.toBase58();
    if (OWNER_NAMES.size < 4_096) OWNER_NAMES.set(key, name);
  }
  return name;
}

/** An account in the RPC's JSON shape. */
export function encodeAccount(
  account: AccountInfoBytes,
  format: AccountFormat,
  decimalsOf: (mint: string) => number,
): Record<string, unknown> {
  const owner = ownerName(account.owner);
  return {
    data: encodeData(account.data, format, owner, decimalsOf),
    executable: account.executable,
    lamports: account.lamports,
    owner,
    rentEpoch: RENT_EPOCH,
    space: account.data.length,
  };
}

/** Parses getProgramAccounts filters (at most 4, as on a validator). */
export function parseFilters(raw: unknown): AccountFilter[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw invalidParams("filters must be an array");
  if (raw.length > 4) throw invalidParams("Too many filters provided; max 4");
  return raw.map((filter): AccountFilter => {
    if (!isRecord(filter)) throw invalidParams("invalid filter");
    if ("dataSize" in filter) return { dataSize: nonNegativeInteger(filter.dataSize, "dataSize") };
    if ("tokenAccountState" in filter) return { tokenAccountState: true };
    const memcmp = filter.memcmp;
    if (!isRecord(memcmp) || typeof memcmp.bytes !== "string")
      throw invalidParams("invalid filter");
    const offset = nonNegativeInteger(memcmp.offset, "memcmp.offset");
    const encoding = memcmp.encoding ?? "base58";
    let bytes: Uint8Array;
    if (encoding === "base58") {
      if (memcmp.bytes.length > 175) throw invalidParams("memcmp.bytes: encoded data too large");
      try {
        bytes = decodeBase58(memcmp.bytes);
      } catch {
        throw invalidParams("memcmp.bytes: invalid base58");
      }
    } else if (encoding === "base64") {
      bytes = Buffer.from(memcmp.bytes, "base64");
    } else {
      throw invalidParams(`memcmp.encoding: unsupported ${String(encoding)}`);
    }
    if (bytes.length > 128) throw invalidParams("memcmp.bytes: more than 128 bytes");
    return { memcmp: { offset, bytes } };
  });
}

/** Whether account data passes every filter. */
export function matchesFilters(data: Uint8Array, filters: AccountFilter[]): boolean {
  for (const filter of filters) {
    if ("dataSize" in filter) {
      if (data.length !== filter.dataSize) return false;
    } else if ("memcmp" in filter) {
      const { offset, bytes } = filter.memcmp;
      if (offset + bytes.length > data.length) return false;
      for (let i = 0; i < bytes.length; i++) if (data[offset + i] !== bytes[i]) return false;
    } else if (data.length < 165 || data[108] === 0) {
      return false; // tokenAccountState: an initialized token account
    }
  }
  return true;
}
