import { strict as assert } from "assert";
import { PublicKey, type Keypair, type TransactionInstruction } from "@solana/web3.js";
import {
  StakingErrorCode,
  parseEvents,
  type StakingErrorName,
  type StakingEvents,
} from "@nft-staking/sdk";
import { type AccountSnapshot, type TestChain, type TxResult } from "@nft-staking/dev-kit";

/** Asserts the transaction succeeded, showing the logs when it did not (the dev-kit's check). */
export { assertOk } from "@nft-staking/dev-kit";

/** Asserts the transaction failed with exactly this program error, logged Anchor-style. */
export function assertProgramError(result: TxResult, name: StakingErrorName): void {
  assert.equal(result.ok, false, `expected ${name}, but the transaction succeeded`);
  assert.equal(
    result.customCode,
    StakingErrorCode[name],
    `expected ${name} (${StakingErrorCode[name]}), got ${result.error}\n${result.logs.join("\n")}`,
  );
  assert.ok(
    result.logs.some((line) => line.includes(`Error Code: ${name}.`)),
    `the program did not log ${name}`,
  );
}

/** Asserts every snapshotted account is exactly as it was: nothing moved, nothing was written. */
export function assertUnchanged(
  chain: TestChain,
  before: Map<string, AccountSnapshot | null>,
): void {
  for (const [address, snapshot] of before) {
    assert.deepEqual(chain.account(new PublicKey(address)), snapshot, `account ${address} changed`);
  }
}

/**
 * Sends `ix` (fees paid by a fresh keypair, so no signer's balance moves for fees), asserts it
 * fails with exactly `error`, and that none of its accounts (plus `alsoWatched`) changed: no
 * token, NFT, lamport or byte moved.
 */
export function assertRejected(
  chain: TestChain,
  ix: TransactionInstruction,
  signers: Keypair[],
  error: StakingErrorName,
  alsoWatched: PublicKey[] = [],
): void {
  const watched = [...ix.keys.map((key) => key.pubkey), ...alsoWatched];
  const feePayer = chain.fundedKeypair();
  const before = chain.snapshot(watched);
  const result = chain.send([ix], [feePayer, ...signers]);
  assertProgramError(result, error);
  assertUnchanged(chain, before);
}

/**
 * `assertRejected` bound to a suite's chain. Suites build a new chain per test, so the chain is
 * looked up on each call: `const expectRejected = rejecterFor(() => chain);`.
 */
export function rejecterFor(chain: () => TestChain) {
  return (
    ix: TransactionInstruction,
    signers: Keypair[],
    error: StakingErrorName,
    alsoWatched: PublicKey[] = [],
  ): void => assertRejected(chain(), ix, signers, error, alsoWatched);
}

/** The account meta at `index` of `ix` (fails the test if there is none). */
export function accountMeta(ix: TransactionInstruction, index: number) {
  const key = ix.keys[index];
  assert.ok(key, `no account ${index}`);
  return key;
}

/** `ix` with its argument bytes cut after `length` bytes of data (default: one byte short). */
export function truncated(ix: TransactionInstruction, length = ix.data.length - 1) {
  return { ...ix, data: ix.data.subarray(0, length) } as TransactionInstruction;
}

/** `ix` with one byte of data too many (the program must refuse trailing bytes). */
export function padded(ix: TransactionInstruction) {
  return { ...ix, data: Buffer.concat([ix.data, Buffer.from([0])]) } as TransactionInstruction;
}

/** The data of the first event `result` logged, which must be a `name` event. */
export function firstEvent<Name extends keyof StakingEvents>(
  result: TxResult,
  name: Name,
): StakingEvents[Name] {
  const [event] = parseEvents(result.logs);
  assert.equal(event?.name, name);
  return event.data as StakingEvents[Name];
}

/** The data of the only event `result` logged, which must be a `name` event. */
export function onlyEvent<Name extends keyof StakingEvents>(
  result: TxResult,
  name: Name,
): StakingEvents[Name] {
  assert.equal(parseEvents(result.logs).length, 1);
  return firstEvent(result, name);
}
