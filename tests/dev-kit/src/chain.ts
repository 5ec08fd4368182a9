import path from "path";
import {
  Keypair,
  LAMPORTS_PER_SOL,
  PublicKey,
  Transaction,
  type TransactionInstruction,
} from "@solana/web3.js";
import { PROGRAM_ID } from "@nft-staking/sdk";
import { Svm, TransactionMetadata, type FailedTransactionMetadata } from "@nft-staking/localnet";

/** The real SBF program built by `npm run build`. */
export const PROGRAM_SO = path.join(
  __dirname,
  "..",
  "..",
  "..",
  "target",
  "deploy",
  "nft_staking.so",
);

/** Outcome of one transaction: logs and compute units, plus the error when it failed. */
export interface TxResult {
  ok: boolean;
  logs: string[];
  computeUnits: number;
  /** Custom program error code, when the failure was one. */
  customCode?: number;
  /** LiteSVM's description of the failure. */
  error?: string;
}

/** A LiteSVM chain with the real SPL programs and our program loaded. */
export class TestChain {
  /** LiteSVM 1.x behind the web3.js adapter (`localnet/src/svm.ts`). */
  readonly svm: Svm;

  constructor() {
    this.svm = Svm.withDefaultPrograms();
    this.svm.addProgramFromFile(PROGRAM_ID, PROGRAM_SO);
  }

  /**
   * A new keypair holding `sol` SOL. Pass `seed` for a fixed key (benchmarks: PDA bump searches,
   * and so compute units, depend on the addresses).
   */
  fundedKeypair(sol = 10, seed?: number): Keypair {
    const keypair =
      seed === undefined ? Keypair.generate() : Keypair.fromSeed(new Uint8Array(32).fill(seed));
    this.svm.airdrop(keypair.publicKey, BigInt(sol * LAMPORTS_PER_SOL));
    return keypair;
  }

  /** Signs with `signers` (the first pays fees) and executes. Never throws on program errors. */
  send(instructions: TransactionInstruction[], signers: Keypair[]): TxResult {
    const [feePayer] = signers;
    if (!feePayer) throw new Error("send needs at least one signer");
    const tx = new Transaction().add(...instructions);
    tx.feePayer = feePayer.publicKey;
    tx.recentBlockhash = this.svm.latestBlockhash();
    tx.sign(...signers);
    const result = this.svm.sendTransaction(tx);
    this.svm.expireBlockhash(); // identical retries in a test must not be deduplicated
    if (result instanceof TransactionMetadata) {
      return { ok: true, logs: result.logs(), computeUnits: Number(result.computeUnitsConsumed()) };
    }
    return failure(result);
  }

  /** The chain's unix time. */
  now(): bigint {
    return this.svm.getClock().unixTimestamp;
  }

  /** Moves the clock forward by `seconds` (and the slot by as many). */
  warp(seconds: number | bigint): void {
    const clock = this.svm.getClock();
    clock.unixTimestamp += BigInt(seconds);
    clock.slot += BigInt(seconds);
    this.svm.setClock(clock);
  }

  /** Lamports, owner and data of an account (or null). */
  account(address: PublicKey): AccountSnapshot | null {
    const account = this.svm.getAccount(address);
    if (!account) return null;
    return {
      lamports: BigInt(account.lamports),
      owner: account.owner.toBase58(),
      data: Buffer.from(account.data).toString("hex"),
    };
  }

  /** Snapshots several accounts, to assert later that a failed transaction changed nothing. */
  snapshot(addresses: PublicKey[]): Map<string, AccountSnapshot | null> {
    return new Map(addresses.map((address) => [address.toBase58(), this.account(address)]));
  }
}

/** What a test compares to prove an account did not change. */
export interface AccountSnapshot {
  lamports: bigint;
  owner: string;
  data: string;
}

function failure(result: FailedTransactionMetadata): TxResult {
  const meta = result.meta();
  const err = result.err();
  // litesvm does not export its error classes: an instruction error has `err()`, and a
  // custom program error inside it has a numeric `code`.
  let customCode: number | undefined;
  const instructionError = err as { err?: () => unknown };
  if (typeof instructionError.err === "function") {
    const inner = instructionError.err() as { code?: unknown };
    if (typeof inner.code === "number") customCode = inner.code;
  }
  return {
    ok: false,
    logs: meta.logs(),
    computeUnits: Number(meta.computeUnitsConsumed()),
    customCode,
    error: err.toString(),
  };
}

/** Throws (with the logs) unless the transaction succeeded: setup steps and tests alike. */
export function assertOk(result: TxResult, context = "transaction"): void {
  if (!result.ok) throw new Error(`${context} failed: ${result.error}\n${result.logs.join("\n")}`);
}
