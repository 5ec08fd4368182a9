// SPL token account and mint bytes written straight into a chain (LiteSVM or the local chain),
// as the real SPL Token program lays them out.
import { Keypair, PublicKey } from "@solana/web3.js";
import {
  ACCOUNT_SIZE,
  AccountLayout,
  AccountState,
  MINT_SIZE,
  MintLayout,
  TOKEN_PROGRAM_ID,
  getAssociatedTokenAddressSync,
} from "@solana/spl-token";
import type { Svm } from "@nft-staking/localnet";

/**
 * Where NFT accounts are written: a LiteSVM (tests) or the local chain (which tracks what is
 * written so it survives restarts). Only these three calls are used.
 */
export interface AccountStore {
  svm: Pick<Svm, "setAccount" | "getAccount" | "minimumBalanceForRentExemption">;
}

/** Reads the SPL token amount of a token account (0n if missing). */
export function tokenBalance(chain: AccountStore, tokenAccount: PublicKey): bigint {
  const account = chain.svm.getAccount(tokenAccount);
  if (!account || account.data.length === 0) return 0n;
  if (account.data.length < ACCOUNT_SIZE) {
    throw new Error(`${tokenAccount.toBase58()} is not a token account`);
  }
  return AccountLayout.decode(account.data).amount;
}

/**
 * Creates an empty associated token account for (owner, mint) (amount 0) — used by tests of
 * transfers into existing accounts.
 *
 * Pass `amount` for a non-empty account and `tokenProgram` for Token-2022 (the ATA address is
 * derived with it). The mint is not read or updated: a non-zero amount does not change its supply.
 * Throws if the account already exists, so that a test never silently overwrites one.
 */
export function createTokenAccount(
  chain: AccountStore,
  owner: PublicKey,
  mint: PublicKey,
  amount = 0n,
  tokenProgram: PublicKey = TOKEN_PROGRAM_ID,
): PublicKey {
  const address = getAssociatedTokenAddressSync(mint, owner, true, tokenProgram);
  if (chain.svm.getAccount(address)) {
    throw new Error(`token account ${address.toBase58()} already exists`);
  }
  writeTokenAccount(chain, address, owner, mint, amount, tokenProgram);
  return address;
}

/** Writes an initialized SPL token account at any address (not necessarily an ATA). */
export function writeTokenAccount(
  chain: AccountStore,
  address: PublicKey,
  owner: PublicKey,
  mint: PublicKey,
  amount: bigint,
  tokenProgram: PublicKey = TOKEN_PROGRAM_ID,
): PublicKey {
  const data = new Uint8Array(ACCOUNT_SIZE);
  AccountLayout.encode(
    {
      mint,
      owner,
      amount,
      delegateOption: 0,
      delegate: PublicKey.default,
      state: AccountState.Initialized,
      isNativeOption: 0,
      isNative: 0n,
      delegatedAmount: 0n,
      closeAuthorityOption: 0,
      closeAuthority: PublicKey.default,
    },
    data,
  );
  setRentExempt(chain, address, data, tokenProgram);
  return address;
}

/** Writes `data` at `address`, owned by `owner`, with exactly the rent-exempt balance. */
export function setRentExempt(
  chain: AccountStore,
  address: PublicKey,
  data: Uint8Array,
  owner: PublicKey,
): void {
  chain.svm.setAccount(address, {
    lamports: Number(chain.svm.minimumBalanceForRentExemption(BigInt(data.length))),
    data,
    owner,
    executable: false,
  });
}

/** A fungible SPL mint with no mint authority (balances are written directly); returns it. */
export function createFungibleMint(
  chain: AccountStore,
  decimals = 6,
  supply: bigint = 10n ** 18n,
  freezeAuthority: PublicKey | null = null,
): PublicKey {
  const mint = Keypair.generate().publicKey;
  const data = new Uint8Array(MINT_SIZE);
  MintLayout.encode(
    {
      mintAuthorityOption: 0,
      mintAuthority: PublicKey.default,
      supply,
      decimals,
      isInitialized: true,
      freezeAuthorityOption: freezeAuthority ? 1 : 0,
      freezeAuthority: freezeAuthority ?? PublicKey.default,
    },
    data,
  );
  setRentExempt(chain, mint, data, TOKEN_PROGRAM_ID);
  return mint;
}
