import { PublicKey, VersionedMessage } from "@solana/web3.js";
import { accountFormat, encodeAccount } from "../encoding";
import { invalidParams } from "../errors";
import type { TxRecord } from "../history";
import { messageFee, decodeWire } from "../txdecode";
import {
  configParam,
  integerParam,
  isRecord,
  pubkeyParam,
  stringArrayParam,
  stringParam,
  withContext,
  type Handler,
} from "../params";
import { decimalsOf } from "./accounts";
import { encodeTransaction, innerInstructionsParsed } from "./transactionJson";

function encodingOf(config: Record<string, unknown>, fallback: string): string {
  const encoding = config.encoding ?? fallback;
  if (typeof encoding !== "string") throw invalidParams("encoding must be a string");
  return encoding;
}

const sendTransaction: Handler = (params, chain) => {
  const encoded = stringParam(params, 0, "transaction");
  const config = configParam(params, 1, chain);
  return chain.send(decodeWire(encoded, encodingOf(config, "base58")));
};

const simulateTransaction: Handler = (params, chain) => {
  const encoded = stringParam(params, 0, "transaction");
  const config = configParam(params, 1, chain);
  const sigVerify = config.sigVerify === true;
  const replaceRecentBlockhash = config.replaceRecentBlockhash === true;
  if (sigVerify && replaceRecentBlockhash) {
    throw invalidParams("sigVerify may not be used with replaceRecentBlockhash");
  }
  let requested: { addresses: string[]; format: ReturnType<typeof accountFormat> } | null = null;
  if (isRecord(config.accounts)) {
    const addresses = stringArrayParam([config.accounts.addresses], 0, "accounts.addresses", 256);
    requested = { addresses, format: accountFormat(config.accounts, "base64") };
    addresses.forEach((_, i) => pubkeyParam(addresses, i, "accounts.addresses"));
  }
  const bytes = decodeWire(encoded, encodingOf(config, "base58"));
  const sim = chain.simulate(bytes, { sigVerify, replaceRecentBlockhash });
  const decimals = decimalsOf(chain);
  const accounts = requested
    ? requested.addresses.map((address) => {
        const account = sim.postAccounts.get(address) ?? chain.getAccount(address);
        return account ? encodeAccount(account, requested.format, decimals) : null;
      })
    : null;
  return withContext(chain, {
    err: sim.err,
    logs: sim.logs,
    accounts,
    unitsConsumed: sim.unitsConsumed,
    returnData: sim.returnData,
    innerInstructions:
      config.innerInstructions === true
        ? innerInstructionsParsed(sim.innerInstructions, sim.accounts)
        : null,
    replacementBlockhash: sim.replacementBlockhash,
    loadedAccountsDataSize: 0,
    fee: sim.fee,
  });
};

function status(record: TxRecord) {
  return {
    slot: record.slot,
    confirmations: null,
    err: record.err,
    status: record.err === null ? { Ok: null } : { Err: record.err },
    confirmationStatus: "finalized",
  };
}

const getSignatureStatuses: Handler = (params, chain) => {
  const signatures = stringArrayParam(params, 0, "signatures", 256);
  configParam(params, 1, chain);
  return withContext(
    chain,
    signatures.map((signature) => {
      const record = chain.history.get(signature);
      return record ? status(record) : null;
    }),
  );
};

const getTransaction: Handler = (params, chain) => {
  const signature = stringParam(params, 0, "signature");
  const config =
    typeof params[1] === "string" ? { encoding: params[1] } : configParam(params, 1, chain);
  const encoding = encodingOf(config, "json");
  if (!["json", "jsonParsed", "base64", "base58"].includes(encoding)) {
    throw invalidParams(`unsupported encoding: ${encoding}`);
  }
  const record = chain.history.get(signature);
  if (!record) return null;
  return encodeTransaction(record, encoding, config.maxSupportedTransactionVersion);
};

const getSignaturesForAddress: Handler = (params, chain) => {
  const address = pubkeyParam(params, 0, "address").toBase58();
  const config = configParam(params, 1, chain);
  const limit = config.limit === undefined ? 1000 : integerParam([config.limit], 0, "limit");
  if (limit < 1 || limit > 1000) throw invalidParams("Invalid limit; max 1000");
  const before = typeof config.before === "string" ? config.before : undefined;
  const until = typeof config.until === "string" ? config.until : undefined;
  return chain.history.forAddress(address, { limit, before, until }).map((record) => ({
    signature: record.signature,
    slot: record.slot,
    err: record.err,
    memo: null,
    blockTime: record.blockTime,
    confirmationStatus: "finalized",
  }));
};

const requestAirdrop: Handler = (params, chain) => {
  const address = pubkeyParam(params, 0);
  const lamports = integerParam(params, 1, "lamports");
  configParam(params, 2, chain);
  if (lamports === 0) throw invalidParams("lamports must be positive");
  return chain.airdrop(new PublicKey(address), BigInt(lamports));
};

const getFeeForMessage: Handler = (params, chain) => {
  const encoded = stringParam(params, 0, "message");
  configParam(params, 1, chain);
  let message: VersionedMessage;
  try {
    message = VersionedMessage.deserialize(Buffer.from(encoded, "base64"));
  } catch (e) {
    throw invalidParams(`failed to deserialize message: ${(e as Error).message}`);
  }
  const valid = chain.clock.isBlockhashValid(message.recentBlockhash);
  return withContext(chain, valid ? messageFee(message) : null);
};

export const transactionMethods: Record<string, Handler> = {
  sendTransaction,
  simulateTransaction,
  getSignatureStatuses,
  getTransaction,
  getSignaturesForAddress,
  requestAirdrop,
  getFeeForMessage,
};
