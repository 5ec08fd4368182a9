import { customErrorCode, parseComputeBudgetExceeded, parseStakingError } from "@nft-staking/sdk";

export { customErrorCode };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** A transaction that landed and failed: carries the status error from the chain. */
export class TransactionFailedError extends Error {
  override name = "TransactionFailedError";
  constructor(
    readonly signature: string,
    readonly statusError: unknown,
    readonly logs?: string[],
  ) {
    super(`Transaction ${signature} failed: ${JSON.stringify(statusError)}`);
  }
}

/**
 * The program's own message for anything a send can throw (simulation failures, wallet
 * wrappers, failed confirmations), or `null` when the failure is not a program error. The SDK
 * reads every shape (`parseStakingError`); this file only words what it finds.
 */
export function programErrorMessage(error: unknown): string | null {
  return parseStakingError(error)?.message ?? null;
}

/** A short, human message for a failed action: the program's message when it is one. */
export function describeError(error: unknown): string {
  const program = programErrorMessage(error);
  if (program) return program;
  // "Program failed to complete" alone tells a holder nothing: say it ran out of compute.
  const outOfCompute = parseComputeBudgetExceeded(
    error instanceof TransactionFailedError ? { logs: error.logs } : error,
  );
  if (outOfCompute) return outOfCompute.message;
  if (error instanceof TransactionFailedError) {
    const code = customErrorCode(error.statusError);
    return code === null
      ? `The transaction failed: ${JSON.stringify(error.statusError)}`
      : `The transaction failed with custom error ${code}`;
  }
  if (isRecord(error)) {
    // web3.js SendTransactionError: its `transactionMessage` is the useful line.
    if (typeof error.transactionMessage === "string") {
      return error.transactionMessage.replace(/^Transaction simulation failed: /, "");
    }
    if ("error" in error && isRecord(error.error)) {
      const inner = describeError(error.error);
      if (inner) return inner;
    }
    if (typeof error.message === "string" && error.message.trim() !== "") {
      return error.message
        .split("\n")[0]!
        .replace(/^Simulation failed\.\s*/, "")
        .trim();
    }
    if (error.name === "WalletSignTransactionError") return "The wallet did not sign";
  }
  return typeof error === "string" && error ? error : "Something went wrong";
}
