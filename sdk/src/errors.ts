import { ERRORS } from "./idl";

/** Names of the program's errors, as in the IDL. */
export type StakingErrorName = (typeof ERRORS)[number]["name"];

/** Error codes by name, e.g. `StakingErrorCode.PoolAlreadyInitialized === 6007`. */
export const StakingErrorCode = Object.fromEntries(
  ERRORS.map((error) => [error.name, error.code]),
) as Record<StakingErrorName, number>;

/** A program error with its IDL name and message. */
export class StakingError extends Error {
  constructor(
    readonly code: number,
    readonly errorName: StakingErrorName,
    message: string,
    readonly logs?: string[],
  ) {
    super(message);
    this.name = "StakingError";
  }
}

/** The program error for `code`, or `null` if the code is not one of ours. */
export function stakingErrorFromCode(code: number, logs?: string[]): StakingError | null {
  const entry = ERRORS.find((error) => error.code === code);
  return entry ? new StakingError(entry.code, entry.name, entry.msg, logs) : null;
}

const CUSTOM_ERROR = /custom program error: (0x[0-9a-f]+|\d+)/i;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function stringsOf(value: unknown): string[] | undefined {
  return Array.isArray(value)
    ? value.filter((line): line is string => typeof line === "string")
    : undefined;
}

/**
 * The custom error code in a transaction status error, `{ InstructionError: [index, { Custom:
 * n }] }` (what `confirmTransaction`, `getSignatureStatuses` and `getTransaction` report), or
 * `null` for any other shape.
 *
 * @example
 * const { value } = await connection.confirmTransaction(signature);
 * const code = customErrorCode(value.err); // e.g. 6010
 */
export function customErrorCode(statusError: unknown): number | null {
  if (!isRecord(statusError)) return null;
  const instructionError = statusError.InstructionError;
  if (!Array.isArray(instructionError)) return null;
  const detail: unknown = instructionError[1];
  return isRecord(detail) && typeof detail.Custom === "number" ? detail.Custom : null;
}

/** Keys under which wrappers carry the error they wrap (wallet adapters: `error`). */
const WRAPPED = ["error", "cause"] as const;
/** Keys under which a failed transaction's status error travels. */
const STATUS = ["statusError", "err", "transactionError"] as const;

function parse(error: unknown, depth: number): StakingError | null {
  if (typeof error === "number") return stakingErrorFromCode(error);
  if (typeof error === "string") return fromText([error]);
  if (!isRecord(error) || depth > 4) return null;
  const logs = stringsOf(error.logs) ?? stringsOf(error.transactionLogs);
  // A numeric code: web3.js / Anchor `ProgramError`, or Anchor's `errorCode.number`.
  const errorCode = isRecord(error.errorCode) ? error.errorCode.number : undefined;
  for (const code of [error.code, errorCode]) {
    if (typeof code !== "number") continue;
    const fromCode = stakingErrorFromCode(code, logs);
    if (fromCode) return fromCode;
  }
  // A status error, as such or carried by a confirmation failure.
  for (const status of [error, ...STATUS.map((key) => error[key])]) {
    const code = customErrorCode(status);
    const fromStatus = code === null ? null : stakingErrorFromCode(code, logs);
    if (fromStatus) return fromStatus;
  }
  // "custom program error: 0x…" in the message or the logs.
  const texts = ["message", "transactionMessage"]
    .map((key) => error[key])
    .filter((text): text is string => typeof text === "string");
  const fromMessage = fromText([...texts, ...(logs ?? [])], logs);
  if (fromMessage) return fromMessage;
  // Wrappers (wallet adapters put the web3.js error in `.error`) and nested status errors.
  for (const key of [...WRAPPED, ...STATUS]) {
    if (!(key in error) || error[key] === error) continue;
    const inner = parse(error[key], depth + 1);
    if (inner) return inner;
  }
  return null;
}

function fromText(texts: string[], logs?: string[]): StakingError | null {
  const match = CUSTOM_ERROR.exec(texts.join("\n"));
  if (!match?.[1]) return null;
  const code = match[1].startsWith("0x") ? parseInt(match[1], 16) : parseInt(match[1], 10);
  return stakingErrorFromCode(code, logs);
}

/**
 * Extracts a typed program error from anything a send can throw or report: a code; an object
 * with `code`/`logs` (web3.js `SendTransactionError` with its `transactionLogs`, Anchor errors);
 * a status error `{ InstructionError: [i, { Custom: n }] }`, on its own or as a failure's
 * `statusError`/`err`; a message containing "custom program error: 0x…"; and any of these
 * wrapped by a wallet adapter (`error.error`) or as a `cause`. Returns `null` when it is not one
 * of the program's errors.
 *
 * @example
 * try { await sendAndConfirmTransaction(connection, tx, signers); }
 * catch (e) { const err = parseStakingError(e); if (err) toast(err.message); }
 */
export function parseStakingError(error: unknown): StakingError | null {
  return parse(error, 0);
}

/**
 * A transaction that ran out of compute units: its compute-unit limit was below what the
 * program needed. Nothing changed on chain. Validators report this as
 * `ProgramFailedToComplete` ("exceeded CUs meter") or `ComputationalBudgetExceeded`; both read
 * to a holder as "Program failed to complete", so this error says what happened in words.
 */
export class ComputeBudgetExceededError extends Error {
  constructor(
    /** The program that was running when the meter hit zero, when the logs say. */
    readonly program: string | null,
    /** Units the transaction allowed that program (its share of the limit), when logged. */
    readonly limit: number | null,
    readonly logs?: string[],
  ) {
    const who = program ? `program ${program}` : "the transaction";
    const units = limit === null ? "all its compute units" : `all ${limit} compute units it had`;
    super(
      `ran out of compute units: ${who} used ${units} before finishing; nothing changed ` +
        "(the transaction's compute-unit limit was too low — retry with a higher limit)",
    );
    this.name = "ComputeBudgetExceededError";
  }
}

const CONSUMED_ALL = /^Program (\w+) consumed (\d+) of (\d+) compute units$/;
const OUT_OF_COMPUTE =
  /^Program (\w+) failed: (Computational budget exceeded|exceeded CUs meter at BPF instruction)/;

/**
 * Every log line and message a send error carries, unwrapped the way `parseStakingError` unwraps
 * (the same `logs` / `transactionLogs`, `message` / `transactionMessage` and wrapper keys).
 */
function errorTexts(error: unknown, depth = 0): string[] {
  if (typeof error === "string") return [error];
  if (!isRecord(error) || depth > 4) return [];
  const lines = [...(stringsOf(error.logs) ?? []), ...(stringsOf(error.transactionLogs) ?? [])];
  for (const key of ["message", "transactionMessage"]) {
    const text = error[key];
    if (typeof text === "string") lines.push(...text.split("\n"));
  }
  for (const key of WRAPPED) {
    if (key in error && error[key] !== error) lines.push(...errorTexts(error[key], depth + 1));
  }
  return lines;
}

/**
 * Recognizes an out-of-compute failure in anything a send can throw (or in a transaction's
 * logs), or returns `null`.
 *
 * @example
 * catch (e) { const err = parseComputeBudgetExceeded(e) ?? parseStakingError(e); }
 */
export function parseComputeBudgetExceeded(error: unknown): ComputeBudgetExceededError | null {
  const lines = errorTexts(error).map((line) => line.trim());
  const failed = lines.map((line) => OUT_OF_COMPUTE.exec(line)).find((match) => match !== null);
  const named = lines.some((line) =>
    /ComputationalBudgetExceeded|exceeded CUs meter|Computational budget exceeded/.test(line),
  );
  if (!failed && !named) return null;
  const program = failed?.[1] ?? null;
  const consumed = lines
    .map((line) => CONSUMED_ALL.exec(line))
    .filter(
      (match) => match !== null && match[2] === match[3] && (!program || match[1] === program),
    )
    .at(-1);
  const logs = lines.length > 0 ? lines : undefined;
  return new ComputeBudgetExceededError(
    program ?? consumed?.[1] ?? null,
    consumed?.[3] ? Number(consumed[3]) : null,
    logs,
  );
}
