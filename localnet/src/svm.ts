/**
 * The one bridge between our web3.js 1.x world and LiteSVM 1.x, which speaks `@solana/kit`.
 *
 * The SDK, app, tests and this chain keep `@solana/web3.js` 1.98 and Anchor 0.32 as their API
 * (the wallet adapter and Anchor depend on them). LiteSVM 1.x takes kit types: base58 `Address`
 * strings, `EncodedAccount`s and kit `Transaction`s (`{ messageBytes, signatures }`). This class
 * wraps one LiteSVM and converts at the edge, and nowhere else:
 *
 * - transactions: a web3.js `Transaction` / `VersionedTransaction` (or wire bytes) is serialized
 *   and decoded by kit's own transaction decoder, so LiteSVM receives exactly the bytes a
 *   validator would; results (`TransactionMetadata` / `FailedTransactionMetadata`) come back as
 *   LiteSVM's classes, which carry no kit types;
 * - accounts: web3.js-shaped `{ lamports: number, data, owner: PublicKey, executable }` in and out.
 *
 * Anything LiteSVM offers that is not wrapped here is reachable through `litesvm`.
 */
import {
  Clock,
  EpochSchedule,
  FailedTransactionMetadata,
  LiteSVM,
  TransactionMetadata,
  type SimulatedTransactionInfo,
} from "litesvm";
import {
  getTransactionDecoder,
  lamports as kitLamports,
  type Address,
  type EncodedAccount,
  type Transaction as KitTransaction,
} from "@solana/kit";
import { PublicKey, Transaction, VersionedTransaction } from "@solana/web3.js";

export { Clock, EpochSchedule, FailedTransactionMetadata, TransactionMetadata };
export type { SimulatedTransactionInfo };

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

/** LiteSVM 1.x with a web3.js-shaped surface (see the module comment). */
export class Svm {
  readonly litesvm: LiteSVM;

  constructor(litesvm: LiteSVM = new LiteSVM()) {
    this.litesvm = litesvm;
  }

  /** LiteSVM with the SPL programs (Token, Token-2022, ATA, Memo, …) and builtins. */
  static withDefaultPrograms(): Svm {
    return new Svm(new LiteSVM().withDefaultPrograms());
  }

  /** The account, or null when LiteSVM has none at that address. */
  getAccount(address: AddressLike): AccountInfoBytes | null {
    const account = this.litesvm.getAccount(toAddress(address));
    return account.exists ? fromEncodedAccount(account) : null;
  }

  /** Writes an account directly, bypassing the runtime (fixtures, snapshots, faucets). */
  setAccount(address: AddressLike, account: AccountInfoBytes): void {
    this.litesvm.setAccount({
      address: toAddress(address),
      lamports: kitLamports(BigInt(account.lamports)),
      data: account.data,
      programAddress: toAddress(account.owner),
      executable: account.executable,
      space: BigInt(account.data.length),
    });
  }

  getBalance(address: AddressLike): bigint | null {
    return this.litesvm.getBalance(toAddress(address));
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
   * Executes a transaction. Signatures are verified by LiteSVM (unless turned off with
   * `setSigverify`); a transaction with a missing signature fails like a bad one
   * (`SignatureFailure`) instead of throwing in kit's "fully signed" assertion.
   */
  sendTransaction(tx: TransactionLike): TransactionMetadata | FailedTransactionMetadata {
    return this.litesvm.sendTransaction(this.prepare(tx));
  }

  /** Runs a transaction without committing anything. */
  simulateTransaction(tx: TransactionLike): SimulatedTransactionInfo | FailedTransactionMetadata {
    return this.litesvm.simulateTransaction(this.prepare(tx));
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

  /**
   * Kit asserts that every signature is present before LiteSVM verifies them; a missing one is
   * written as zeros instead, so LiteSVM reports `SignatureFailure` as a validator would.
   */
  private prepare(tx: TransactionLike): KitTransaction {
    const kitTx = toKitTransaction(tx);
    if (Object.values(kitTx.signatures).every((signature) => signature !== null)) return kitTx;
    const zero = new Uint8Array(64) as NonNullable<KitTransaction["signatures"][Address]>;
    const signatures = Object.fromEntries(
      Object.entries(kitTx.signatures).map(([signer, signature]) => [signer, signature ?? zero]),
    );
    return { ...kitTx, signatures } as KitTransaction;
  }
}
