/**
 * Emulation of the Associated Token Account program's Create / CreateIdempotent.
 *
 * LiteSVM 0.8 aborts the whole process (std::bad_alloc) after running the real ATA program a few
 * times, yet nearly every wallet and app transaction creates ATAs. So top-level ATA instructions
 * are done here: the token account is written directly (same address, size, rent and fields as
 * the program would), and the instruction is replaced in the message by the token program's
 * read-only `GetAccountDataSize` on the mint (which the real program also calls), keeping indexes,
 * accounts and order. Signatures are verified here first, since the rewritten message no longer
 * matches them. CPIs into the ATA program (from other programs) are not emulated.
 */
import { createPublicKey, verify } from "crypto";
import {
  Message,
  MessageV0,
  PublicKey,
  VersionedTransaction,
  type MessageCompiledInstruction,
} from "@solana/web3.js";
import type { AccountInfoBytes, LiteSVM } from "litesvm";
import { encodeBase58 } from "./base58";
import type { TransactionErrorJson } from "./errors";
import {
  ACCOUNT_LEN,
  TOKEN_2022_PROGRAM,
  TOKEN_PROGRAM,
  decodeTokenAccount,
  isMintData,
} from "./token";
import type { DecodedTx } from "./txdecode";

export const ATA_PROGRAM = "ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL";
const NATIVE_MINT = "So11111111111111111111111111111111111111112";
const SPKI_ED25519_PREFIX = Buffer.from("302a300506032b6570032100", "hex");
const GET_ACCOUNT_DATA_SIZE = 21;
const IMMUTABLE_OWNER_EXTENSION = 7;

/** An emulated instruction failed: the transaction fails with this error and these logs. */
export class AtaFailure extends Error {
  constructor(
    readonly err: TransactionErrorJson,
    readonly logs: string[],
  ) {
    super("associated token account instruction failed");
  }
}

/** An ATA instruction this emulation does not cover (the real program may run it instead). */
export class AtaUnsupported extends Error {}

/** The outcome of emulating a transaction's ATA instructions. */
export interface AtaEmulation {
  /** The rewritten transaction (original signatures; verify them before sending). */
  bytes: Uint8Array;
  /** Accounts written by the emulation, as they were before (for rollback). */
  before: Map<string, AccountInfoBytes | null>;
  /** Rewrites the replacement instructions' logs back into ATA program logs. */
  patchLogs(logs: string[]): string[];
}

/** Indexes of top-level ATA instructions. */
export function ataInstructionIndexes(decoded: DecodedTx): number[] {
  const indexes: number[] = [];
  decoded.tx.message.compiledInstructions.forEach((ix, i) => {
    if (decoded.accounts[ix.programIdIndex] === ATA_PROGRAM) indexes.push(i);
  });
  return indexes;
}

/** Whether every required signature of the transaction is valid (ed25519 over the message). */
export function signaturesValid(tx: VersionedTransaction): boolean {
  const message = tx.message.serialize();
  return tx.signatures.every((signature, i) => {
    const key = tx.message.staticAccountKeys[i];
    if (!key) return false;
    const publicKey = createPublicKey({
      key: Buffer.concat([SPKI_ED25519_PREFIX, key.toBuffer()]),
      format: "der",
      type: "spki",
    });
    return verify(null, message, publicKey, signature);
  });
}

function fail(index: number, inner: unknown, name: string, why: string): never {
  throw new AtaFailure({ InstructionError: [index, inner] }, [
    `Program ${ATA_PROGRAM} invoke [1]`,
    `Program log: ${name}`,
    `Program log: Error: ${why}`,
    `Program ${ATA_PROGRAM} failed: ${typeof inner === "string" ? inner : JSON.stringify(inner)}`,
  ]);
}

/** Token account bytes as InitializeAccount3 (and InitializeImmutableOwner on Token-2022) write them. */
function tokenAccountData(
  mint: PublicKey,
  owner: PublicKey,
  token2022: boolean,
  native: bigint | null,
) {
  const data = new Uint8Array(token2022 ? ACCOUNT_LEN + 5 : ACCOUNT_LEN);
  const view = new DataView(data.buffer);
  data.set(mint.toBytes(), 0);
  data.set(owner.toBytes(), 32);
  data[108] = 1; // initialized
  if (native !== null) {
    view.setUint32(109, 1, true);
    view.setBigUint64(113, native, true);
  }
  if (token2022) {
    data[ACCOUNT_LEN] = 2; // account type: Account
    view.setUint16(ACCOUNT_LEN + 1, IMMUTABLE_OWNER_EXTENSION, true); // length 0 follows
  }
  return data;
}

/** Applies the ATA instructions to `svm` and returns the rewritten transaction. */
export function emulateAta(decoded: DecodedTx, indexes: number[], svm: LiteSVM): AtaEmulation {
  const before = new Map<string, AccountInfoBytes | null>();
  const remember = (key: PublicKey) => {
    const address = key.toBase58();
    if (!before.has(address)) before.set(address, svm.getAccount(key));
  };
  const names = new Map<number, string>();
  const message = decoded.tx.message;
  const instructions = message.compiledInstructions.map((ix) => ({ ...ix }));
  const isSigner = (i: number) => i < message.header.numRequiredSignatures;
  try {
    for (const index of indexes) {
      const ix = instructions[index] as MessageCompiledInstruction;
      const kind = ix.data.length === 0 ? 0 : ix.data[0];
      const name = kind === 1 ? "CreateIdempotent" : "Create";
      names.set(index, name);
      if (ix.data.length > 1 || (kind !== 0 && kind !== 1)) {
        throw new AtaUnsupported("only Create and CreateIdempotent are emulated");
      }
      const key = (n: number) => {
        const i = ix.accountKeyIndexes[n];
        const address = i === undefined ? undefined : decoded.accounts[i];
        if (address === undefined) fail(index, "NotEnoughAccountKeys", name, "missing account");
        return new PublicKey(address);
      };
      const [funder, ata, wallet, mint, tokenProgram] = [key(0), key(1), key(2), key(3), key(5)];
      const program = tokenProgram.toBase58();
      if (program !== TOKEN_PROGRAM && program !== TOKEN_2022_PROGRAM) {
        fail(index, "IncorrectProgramId", name, "not a token program");
      }
      const [expected] = PublicKey.findProgramAddressSync(
        [wallet.toBuffer(), tokenProgram.toBuffer(), mint.toBuffer()],
        new PublicKey(ATA_PROGRAM),
      );
      if (!expected.equals(ata)) fail(index, "InvalidSeeds", name, "address is not the ATA");
      const mintAccount = svm.getAccount(mint);
      if (!mintAccount || !isMintData(program, mintAccount.data)) {
        fail(index, { Custom: 2 }, name, "invalid mint");
      }
      const existing = svm.getAccount(ata);
      if (existing && existing.owner.toBase58() === program && kind === 1) {
        const token = decodeTokenAccount(existing.data);
        if (token.owner !== wallet.toBase58()) fail(index, { Custom: 0 }, name, "invalid owner");
        if (token.mint !== mint.toBase58()) fail(index, "InvalidAccountData", name, "wrong mint");
      } else {
        if (
          existing &&
          (existing.data.length > 0 || existing.owner.toBase58() !== PublicKey.default.toBase58())
        ) {
          fail(index, { Custom: 0 }, name, `account ${ata.toBase58()} already in use`);
        }
        const funderIndex = ix.accountKeyIndexes[0] ?? -1;
        if (!isSigner(funderIndex))
          fail(index, "MissingRequiredSignature", name, "funder must sign");
        const token2022 = program === TOKEN_2022_PROGRAM;
        if (token2022 && mintAccount.data.length !== 82) {
          throw new AtaUnsupported("Token-2022 mints with extensions are not emulated");
        }
        const size = token2022 ? ACCOUNT_LEN + 5 : ACCOUNT_LEN;
        const rent = Number(svm.minimumBalanceForRentExemption(BigInt(size)));
        const held = existing?.lamports ?? 0;
        const needed = Math.max(0, rent - held);
        const funderAccount = svm.getAccount(funder);
        if ((funderAccount?.lamports ?? 0) < needed) {
          fail(index, { Custom: 1 }, name, "insufficient lamports for rent");
        }
        remember(funder);
        remember(ata);
        if (funderAccount && needed > 0) {
          svm.setAccount(funder, { ...funderAccount, lamports: funderAccount.lamports - needed });
        }
        const lamports = held + needed;
        const native = mint.toBase58() === NATIVE_MINT ? BigInt(rent) : null;
        const data = tokenAccountData(mint, wallet, token2022, native);
        if (native !== null)
          new DataView(data.buffer).setBigUint64(64, BigInt(lamports - rent), true);
        svm.setAccount(ata, { lamports, data, owner: tokenProgram, executable: false });
      }
      instructions[index] = {
        programIdIndex: ix.accountKeyIndexes[5] as number,
        accountKeyIndexes: [ix.accountKeyIndexes[3] as number],
        data: Uint8Array.of(GET_ACCOUNT_DATA_SIZE),
      };
    }
  } catch (e) {
    restore(svm, before);
    throw e;
  }
  const rewritten =
    message.version === "legacy"
      ? new Message({
          header: message.header,
          accountKeys: message.staticAccountKeys,
          recentBlockhash: message.recentBlockhash,
          instructions: instructions.map((ix) => ({
            programIdIndex: ix.programIdIndex,
            accounts: ix.accountKeyIndexes,
            data: encodeBase58(ix.data),
          })),
        })
      : new MessageV0({
          header: message.header,
          staticAccountKeys: message.staticAccountKeys,
          recentBlockhash: message.recentBlockhash,
          compiledInstructions: instructions,
          addressTableLookups: message.addressTableLookups,
        });
  const bytes = new VersionedTransaction(rewritten, decoded.tx.signatures).serialize();
  return { bytes, before, patchLogs: (logs) => patchLogs(logs, names) };
}

/** Puts back accounts the emulation wrote (null: the account did not exist). */
export function restore(svm: LiteSVM, before: Map<string, AccountInfoBytes | null>): void {
  for (const [address, account] of before) {
    svm.setAccount(
      new PublicKey(address),
      account ?? {
        lamports: 0,
        data: new Uint8Array(0),
        owner: PublicKey.default,
        executable: false,
      },
    );
  }
}

/** Wraps each replacement instruction's logs as a CPI of the ATA program. */
function patchLogs(logs: string[], names: Map<number, string>): string[] {
  const out: string[] = [];
  let top = -1;
  let wrapping = false;
  for (const line of logs) {
    const invoke = / invoke \[1\]$/.test(line);
    if (invoke) top++;
    if (invoke && names.has(top)) {
      wrapping = true;
      out.push(`Program ${ATA_PROGRAM} invoke [1]`, `Program log: ${names.get(top)}`);
      out.push(line.replace(/ invoke \[1\]$/, " invoke [2]"));
      continue;
    }
    out.push(line);
    if (wrapping && /^Program \w+ (success|failed)/.test(line)) {
      wrapping = false;
      out.push(`Program ${ATA_PROGRAM} success`);
    }
  }
  return out;
}
