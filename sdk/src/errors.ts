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

/**
 * Extracts a typed program error from anything a send can throw: a code, an object with
 * `code`/`logs` (web3.js `SendTransactionError`, Anchor errors) or a message containing
 * "custom program error: 0x…". Returns `null` when it is not one of the program's errors.
 *
 * @example
 * try { await sendAndConfirmTransaction(connection, tx, signers); }
 * catch (e) { const err = parseStakingError(e); if (err) toast(err.message); }
 */
export function parseStakingError(error: unknown): StakingError | null {
  if (typeof error === "number") return stakingErrorFromCode(error);
  if (typeof error !== "object" || error === null) return null;
  const record = error as { code?: unknown; logs?: unknown; message?: unknown };
  const logs = Array.isArray(record.logs) ? (record.logs as string[]) : undefined;
  if (typeof record.code === "number") {
    const fromCode = stakingErrorFromCode(record.code, logs);
    if (fromCode) return fromCode;
  }
  const text = [typeof record.message === "string" ? record.message : "", ...(logs ?? [])].join(
    "\n",
  );
  const match = CUSTOM_ERROR.exec(text);
  if (!match?.[1]) return null;
  const code = match[1].startsWith("0x") ? parseInt(match[1], 16) : parseInt(match[1], 10);
  return stakingErrorFromCode(code, logs);
}
