import {
  ACCOUNT_SIZE,
  AccountLayout,
  MINT_SIZE,
  MintLayout,
  TOKEN_PROGRAM_ID,
} from "@solana/spl-token";
import type { AccountInfo, Connection, PublicKey } from "@solana/web3.js";

/** An SPL token account, decoded. */
export interface TokenAccount {
  address: PublicKey;
  mint: PublicKey;
  owner: PublicKey;
  amount: bigint;
}

/** An SPL mint, decoded. */
export interface MintInfo {
  decimals: number;
  supply: bigint;
}

/** Decodes an SPL token account (null for anything else). */
export function decodeTokenAccount(
  address: PublicKey,
  account: AccountInfo<Buffer> | null,
): TokenAccount | null {
  if (!account || !account.owner.equals(TOKEN_PROGRAM_ID) || account.data.length < ACCOUNT_SIZE) {
    return null;
  }
  const decoded = AccountLayout.decode(account.data.subarray(0, ACCOUNT_SIZE));
  return { address, mint: decoded.mint, owner: decoded.owner, amount: decoded.amount };
}

/** Decodes an SPL mint (null for anything else). */
export function decodeMint(account: AccountInfo<Buffer> | null): MintInfo | null {
  if (!account || !account.owner.equals(TOKEN_PROGRAM_ID) || account.data.length < MINT_SIZE) {
    return null;
  }
  const decoded = MintLayout.decode(account.data.subarray(0, MINT_SIZE));
  return decoded.isInitialized ? { decimals: decoded.decimals, supply: decoded.supply } : null;
}

/** `getMultipleAccountsInfo` for any number of keys (the RPC takes 100 at a time). */
export async function getAccounts(
  connection: Connection,
  keys: PublicKey[],
): Promise<(AccountInfo<Buffer> | null)[]> {
  const out: (AccountInfo<Buffer> | null)[] = [];
  for (let start = 0; start < keys.length; start += 100) {
    out.push(...(await connection.getMultipleAccountsInfo(keys.slice(start, start + 100))));
  }
  return out;
}

/** Every SPL token account `owner` holds (base64, decoded here: works on any RPC). */
export async function tokenAccountsOf(
  connection: Connection,
  owner: PublicKey,
): Promise<TokenAccount[]> {
  const { value } = await connection.getTokenAccountsByOwner(owner, {
    programId: TOKEN_PROGRAM_ID,
  });
  return value.flatMap(({ pubkey, account }) => decodeTokenAccount(pubkey, account) ?? []);
}
