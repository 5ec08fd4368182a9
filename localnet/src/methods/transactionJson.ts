import { VersionedTransaction } from "@solana/web3.js";
import { encodeBase58 } from "../base58";
import { ErrorCode, RpcError } from "../errors";
import type { TxRecord } from "../history";

/** Inner instructions in the "partially decoded" form of jsonParsed answers. */
export function innerInstructionsParsed(
  inner: TxRecord["innerInstructions"],
  accounts: string[],
): unknown[] {
  return inner.map(({ index, instructions }) => ({
    index,
    instructions: instructions.map((ix) => ({
      programId: accounts[ix.programIdIndex],
      accounts: ix.accounts.map((i) => accounts[i]),
      data: ix.data,
      stackHeight: ix.stackHeight,
    })),
  }));
}

function messageJson(tx: VersionedTransaction, record: TxRecord, parsed: boolean): unknown {
  const message = tx.message;
  const staticCount = message.staticAccountKeys.length;
  const writableLoaded = record.loadedAddresses.writable.length;
  const isWritable = (i: number) =>
    i < staticCount ? message.isAccountWritable(i) : i < staticCount + writableLoaded;
  const instructions = message.compiledInstructions.map((ix) =>
    parsed
      ? {
          programId: record.accounts[ix.programIdIndex],
          accounts: ix.accountKeyIndexes.map((i) => record.accounts[i]),
          data: encodeBase58(ix.data),
          stackHeight: null,
        }
      : {
          programIdIndex: ix.programIdIndex,
          accounts: ix.accountKeyIndexes,
          data: encodeBase58(ix.data),
          stackHeight: null,
        },
  );
  const lookups = message.addressTableLookups.map((lookup) => ({
    accountKey: lookup.accountKey.toBase58(),
    writableIndexes: lookup.writableIndexes,
    readonlyIndexes: lookup.readonlyIndexes,
  }));
  return {
    accountKeys: parsed
      ? record.accounts.map((pubkey, i) => ({
          pubkey,
          signer: i < message.header.numRequiredSignatures,
          writable: isWritable(i),
          source: i < staticCount ? "transaction" : "lookupTable",
        }))
      : message.staticAccountKeys.map((key) => key.toBase58()),
    ...(parsed ? {} : { header: message.header }),
    instructions,
    recentBlockhash: message.recentBlockhash,
    ...(record.version === 0 ? { addressTableLookups: lookups } : {}),
  };
}

/** A `getTransaction` answer for `record` in `encoding` (json, jsonParsed, base64, base58). */
export function encodeTransaction(
  record: TxRecord,
  encoding: string,
  maxSupportedTransactionVersion: unknown,
): unknown {
  if (record.version === 0 && maxSupportedTransactionVersion === undefined) {
    throw new RpcError(
      ErrorCode.UNSUPPORTED_TRANSACTION_VERSION,
      'Transaction version (0) is not supported by the requesting client. Please try the request again with the following configuration parameter: "maxSupportedTransactionVersion": 0',
    );
  }
  const bytes = Buffer.from(record.transaction, "base64");
  const parsed = encoding === "jsonParsed";
  let transaction: unknown;
  if (encoding === "base64") {
    transaction = [record.transaction, "base64"];
  } else if (encoding === "base58") {
    transaction = [encodeBase58(bytes), "base58"];
  } else {
    const tx = VersionedTransaction.deserialize(bytes);
    transaction = {
      signatures: tx.signatures.map((signature) => encodeBase58(signature)),
      message: messageJson(tx, record, parsed),
    };
  }
  const meta = {
    err: record.err,
    status: record.err === null ? { Ok: null } : { Err: record.err },
    fee: record.fee,
    preBalances: record.preBalances,
    postBalances: record.postBalances,
    innerInstructions: parsed
      ? innerInstructionsParsed(record.innerInstructions, record.accounts)
      : record.innerInstructions,
    logMessages: record.logs,
    preTokenBalances: record.preTokenBalances,
    postTokenBalances: record.postTokenBalances,
    rewards: [],
    loadedAddresses: record.loadedAddresses,
    computeUnitsConsumed: record.computeUnits,
    ...(record.returnData ? { returnData: record.returnData } : {}),
  };
  return {
    slot: record.slot,
    blockTime: record.blockTime,
    transaction,
    meta,
    ...(maxSupportedTransactionVersion === undefined ? {} : { version: record.version }),
  };
}
