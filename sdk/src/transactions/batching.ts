import {
  ComputeBudgetProgram,
  PACKET_DATA_SIZE,
  PublicKey,
  Transaction,
  type TransactionInstruction,
} from "@solana/web3.js";
import { MAX_BATCH } from "../constants";

/** Options shared by the transaction builders. */
export interface TransactionOptions {
  /** Fee payer (usually the holder); also pays the rent of accounts a builder creates. */
  feePayer: PublicKey;
  /** Priority fee in micro-lamports per CU; omitted = no priority fee instruction. */
  priorityFeeMicroLamports?: number;
}

/** Options of the builders that split items over several transactions. */
export interface BatchOptions extends TransactionOptions {
  /** Upper bound on items per transaction (default: as many as fit, at most 16). */
  maxPerTransaction?: number;
}

/** Serialized size of a legacy transaction with these instructions and one signature per signer. */
export function legacyTransactionSize(
  instructions: TransactionInstruction[],
  feePayer: PublicKey,
): number {
  const tx = new Transaction({ feePayer, recentBlockhash: PublicKey.default.toBase58() }).add(
    ...instructions,
  );
  const message = tx.serializeMessage();
  const signers = new Set([feePayer.toBase58()]);
  for (const ix of instructions) {
    for (const key of ix.keys) if (key.isSigner) signers.add(key.pubkey.toBase58());
  }
  // compact-u16 signature count (1 byte below 128) + 64 bytes per signature + message
  return 1 + 64 * signers.size + message.length;
}

/** The compute-budget instructions that go first in every transaction. */
export function budgetInstructions(
  units: number,
  options: TransactionOptions,
): TransactionInstruction[] {
  const out = [ComputeBudgetProgram.setComputeUnitLimit({ units: Math.min(units, 1_400_000) })];
  if (options.priorityFeeMicroLamports) {
    out.push(
      ComputeBudgetProgram.setComputeUnitPrice({ microLamports: options.priorityFeeMicroLamports }),
    );
  }
  return out;
}

/**
 * Splits `items` into as few transactions as fit the legacy size limit (1232 bytes), the
 * program's batch limit and `maxPerTransaction`. `build(chunk)` returns the full instruction
 * list of one transaction (compute budget included), so sizes are measured on the real thing.
 */
export async function packIntoTransactions<T>(
  items: T[],
  options: BatchOptions,
  build: (chunk: T[]) => Promise<TransactionInstruction[]>,
): Promise<Transaction[]> {
  const limit = Math.min(options.maxPerTransaction ?? MAX_BATCH, MAX_BATCH);
  const transactions: Transaction[] = [];
  let start = 0;
  while (start < items.length) {
    let best: TransactionInstruction[] | null = null;
    let end = start;
    for (let size = 1; size <= limit && start + size <= items.length; size++) {
      const instructions = await build(items.slice(start, start + size));
      if (legacyTransactionSize(instructions, options.feePayer) > PACKET_DATA_SIZE) break;
      best = instructions;
      end = start + size;
    }
    if (!best) throw new Error("a single item does not fit in one transaction");
    transactions.push(new Transaction({ feePayer: options.feePayer }).add(...best));
    start = end;
  }
  return transactions;
}
