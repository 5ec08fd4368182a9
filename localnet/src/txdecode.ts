import {
  AddressLookupTableAccount,
  VersionedTransaction,
  type PublicKey,
  type VersionedMessage,
} from "@solana/web3.js";
import { decodeBase58, encodeBase58 } from "./base58";
import { invalidParams } from "./errors";

/** Largest wire transaction (PACKET_DATA_SIZE) and its encoded sizes. */
export const MAX_TX_BYTES = 1232;
const MAX_BASE64 = 1644;
const MAX_BASE58 = 1683;
const LAMPORTS_PER_SIGNATURE = 5000;
const COMPUTE_BUDGET_PROGRAM = "ComputeBudget111111111111111111111111111111";
const SYSTEM_PROGRAM = "11111111111111111111111111111111";
const TYPE = "solana_transaction::versioned::VersionedTransaction";

/** A transaction as the chain sees it: its keys, their writability, what it costs. */
export interface DecodedTx {
  tx: VersionedTransaction;
  /** The wire bytes as received (already proven to decode by `parseTransaction`). */
  bytes: Uint8Array;
  signature: string;
  version: "legacy" | 0;
  recentBlockhash: string;
  /** Static keys, then keys loaded from lookup tables (writable, then readonly). */
  accounts: string[];
  writable: boolean[];
  loaded: { writable: string[]; readonly: string[] };
  /** Starts with AdvanceNonceAccount: its blockhash is a durable nonce, not a recent blockhash. */
  usesNonce: boolean;
  fee: number;
}

/** Decodes a base64 or base58 wire transaction, with the validator's limits and error texts. */
export function decodeWire(encoded: string, encoding: string): Uint8Array {
  if (encoding === "base64") {
    if (encoded.length > MAX_BASE64) {
      throw invalidParams(
        `base64 encoded ${TYPE} too large: ${encoded.length} bytes (max: encoded/raw ${MAX_BASE64}/${MAX_TX_BYTES})`,
      );
    }
    if (encoded.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(encoded)) {
      throw invalidParams("invalid base64 encoding");
    }
    return Buffer.from(encoded, "base64");
  }
  if (encoding === "base58") {
    if (encoded.length > MAX_BASE58) {
      throw invalidParams(
        `base58 encoded ${TYPE} too large: ${encoded.length} bytes (max: encoded/raw ${MAX_BASE58}/${MAX_TX_BYTES})`,
      );
    }
    try {
      return decodeBase58(encoded);
    } catch {
      throw invalidParams("invalid base58 encoding");
    }
  }
  throw invalidParams(`unsupported encoding: ${encoding}. Supported encodings: base58, base64`);
}

/** Parses wire bytes; every malformed input becomes a -32602 error. */
export function parseTransaction(bytes: Uint8Array): VersionedTransaction {
  if (bytes.length > MAX_TX_BYTES) {
    throw invalidParams(
      `decoded ${TYPE} too large: ${bytes.length} bytes (max: ${MAX_TX_BYTES} bytes)`,
    );
  }
  try {
    const tx = VersionedTransaction.deserialize(bytes);
    if (tx.signatures.length === 0) throw new Error("no signatures");
    return tx;
  } catch (e) {
    throw invalidParams(`failed to deserialize ${TYPE}: ${(e as Error).message}`);
  }
}

/** Reads lookup tables through `getAccountData` (null: missing; LiteSVM then reports the error). */
export function analyze(
  tx: VersionedTransaction,
  bytes: Uint8Array,
  getAccountData: (address: PublicKey) => Uint8Array | null,
): DecodedTx {
  const message = tx.message;
  const staticKeys = message.staticAccountKeys.map((k) => k.toBase58());
  const writable = staticKeys.map((_, i) => message.isAccountWritable(i));
  const loaded = { writable: [] as string[], readonly: [] as string[] };
  for (const lookup of message.addressTableLookups) {
    const data = getAccountData(lookup.accountKey);
    if (!data) continue;
    let addresses: PublicKey[];
    try {
      addresses = AddressLookupTableAccount.deserialize(data).addresses;
    } catch {
      continue;
    }
    for (const i of lookup.writableIndexes) {
      const address = addresses[i];
      if (address) loaded.writable.push(address.toBase58());
    }
    for (const i of lookup.readonlyIndexes) {
      const address = addresses[i];
      if (address) loaded.readonly.push(address.toBase58());
    }
  }
  const first = message.compiledInstructions[0];
  const usesNonce =
    first !== undefined &&
    staticKeys[first.programIdIndex] === SYSTEM_PROGRAM &&
    first.data.length >= 4 &&
    Buffer.from(first.data).readUInt32LE(0) === 4;
  return {
    tx,
    bytes,
    signature: encodeBase58(tx.signatures[0] as Uint8Array),
    version: message.version === "legacy" ? "legacy" : 0,
    recentBlockhash: message.recentBlockhash,
    accounts: [...staticKeys, ...loaded.writable, ...loaded.readonly],
    writable: [
      ...writable,
      ...loaded.writable.map(() => true),
      ...loaded.readonly.map(() => false),
    ],
    loaded,
    usesNonce,
    fee: messageFee(message),
  };
}

/** 5000 lamports per signature plus the priority fee (compute unit price × limit). */
export function messageFee(message: VersionedMessage): number {
  const keys = message.staticAccountKeys;
  let price = 0n;
  let limit: bigint | undefined;
  let others = 0;
  for (const ix of message.compiledInstructions) {
    const data = Buffer.from(ix.data);
    if (keys[ix.programIdIndex]?.toBase58() !== COMPUTE_BUDGET_PROGRAM) {
      others++;
    } else if (data[0] === 2 && data.length >= 5) {
      limit = BigInt(data.readUInt32LE(1));
    } else if (data[0] === 3 && data.length >= 9) {
      price = data.readBigUInt64LE(1);
    }
  }
  const units = limit ?? BigInt(Math.min(200_000 * others, 1_400_000));
  const priority = (price * units + 999_999n) / 1_000_000n;
  return message.header.numRequiredSignatures * LAMPORTS_PER_SIGNATURE + Number(priority);
}
