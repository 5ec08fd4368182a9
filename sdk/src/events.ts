import { EventParser, type IdlEvents } from "@coral-xyz/anchor";
import type { PublicKey } from "@solana/web3.js";
import { PROGRAM_ID } from "./constants";
import type { NftStaking } from "./idl";
import { stakingProgram } from "./program";

/** Every event the program emits, by name. */
export type StakingEvents = IdlEvents<NftStaking>;

/** One decoded event. */
export type StakingEvent = {
  [Name in keyof StakingEvents]: { name: Name; data: StakingEvents[Name] };
}[keyof StakingEvents];

/**
 * Decodes the program's events from a transaction's log messages.
 *
 * @example
 * const events = parseEvents(tx.meta?.logMessages ?? []);
 */
export function parseEvents(logs: string[], programId: PublicKey = PROGRAM_ID): StakingEvent[] {
  // The Program's coder uses the camelCased IDL, so names match the `NftStaking` type.
  const parser = new EventParser(programId, stakingProgram().coder);
  return Array.from(parser.parseLogs(logs)) as StakingEvent[];
}
