/**
 * The one bridge between our web3.js 1.x world and LiteSVM 1.x, which speaks `@solana/kit`.
 *
 * The SDK, app, tests and this chain keep `@solana/web3.js` 1.98 and Anchor 0.32 as their API
 * (the wallet adapter and Anchor depend on them). LiteSVM 1.x takes kit types: base58 `Address`
 * strings, `EncodedAccount`s and kit `Transaction`s (`{ messageBytes, signatures }`). This class
 * wraps one LiteSVM and converts at the edge, and nowhere else:
 *
 * - transactions: a web3.js `Transaction` / `VersionedTransaction` (or wire bytes) executes as
 *   its wire bytes, exactly what a validator receives; `toKitTransaction` is the same bytes
 *   through kit's own transaction decoder, for LiteSVM's kit-typed methods. Results
 *   (`TransactionMetadata` / `FailedTransactionMetadata`) are LiteSVM's classes, which carry no
 *   kit types;
 * - accounts: web3.js-shaped `{ lamports: number, data, owner: PublicKey, executable }` in and out.
 *   Reads and writes go to LiteSVM's native binding with 32-byte keys (`native`): its public
 *   wrapper converts every address through kit's base58 codec (BigInt arithmetic) twice per
 *   account, which was a third of the local chain's `getAccountInfo` time.
 *
 * Anything LiteSVM offers that is not wrapped here is reachable through `litesvm`.
 */
import {
  Account,
  Clock,
  EpochSchedule,
  FailedTransactionMetadata,
  LiteSVM,
  SimulatedTransactionInfo,
  TransactionMetadata,
} from "litesvm";
import type { LiteSvm as NativeLiteSvm } from "litesvm/dist/internal";
import {
  getTransactionDecoder,
  lamports as kitLamports,
  type Address,
  type EncodedAccount,
  type Transaction as KitTransaction,
} from "@solana/kit";
import { PublicKey, Transaction, VersionedTransaction } from "@solana/web3.js";

export {
  Clock,
  EpochSchedule,
  FailedTransactionMetadata,
  SimulatedTransactionInfo,
  TransactionMetadata,
};

/** An account as web3.js code reads it (LiteSVM 0.8's shape). */
export interface AccountInfoBytes {
  lamports: number;
  data: Uint8Array;
  owner: PublicKey;
  executable: boolean;
  rentEpoch?: number;
}

/** Anything that names an account: a web3.js key or a base58 string. */
export type AddressLike = PublicKey | string;

/** What can be executed: a signed web3.js transaction, legacy or versioned, or its wire bytes. */
export type TransactionLike = Transaction | VersionedTransaction | Uint8Array;

const transactionDecoder = getTransactionDecoder();

/**
 * A base58 string as a kit `Address`. Not validated again: every caller holds a `PublicKey` or a
 * string the RPC layer already decoded, and LiteSVM rejects a wrong length itself.
 */
export function toAddress(address: AddressLike): Address {
  return (typeof address === "string" ? address : address.toBase58()) as Address;
}

/** Wire bytes of a web3.js transaction (unsigned signatures stay zero, as on the wire). */
export function wireBytes(tx: TransactionLike): Uint8Array {
  if (tx instanceof Uint8Array) return tx;
  if (tx instanceof VersionedTransaction) return tx.serialize();
  return tx.serialize({ requireAllSignatures: false, verifySignatures: false });
}

/** A web3.js transaction (or wire bytes) as the kit `Transaction` LiteSVM 1.x executes. */
export function toKitTransaction(tx: TransactionLike): KitTransaction {
  return transactionDecoder.decode(wireBytes(tx)) as KitTransaction;
}

/** A kit account (LiteSVM 1.x) in the web3.js shape. */
export function fromEncodedAccount(account: EncodedAccount): AccountInfoBytes {
  return {
    lamports: Number(account.lamports),
    // kit types the bytes read-only; LiteSVM hands out a fresh copy, so nothing is shared
    data: account.data as Uint8Array,
    owner: new PublicKey(account.programAddress),
    executable: account.executable,
    rentEpoch: 0,
  };
}

/** 32 key bytes of an address (a `PublicKey`'s own buffer, no base58 for those). */
function keyBytes(address: AddressLike): Uint8Array {
  return typeof address === "string" ? new PublicKey(address).toBytes() : address.toBytes();
}

/** LiteSVM 1.x with a web3.js-shaped surface (see the module comment). */
export class Svm {
  readonly litesvm: LiteSVM;
  /** The napi object behind `litesvm` (a private field of LiteSVM's wrapper, stable since 0.x). */
  private readonly native: NativeLiteSvm;

  constructor(litesvm: LiteSVM = new LiteSVM()) {
    this.litesvm = litesvm;
    this.native = (litesvm as unknown as { inner: NativeLiteSvm }).inner;
  }

  /** LiteSVM with the SPL programs (Token, Token-2022, ATA, Memo, …) and builtins. */
  static withDefaultPrograms(): Svm {
    return new Svm(new LiteSVM().withDefaultPrograms());
  }

  /** The account, or null when LiteSVM has none at that address. */
  getAccount(address: AddressLike): AccountInfoBytes | null {
    const account = this.native.getAccount(keyBytes(address));
    if (!account) return null;
    return {
      lamports: Number(account.lamports()),
      data: account.data(),
      owner: new PublicKey(account.owner()),
      executable: account.executable(),
      rentEpoch: 0,
    };
  }

  /** Writes an account directly, bypassing the runtime (fixtures, snapshots, faucets). */
  setAccount(address: AddressLike, account: AccountInfoBytes): void {
    this.native.setAccount(
      keyBytes(address),
      new Account(
        BigInt(account.lamports),
        account.data,
        account.owner.toBytes(),
        account.executable,
        0n,
      ),
    );
  }

  getBalance(address: AddressLike): bigint | null {
    return this.native.getBalance(keyBytes(address));
  }

  airdrop(address: AddressLike, lamports: bigint): TransactionMetadata | FailedTransactionMetadata {
    const result = this.litesvm.airdrop(toAddress(address), kitLamports(lamports));
    if (!result) throw new Error(`LiteSVM refused an airdrop to ${toAddress(address)}`);
    return result;
  }

  minimumBalanceForRentExemption(dataLen: bigint): bigint {
    return this.litesvm.minimumBalanceForRentExemption(dataLen);
  }

  addProgramFromFile(programId: AddressLike, path: string): void {
    this.litesvm.addProgramFromFile(toAddress(programId), path);
  }

  addProgram(programId: AddressLike, bytes: Uint8Array): void {
    this.litesvm.addProgram(toAddress(programId), bytes);
  }

  /**
   * Executes a transaction, legacy or versioned. Signatures are verified by LiteSVM (unless
   * turned off with `setSigverify`); a missing one is zeros on the wire and fails as
   * `SignatureFailure`, as on a validator.
   *
   * The wire bytes go to LiteSVM's native binding, which is what LiteSVM's own kit-typed
   * `sendTransaction` ends in: that method decodes a kit `Transaction` only to encode the same
   * bytes again (and asserts every signature present in JS first). Skipping the round trip
   * halves the local chain's cost per `sendTransaction`; `toKitTransaction` gives the kit form
   * to code that wants it, and tests/localnet/svm.test.ts proves both paths agree.
   */
  sendTransaction(tx: TransactionLike): TransactionMetadata | FailedTransactionMetadata {
    return this.native.sendVersionedTransaction(wireBytes(tx));
  }

  /** Runs a transaction without committing anything (same path as `sendTransaction`). */
  simulateTransaction(tx: TransactionLike): SimulatedTransactionInfo | FailedTransactionMetadata {
    const result = this.native.simulateVersionedTransaction(wireBytes(tx));
    return result instanceof FailedTransactionMetadata
      ? result
      : new SimulatedTransactionInfo(result);
  }

  /** Turns signature verification on or off for later transactions. */
  setSigverify(sigverify: boolean): void {
    this.litesvm.withSigverify(sigverify);
  }

  latestBlockhash(): string {
    return this.litesvm.latestBlockhash();
  }

  expireBlockhash(): void {
    this.litesvm.expireBlockhash();
  }

  getClock(): Clock {
    return this.litesvm.getClock();
  }

  setClock(clock: Clock): void {
    this.litesvm.setClock(clock);
  }

  setEpochSchedule(schedule: EpochSchedule): void {
    this.litesvm.setEpochSchedule(schedule);
  }
}
