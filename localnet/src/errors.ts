/** JSON-RPC errors and LiteSVM transaction errors in the validator's JSON and text shapes. */

/** Standard JSON-RPC codes and the Solana server codes this chain uses. */
export const ErrorCode = {
  PARSE_ERROR: -32700,
  INVALID_REQUEST: -32600,
  METHOD_NOT_FOUND: -32601,
  INVALID_PARAMS: -32602,
  INTERNAL_ERROR: -32603,
  /** Preflight simulation failed (`data` holds err, logs, unitsConsumed…). */
  SEND_TRANSACTION_PREFLIGHT_FAILURE: -32002,
  TRANSACTION_SIGNATURE_VERIFICATION_FAILURE: -32003,
  BLOCK_NOT_AVAILABLE: -32004,
  UNSUPPORTED_TRANSACTION_VERSION: -32015,
  MIN_CONTEXT_SLOT_NOT_REACHED: -32016,
} as const;

/** An error answered to the client as a JSON-RPC `error` object. */
export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
  }
}

/** `-32602 Invalid params: …`. */
export function invalidParams(detail: string): RpcError {
  return new RpcError(ErrorCode.INVALID_PARAMS, `Invalid params: ${detail}`);
}

/** A transaction error as the validator serializes it (`"BlockhashNotFound"`, `{InstructionError: …}`). */
export type TransactionErrorJson = string | Record<string, unknown>;

const TRANSACTION_ERRORS = [
  "AccountInUse", "AccountLoadedTwice", "AccountNotFound", "ProgramAccountNotFound",
  "InsufficientFundsForFee", "InvalidAccountForFee", "AlreadyProcessed", "BlockhashNotFound",
  "CallChainTooDeep", "MissingSignatureForFee", "InvalidAccountIndex", "SignatureFailure",
  "InvalidProgramForExecution", "SanitizeFailure", "ClusterMaintenance", "AccountBorrowOutstanding",
  "WouldExceedMaxBlockCostLimit", "UnsupportedVersion", "InvalidWritableAccount",
  "WouldExceedMaxAccountCostLimit", "WouldExceedAccountDataBlockLimit", "TooManyAccountLocks",
  "AddressLookupTableNotFound", "InvalidAddressLookupTableOwner", "InvalidAddressLookupTableData",
  "InvalidAddressLookupTableIndex", "InvalidRentPayingAccount", "WouldExceedMaxVoteCostLimit",
  "WouldExceedAccountDataTotalLimit", "MaxLoadedAccountsDataSizeExceeded", "ResanitizationNeeded",
  "InvalidLoadedAccountsDataSizeLimit", "UnbalancedTransaction", "ProgramCacheHitMaxLimit",
  "CommitCancelled",
]; // prettier-ignore

const INSTRUCTION_ERRORS = [
  "GenericError", "InvalidArgument", "InvalidInstructionData", "InvalidAccountData",
  "AccountDataTooSmall", "InsufficientFunds", "IncorrectProgramId", "MissingRequiredSignature",
  "AccountAlreadyInitialized", "UninitializedAccount", "UnbalancedInstruction", "ModifiedProgramId",
  "ExternalAccountLamportSpend", "ExternalAccountDataModified", "ReadonlyLamportChange",
  "ReadonlyDataModified", "DuplicateAccountIndex", "ExecutableModified", "RentEpochModified",
  "NotEnoughAccountKeys", "AccountDataSizeChanged", "AccountNotExecutable", "AccountBorrowFailed",
  "AccountBorrowOutstanding", "DuplicateAccountOutOfSync", "InvalidError", "ExecutableDataModified",
  "ExecutableLamportChange", "ExecutableAccountNotRentExempt", "UnsupportedProgramId", "CallDepth",
  "MissingAccount", "ReentrancyNotAllowed", "MaxSeedLengthExceeded", "InvalidSeeds", "InvalidRealloc",
  "ComputationalBudgetExceeded", "PrivilegeEscalation", "ProgramEnvironmentSetupFailure",
  "ProgramFailedToComplete", "ProgramFailedToCompile", "Immutable", "IncorrectAuthority",
  "AccountNotRentExempt", "InvalidAccountOwner", "ArithmeticOverflow", "UnsupportedSysvar",
  "IllegalOwner", "MaxAccountsDataAllocationsExceeded", "MaxAccountsExceeded",
  "MaxInstructionTraceLengthExceeded", "BuiltinProgramsMustConsumeComputeUnits", "BorshIoError",
]; // prettier-ignore

/** The validator's text for the common errors (agave's `Display`); others are humanized. */
const MESSAGES: Record<string, string> = {
  AccountNotFound: "Attempt to debit an account but found no record of a prior credit.",
  ProgramAccountNotFound: "Attempt to load a program that does not exist",
  InsufficientFundsForFee: "Insufficient funds for fee",
  AlreadyProcessed: "This transaction has already been processed",
  BlockhashNotFound: "Blockhash not found",
  SignatureFailure: "Transaction did not pass signature verification",
  SanitizeFailure: "Transaction failed to sanitize accounts offsets correctly",
  AddressLookupTableNotFound: "Transaction loads an address table account that doesn't exist",
  GenericError: "generic instruction error",
  InvalidArgument: "invalid program argument",
  InvalidInstructionData: "invalid instruction data",
  InvalidAccountData: "invalid account data for instruction",
  AccountDataTooSmall: "account data too small for instruction",
  InsufficientFunds: "insufficient funds for instruction",
  IncorrectProgramId: "incorrect program id for instruction",
  MissingRequiredSignature: "missing required signature for instruction",
  AccountAlreadyInitialized: "instruction requires an uninitialized account",
  UninitializedAccount: "instruction requires an initialized account",
  ComputationalBudgetExceeded: "Computational budget exceeded",
  ProgramFailedToComplete: "Program failed to complete",
  InvalidSeeds: "Provided seeds do not result in a valid address",
  PrivilegeEscalation: "Cross-program invocation with unauthorized signer or writable account",
};

function describe(name: string): string {
  return MESSAGES[name] ?? name.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

/** A LiteSVM error object (fieldless errors are plain numbers). */
type LiteSvmError = number | { index?: number; accountIndex?: number; err?: () => unknown };

function instructionErrorJson(inner: unknown): string | Record<string, unknown> {
  if (typeof inner === "number") return INSTRUCTION_ERRORS[inner] ?? `InstructionError${inner}`;
  const custom = inner as { code?: unknown; msg?: unknown };
  if (typeof custom.code === "number") return { Custom: custom.code };
  return "BorshIoError";
}

/** Converts LiteSVM's `FailedTransactionMetadata.err()` to the validator's JSON shape. */
export function transactionErrorJson(error: unknown): TransactionErrorJson {
  const err = error as LiteSvmError;
  if (typeof err === "number") return TRANSACTION_ERRORS[err] ?? `TransactionError${err}`;
  if (typeof err.err === "function") {
    return { InstructionError: [err.index ?? 0, instructionErrorJson(err.err())] };
  }
  if (typeof err.accountIndex === "number") {
    const name = (error as object).constructor.name.includes("Restricted")
      ? "ProgramExecutionTemporarilyRestricted"
      : "InsufficientFundsForRent";
    return { [name]: { account_index: err.accountIndex } };
  }
  if (typeof err.index === "number") return { DuplicateInstruction: err.index };
  return String(error);
}

/** The validator's text for a transaction error, e.g. `Error processing Instruction 0: custom program error: 0x1`. */
export function transactionErrorMessage(err: TransactionErrorJson): string {
  if (typeof err === "string") return describe(err);
  const instruction = err.InstructionError as [number, unknown] | undefined;
  if (instruction) {
    const [index, inner] = instruction;
    const text =
      typeof inner === "string"
        ? describe(inner)
        : `custom program error: 0x${((inner as { Custom: number }).Custom >>> 0).toString(16)}`;
    return `Error processing Instruction ${index}: ${text}`;
  }
  const rent = err.InsufficientFundsForRent as { account_index: number } | undefined;
  if (rent) {
    return `Transaction results in an account (${rent.account_index}) with insufficient funds for rent`;
  }
  const duplicate = err.DuplicateInstruction;
  if (typeof duplicate === "number") {
    return `Transaction contains a duplicate instruction (${duplicate}) that is not allowed`;
  }
  return JSON.stringify(err);
}
