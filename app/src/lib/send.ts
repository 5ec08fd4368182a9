import type {
  Connection,
  Keypair,
  PublicKey,
  SendOptions,
  Transaction,
  TransactionSignature,
} from "@solana/web3.js";
import { TransactionFailedError, describeError } from "./txErrors";

/** The parts of a connected wallet that sending needs (matches `useWallet()`). */
export interface SendingWallet {
  publicKey: PublicKey | null;
  signTransaction?: <T extends Transaction>(transaction: T) => Promise<T>;
  signAllTransactions?: <T extends Transaction>(transactions: T[]) => Promise<T[]>;
  sendTransaction: (
    transaction: Transaction,
    connection: Connection,
    options?: SendOptions,
  ) => Promise<TransactionSignature>;
}

export type TxStatus = "waiting" | "signing" | "sending" | "confirming" | "confirmed" | "failed";

/** Where one transaction of a batch is. */
export interface TxStep {
  status: TxStatus;
  signature?: string;
  error?: string;
}

/** One transaction to send, with any extra keypairs that must sign it (new accounts). */
export interface PreparedTransaction {
  transaction: Transaction;
  signers?: Keypair[];
}

const POLL_MS = 400;
const TIMEOUT_MS = 90_000;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Waits until `signature` is confirmed, polling `getSignatureStatuses` (works on any RPC,
 * WebSocket or not). Throws `TransactionFailedError` (with logs) when it landed and failed, or
 * an expiry error once its blockhash can no longer land.
 */
export async function confirmSignature(
  connection: Connection,
  signature: string,
  lastValidBlockHeight: number,
): Promise<void> {
  const started = Date.now();
  for (let poll = 0; ; poll++) {
    const { value } = await connection.getSignatureStatuses([signature]);
    const status = value[0];
    if (status?.err) {
      const tx = await connection
        .getTransaction(signature, { commitment: "confirmed", maxSupportedTransactionVersion: 0 })
        .catch(() => null);
      throw new TransactionFailedError(signature, status.err, tx?.meta?.logMessages ?? undefined);
    }
    if (status?.confirmationStatus === "confirmed" || status?.confirmationStatus === "finalized") {
      return;
    }
    if (poll % 10 === 9) {
      const height = await connection.getBlockHeight("confirmed");
      if (height > lastValidBlockHeight) {
        throw new Error("The transaction expired before it was confirmed: please try again");
      }
    }
    if (Date.now() - started > TIMEOUT_MS) {
      throw new Error(`No confirmation after ${TIMEOUT_MS / 1000} s (signature ${signature})`);
    }
    await sleep(POLL_MS);
  }
}

/**
 * Signs every transaction with one wallet prompt when the wallet can (`signAllTransactions`),
 * then sends and confirms them in order, reporting each step. Stops at the first failure; the
 * ones after it are reported as not sent. Returns the signatures.
 */
export async function sendTransactions(params: {
  connection: Connection;
  wallet: SendingWallet;
  transactions: PreparedTransaction[];
  onStep: (index: number, step: TxStep) => void;
}): Promise<string[]> {
  const { connection, wallet, transactions, onStep } = params;
  const payer = wallet.publicKey;
  if (!payer) throw new Error("Connect a wallet first");
  const { blockhash, lastValidBlockHeight } = await connection.getLatestBlockhash("confirmed");
  const txs = transactions.map(({ transaction, signers }) => {
    transaction.recentBlockhash = blockhash;
    transaction.feePayer ??= payer;
    if (signers?.length) transaction.partialSign(...signers);
    return transaction;
  });
  const failRest = (from: number, message: string) => {
    for (let i = from; i < txs.length; i++) onStep(i, { status: "failed", error: message });
  };

  txs.forEach((_, index) => onStep(index, { status: "signing" }));
  let signed: Transaction[] | null = null;
  try {
    if (wallet.signAllTransactions) signed = await wallet.signAllTransactions(txs);
    else if (wallet.signTransaction) {
      signed = [];
      for (const tx of txs) signed.push(await wallet.signTransaction(tx));
    }
  } catch (error) {
    failRest(0, describeError(error));
    throw error;
  }

  const signatures: string[] = [];
  for (const [index, tx] of txs.entries()) {
    let signature: string | undefined;
    try {
      onStep(index, { status: "sending" });
      signature = signed
        ? await connection.sendRawTransaction(signed[index]!.serialize(), {
            preflightCommitment: "confirmed",
          })
        : await wallet.sendTransaction(tx, connection, { preflightCommitment: "confirmed" });
      onStep(index, { status: "confirming", signature });
      await confirmSignature(connection, signature, lastValidBlockHeight);
      onStep(index, { status: "confirmed", signature });
      signatures.push(signature);
    } catch (error) {
      onStep(index, { status: "failed", signature, error: describeError(error) });
      failRest(index + 1, "Not sent: an earlier transaction failed");
      throw error;
    }
  }
  return signatures;
}
