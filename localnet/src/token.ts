import { encodeBase58 } from "./base58";
import type { UiTokenAmount } from "./history";

export const TOKEN_PROGRAM = "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA";
export const TOKEN_2022_PROGRAM = "TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb";
export const ACCOUNT_LEN = 165;
export const MINT_LEN = 82;

/** The base fields of an SPL token account (Token or Token-2022). */
export interface TokenAccountInfo {
  mint: string;
  owner: string;
  amount: bigint;
  delegate: string | null;
  state: number;
  isNative: bigint | null;
  delegatedAmount: bigint;
  closeAuthority: string | null;
}

/** The base fields of an SPL mint. */
export interface MintInfo {
  mintAuthority: string | null;
  supply: bigint;
  decimals: number;
  isInitialized: boolean;
  freezeAuthority: string | null;
}

export function isTokenProgram(owner: string): boolean {
  return owner === TOKEN_PROGRAM || owner === TOKEN_2022_PROGRAM;
}

/** Whether the bytes are a token account of that owner program (Token-2022: with extensions too). */
export function isTokenAccountData(owner: string, data: Uint8Array): boolean {
  if (!isTokenProgram(owner)) return false;
  if (data.length === ACCOUNT_LEN) return true;
  return owner === TOKEN_2022_PROGRAM && data.length > ACCOUNT_LEN && data[ACCOUNT_LEN] === 2;
}

/** Whether the bytes are a mint of that owner program. */
export function isMintData(owner: string, data: Uint8Array): boolean {
  if (!isTokenProgram(owner)) return false;
  if (data.length === MINT_LEN) return true;
  return owner === TOKEN_2022_PROGRAM && data.length > ACCOUNT_LEN && data[ACCOUNT_LEN] === 1;
}

function key(data: Uint8Array, offset: number): string {
  return encodeBase58(data.subarray(offset, offset + 32));
}

function optionKey(data: Uint8Array, offset: number): string | null {
  return view(data).getUint32(offset, true) === 1 ? key(data, offset + 4) : null;
}

function view(data: Uint8Array): DataView {
  return new DataView(data.buffer, data.byteOffset, data.byteLength);
}

export function decodeTokenAccount(data: Uint8Array): TokenAccountInfo {
  const v = view(data);
  return {
    mint: key(data, 0),
    owner: key(data, 32),
    amount: v.getBigUint64(64, true),
    delegate: optionKey(data, 72),
    state: data[108] ?? 0,
    isNative: v.getUint32(109, true) === 1 ? v.getBigUint64(113, true) : null,
    delegatedAmount: v.getBigUint64(121, true),
    closeAuthority: optionKey(data, 129),
  };
}

export function decodeMint(data: Uint8Array): MintInfo {
  return {
    mintAuthority: optionKey(data, 0),
    supply: view(data).getBigUint64(36, true),
    decimals: data[44] ?? 0,
    isInitialized: data[45] === 1,
    freezeAuthority: optionKey(data, 46),
  };
}

/** `amount` with `decimals` in the RPC's `uiTokenAmount` shape. */
export function uiTokenAmount(amount: bigint, decimals: number): UiTokenAmount {
  const digits = amount.toString().padStart(decimals + 1, "0");
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals).replace(/0+$/, "");
  const uiAmountString = fraction ? `${whole}.${fraction}` : whole;
  return { amount: amount.toString(), decimals, uiAmount: Number(uiAmountString), uiAmountString };
}

const STATES = ["uninitialized", "initialized", "frozen"];

/** The `jsonParsed` form of a token account or mint, or null for other accounts. */
export function parseTokenData(
  owner: string,
  data: Uint8Array,
  decimalsOf: (mint: string) => number,
): { program: string; parsed: unknown; space: number } | null {
  const program = owner === TOKEN_PROGRAM ? "spl-token" : "spl-token-2022";
  if (isTokenAccountData(owner, data)) {
    const account = decodeTokenAccount(data);
    const decimals = decimalsOf(account.mint);
    const info: Record<string, unknown> = {
      isNative: account.isNative !== null,
      mint: account.mint,
      owner: account.owner,
      state: STATES[account.state] ?? "uninitialized",
      tokenAmount: uiTokenAmount(account.amount, decimals),
    };
    if (account.delegate) {
      info.delegate = account.delegate;
      info.delegatedAmount = uiTokenAmount(account.delegatedAmount, decimals);
    }
    if (account.isNative !== null) info.rentExemptReserve = uiTokenAmount(account.isNative, 9);
    if (account.closeAuthority) info.closeAuthority = account.closeAuthority;
    return { program, parsed: { type: "account", info }, space: data.length };
  }
  if (isMintData(owner, data)) {
    const mint = decodeMint(data);
    const info = {
      decimals: mint.decimals,
      freezeAuthority: mint.freezeAuthority,
      isInitialized: mint.isInitialized,
      mintAuthority: mint.mintAuthority,
      supply: mint.supply.toString(),
    };
    return { program, parsed: { type: "mint", info }, space: data.length };
  }
  return null;
}
