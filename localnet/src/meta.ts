import type { AccountInfoBytes, TransactionMetadata } from "./svm";
import { encodeBase58 } from "./base58";
import type { DecodedTx } from "./txdecode";
import type { InnerInstructionJson, TokenBalance, TxRecord } from "./history";
import {
  decodeMint,
  decodeTokenAccount,
  isMintData,
  isTokenAccountData,
  uiTokenAmount,
} from "./token";

/** Token balances of the accounts among `accounts` that are token accounts. */
export function tokenBalances(
  accounts: (AccountInfoBytes | null)[],
  decimalsOf: (mint: string) => number,
): TokenBalance[] {
  const out: TokenBalance[] = [];
  accounts.forEach((account, accountIndex) => {
    if (!account) return;
    const programId = account.owner.toBase58();
    if (!isTokenAccountData(programId, account.data)) return;
    const token = decodeTokenAccount(account.data);
    out.push({
      accountIndex,
      mint: token.mint,
      owner: token.owner,
      programId,
      uiTokenAmount: uiTokenAmount(token.amount, decimalsOf(token.mint)),
    });
  });
  return out;
}

/** A mint's decimals from any of `accounts`, else from `lookup` (0 if it is not a mint). */
export function decimalsResolver(
  lookup: (address: string) => AccountInfoBytes | null,
): (mint: string) => number {
  const cache = new Map<string, number>();
  return (mint) => {
    let decimals = cache.get(mint);
    if (decimals === undefined) {
      const account = lookup(mint);
      decimals =
        account && isMintData(account.owner.toBase58(), account.data)
          ? decodeMint(account.data).decimals
          : 0;
      cache.set(mint, decimals);
    }
    return decimals;
  };
}

/** LiteSVM's inner instructions in the RPC's compiled form. */
export function innerInstructions(
  meta: TransactionMetadata,
): { index: number; instructions: InnerInstructionJson[] }[] {
  const out: { index: number; instructions: InnerInstructionJson[] }[] = [];
  meta.innerInstructions().forEach((list, index) => {
    if (list.length === 0) return;
    out.push({
      index,
      instructions: list.map((inner) => {
        const compiled = inner.instruction();
        return {
          programIdIndex: compiled.programIdIndex(),
          accounts: [...compiled.accounts()],
          data: encodeBase58(compiled.data()),
          stackHeight: inner.stackHeight(),
        };
      }),
    });
  });
  return out;
}

/** The return data in the RPC's shape, or null when the transaction set none. */
export function returnData(meta: TransactionMetadata): TxRecord["returnData"] {
  const data = meta.returnData();
  const bytes = data.data();
  if (bytes.length === 0) return null;
  return {
    programId: encodeBase58(data.programId()),
    data: [Buffer.from(bytes).toString("base64"), "base64"],
  };
}

/** The history record of a successful transaction. */
export function buildRecord(
  decoded: DecodedTx,
  meta: TransactionMetadata,
  pre: (AccountInfoBytes | null)[],
  post: (AccountInfoBytes | null)[],
  slot: number,
  blockTime: number,
  decimalsOf: (mint: string) => number,
  logs: string[] = meta.logs(),
): TxRecord {
  return {
    signature: decoded.signature,
    slot,
    blockTime,
    err: null,
    transaction: Buffer.from(decoded.bytes).toString("base64"),
    version: decoded.version,
    fee: decoded.fee,
    logs,
    computeUnits: Number(meta.computeUnitsConsumed()),
    preBalances: pre.map((account) => account?.lamports ?? 0),
    postBalances: post.map((account) => account?.lamports ?? 0),
    preTokenBalances: tokenBalances(pre, decimalsOf),
    postTokenBalances: tokenBalances(post, decimalsOf),
    innerInstructions: innerInstructions(meta),
    loadedAddresses: decoded.loaded,
    returnData: returnData(meta),
    accounts: decoded.accounts,
  };
}
