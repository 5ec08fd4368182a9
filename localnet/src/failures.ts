import type { FailedTransactionMetadata } from "./svm";
import {
  ErrorCode,
  RpcError,
  invalidParams,
  transactionErrorJson,
  transactionErrorMessage,
  type TransactionErrorJson,
} from "./errors";
import type { TxRecord } from "./history";

/** The error of a failed run; signature and sanitize failures are request errors, as on a validator. */
export function checkedError(result: FailedTransactionMetadata): TransactionErrorJson {
  const err = transactionErrorJson(result.err());
  if (err === "SignatureFailure") {
    throw new RpcError(
      ErrorCode.TRANSACTION_SIGNATURE_VERIFICATION_FAILURE,
      "Transaction signature verification failure",
    );
  }
  if (
    typeof err === "string" &&
    (err === "SanitizeFailure" || err.includes("AddressLookupTable"))
  ) {
    throw invalidParams(`invalid transaction: ${transactionErrorMessage(err)}`);
  }
  return err;
}

/** The validator's -32002 "Transaction simulation failed" error. */
export function preflightError(
  err: TransactionErrorJson,
  details: { logs?: string[]; unitsConsumed?: number; returnData?: TxRecord["returnData"] } = {},
): RpcError {
  return new RpcError(
    ErrorCode.SEND_TRANSACTION_PREFLIGHT_FAILURE,
    `Transaction simulation failed: ${transactionErrorMessage(err)}`,
    {
      accounts: null,
      err,
      innerInstructions: null,
      logs: details.logs ?? [],
      replacementBlockhash: null,
      returnData: details.returnData ?? null,
      unitsConsumed: details.unitsConsumed ?? 0,
    },
  );
}
