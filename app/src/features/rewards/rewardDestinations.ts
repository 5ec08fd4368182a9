import type { PublicKey } from "@solana/web3.js";
import { getAssociatedTokenAddressSync } from "@solana/spl-token";
import type { TokenAccount } from "../../lib/tokens";

/** Where a stream's rewards go: the holder's ATA if it exists, else another account of the mint. */
export interface RewardDestination {
  mint: PublicKey;
  ata: PublicKey;
  /** An existing token account of the mint owned by the holder (the ATA first), or null. */
  account: PublicKey | null;
  balance: bigint;
}

export function rewardDestinations(
  mints: PublicKey[],
  owner: PublicKey,
  tokenAccounts: TokenAccount[],
): RewardDestination[] {
  return mints.map((mint) => {
    const ata = getAssociatedTokenAddressSync(mint, owner, true);
    const ofMint = tokenAccounts.filter((account) => account.mint.equals(mint));
    const chosen = ofMint.find((account) => account.address.equals(ata)) ?? ofMint[0] ?? null;
    return { mint, ata, account: chosen?.address ?? null, balance: chosen?.amount ?? 0n };
  });
}
