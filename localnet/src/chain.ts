import { randomBytes } from "crypto";
import { Keypair, PublicKey } from "@solana/web3.js";
import { LiteSVM } from "litesvm";
import { encodeBase58 } from "./base58";
import { ChainClock } from "./clock";
import { Faucet } from "./faucet";
import type { TransactionErrorJson } from "./errors";
import { checkedError, preflightError } from "./failures";
import { TxHistory, type TxRecord } from "./history";
import { buildRecord, decimalsResolver, innerInstructions, returnData } from "./meta";
import type { SnapshotAccount, SnapshotFile } from "./snapshot";
import {
  FailedTransactionMetadata,
  Svm,
  fromEncodedAccount,
  type AccountInfoBytes,
  type SimulatedTransactionInfo,
} from "./svm";
import { AccountIndex } from "./tracker";
import { analyze, parseTransaction, type DecodedTx } from "./txdecode";

/** Owners whose accounts are never snapshotted: programs are re-loaded on every start. */
const UNSNAPSHOTTED_OWNERS = new Set([
  "Sysvar1111111111111111111111111111111111111",
  "NativeLoader1111111111111111111111111111111",
  "BPFLoader1111111111111111111111111111111111",
  "BPFLoader2111111111111111111111111111111111",
  "BPFLoaderUpgradeab1e11111111111111111111111",
  "LoaderV411111111111111111111111111111111111",
]);

/** The account fields a client may write. */
export interface AccountInput {
  lamports: number;
  data: Uint8Array;
  owner: PublicKey;
  executable: boolean;
}

/** What `simulateTransaction` reports, before encoding. */
export interface Simulation {
  err: TransactionErrorJson | null;
  logs: string[];
  unitsConsumed: number;
  returnData: TxRecord["returnData"];
  innerInstructions: TxRecord["innerInstructions"];
  /** The transaction's keys, to resolve inner instruction indexes. */
  accounts: string[];
  /** Accounts as the transaction would leave them. */
  postAccounts: Map<string, AccountInfoBytes>;
  fee: number;
  replacementBlockhash: { blockhash: string; lastValidBlockHeight: number } | null;
}

/** LiteSVM plus what a validator adds: a clock, account tracking, history and events. */
export class Chain {
  readonly svm: Svm;
  readonly clock: ChainClock;
  readonly index = new AccountIndex();
  readonly history = new TxHistory();
  readonly genesisHash: string;
  readonly identity: string;
  transactionCount: number;
  /** State changed since the last snapshot. */
  dirty = false;
  /** host:port of the HTTP endpoint (getClusterNodes). */
  rpcAddress = "";
  private readonly faucet: Faucet;
  private readonly txListeners = new Set<(record: TxRecord) => void>();
  private readonly accountListeners = new Set<(address: string) => void>();

  constructor(programs: { programId: PublicKey; path: string }[], snapshot: SnapshotFile | null) {
    this.svm = new Svm(
      new LiteSVM()
        .withDefaultPrograms()
        .withNativeMints()
        .withBlockhashCheck(false) // the clock checks blockhashes: LiteSVM only knows the latest
        .withTransactionHistory(0n), // the history here deduplicates
    );
    for (const program of programs) {
      try {
        this.svm.addProgramFromFile(program.programId, program.path);
      } catch (e) {
        throw new Error(
          `cannot load ${program.programId.toBase58()} from ${program.path}: ${(e as Error).message}`,
        );
      }
    }
    this.clock = new ChainClock(this.svm, snapshot?.clock);
    this.genesisHash = snapshot?.genesisHash ?? encodeBase58(randomBytes(32));
    this.identity = snapshot?.identity ?? Keypair.generate().publicKey.toBase58();
    this.transactionCount = snapshot?.transactionCount ?? 0;
    for (const [address, lamports, owner, data] of snapshot?.accounts ?? []) {
      this.svm.setAccount(new PublicKey(address), {
        lamports: Number(lamports),
        data: Buffer.from(data, "base64"),
        owner: new PublicKey(owner),
        executable: false,
      });
      this.index.update(address, owner);
    }
    for (const record of snapshot?.history ?? []) this.history.add(record);
    this.faucet = new Faucet(this.svm);
  }

  /** Calls `listener` after each processed transaction. Returns the unsubscribe function. */
  onTransaction(listener: (record: TxRecord) => void): () => void {
    this.txListeners.add(listener);
    return () => this.txListeners.delete(listener);
  }

  /** Calls `listener` with each address a transaction or `setAccount` wrote. */
  onAccountWrite(listener: (address: string) => void): () => void {
    this.accountListeners.add(listener);
    return () => this.accountListeners.delete(listener);
  }

  /** The account, or null if it does not exist (LiteSVM keeps emptied accounts around). */
  getAccount(address: string | PublicKey): AccountInfoBytes | null {
    const account = this.svm.getAccount(address);
    return account && (account.lamports > 0 || account.data.length > 0) ? account : null;
  }

  /** Executes a wire transaction with preflight semantics: a failure changes nothing. */
  send(bytes: Uint8Array): string {
    this.clock.sync();
    const decoded = this.decode(bytes);
    if (this.history.get(decoded.signature)) throw preflightError("AlreadyProcessed");
    if (!decoded.usesNonce && !this.clock.isBlockhashValid(decoded.recentBlockhash)) {
      throw preflightError("BlockhashNotFound");
    }
    return this.execute(decoded).signature;
  }

  /** Runs a wire transaction without committing it. */
  simulate(
    bytes: Uint8Array,
    options: { sigVerify: boolean; replaceRecentBlockhash: boolean },
  ): Simulation {
    this.clock.sync();
    const tx = parseTransaction(bytes);
    let replacementBlockhash: Simulation["replacementBlockhash"] = null;
    if (options.replaceRecentBlockhash) {
      tx.message.recentBlockhash = this.clock.latestBlockhash;
      replacementBlockhash = {
        blockhash: this.clock.latestBlockhash,
        lastValidBlockHeight: this.clock.lastValidBlockHeight(),
      };
    }
    // re-serialized only when the blockhash was replaced (the message changed)
    const decoded = this.decode(options.replaceRecentBlockhash ? tx.serialize() : bytes);
    const empty: Simulation = {
      err: "BlockhashNotFound",
      logs: [],
      unitsConsumed: 0,
      returnData: null,
      innerInstructions: [],
      accounts: decoded.accounts,
      postAccounts: new Map(),
      fee: decoded.fee,
      replacementBlockhash,
    };
    this.svm.setSigverify(options.sigVerify);
    let result: SimulatedTransactionInfo | FailedTransactionMetadata;
    try {
      result = this.svm.simulateTransaction(decoded.bytes);
    } finally {
      this.svm.setSigverify(true);
    }
    const err = result instanceof FailedTransactionMetadata ? checkedError(result) : null;
    // signatures are verified first, as on a validator; then the blockhash
    if (!decoded.usesNonce && !this.clock.isBlockhashValid(decoded.recentBlockhash)) return empty;
    if (result instanceof FailedTransactionMetadata) {
      const meta = result.meta();
      return {
        ...empty,
        err,
        logs: meta.logs(),
        unitsConsumed: Number(meta.computeUnitsConsumed()),
        innerInstructions: innerInstructions(meta),
        returnData: returnData(meta),
      };
    }
    const meta = result.meta();
    const postAccounts = new Map<string, AccountInfoBytes>();
    for (const account of result.postAccounts()) {
      postAccounts.set(account.address, fromEncodedAccount(account));
    }
    return {
      ...empty,
      err: null,
      logs: meta.logs(),
      unitsConsumed: Number(meta.computeUnitsConsumed()),
      innerInstructions: innerInstructions(meta),
      returnData: returnData(meta),
      postAccounts,
    };
  }

  /** Transfers `lamports` from the chain's faucet; returns the transaction signature. */
  airdrop(address: PublicKey, lamports: bigint): string {
    this.clock.sync();
    for (let attempt = 0; ; attempt++) {
      const bytes = this.faucet.transfer(address, lamports, this.clock.latestBlockhash, attempt);
      const decoded = this.decode(bytes);
      if (!this.history.get(decoded.signature)) return this.execute(decoded).signature;
    }
  }

  /** Writes an account directly (tracked, so it is snapshotted). */
  setAccount(address: PublicKey, account: AccountInput): void {
    this.svm.setAccount(address, account);
    const key = address.toBase58();
    this.index.update(key, account.lamports > 0 ? account.owner.toBase58() : null);
    this.dirty = true;
    for (const listener of this.accountListeners) listener(key);
  }

  /** The state to persist: tracked accounts (not programs), clock and recent history. */
  toSnapshot(): SnapshotFile {
    const accounts: SnapshotAccount[] = [];
    for (const address of this.index.addresses()) {
      const account = this.getAccount(address);
      if (!account || account.executable) continue;
      const owner = account.owner.toBase58();
      if (UNSNAPSHOTTED_OWNERS.has(owner)) continue;
      const data = Buffer.from(account.data).toString("base64");
      accounts.push([address, String(account.lamports), owner, data]);
    }
    return {
      version: 1,
      genesisHash: this.genesisHash,
      identity: this.identity,
      transactionCount: this.transactionCount,
      clock: this.clock.toJSON(),
      accounts,
      history: this.history.all(),
    };
  }

  private decode(bytes: Uint8Array): DecodedTx {
    return analyze(parseTransaction(bytes), bytes, (key) => this.svm.getAccount(key)?.data ?? null);
  }

  private execute(decoded: DecodedTx): TxRecord {
    const keys = decoded.accounts.map((address) => new PublicKey(address));
    const pre = keys.map((key) => this.svm.getAccount(key));
    const result = this.svm.sendTransaction(decoded.bytes);
    if (result instanceof FailedTransactionMetadata) {
      // LiteSVM charged the fee (and advanced a nonce): undo, as a failed preflight changes nothing
      const payer = pre[0];
      const payerKey = keys[0];
      if (payer && payerKey) this.svm.setAccount(payerKey, payer);
      const nonceIndex = decoded.usesNonce
        ? decoded.tx.message.compiledInstructions[0]?.accountKeyIndexes[0]
        : undefined;
      const nonce = nonceIndex === undefined ? undefined : pre[nonceIndex];
      const nonceKey = nonceIndex === undefined ? undefined : keys[nonceIndex];
      if (nonce && nonceKey) this.svm.setAccount(nonceKey, nonce);
      const err = checkedError(result);
      const meta = result.meta();
      throw preflightError(err, {
        logs: meta.logs(),
        unitsConsumed: Number(meta.computeUnitsConsumed()),
        returnData: returnData(meta),
      });
    }
    const post = keys.map((key, i) =>
      decoded.writable[i] ? this.svm.getAccount(key) : (pre[i] ?? null),
    );
    const lookup = (mint: string) => {
      const i = decoded.accounts.indexOf(mint);
      return i >= 0 ? (post[i] ?? null) : this.getAccount(mint);
    };
    const record = buildRecord(
      decoded,
      result,
      pre,
      post,
      this.clock.slot,
      this.clock.unixTimestamp,
      decimalsResolver(lookup),
    );
    this.history.add(record);
    this.transactionCount++;
    this.dirty = true;
    const faucet = this.faucet.address;
    const written: string[] = [];
    decoded.accounts.forEach((address, i) => {
      if (!decoded.writable[i] || address === faucet) return;
      const account = post[i];
      this.index.update(address, account && account.lamports > 0 ? account.owner.toBase58() : null);
      written.push(address);
    });
    for (const listener of this.txListeners) listener(record);
    for (const address of written) for (const listener of this.accountListeners) listener(address);
    return record;
  }
}
