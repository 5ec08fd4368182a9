import { useQuery } from "@tanstack/react-query";
import type { PublicKey } from "@solana/web3.js";
import { decodeStaker, findStakerAddress, type StakerAccount } from "@nft-staking/sdk";
import { getAssociatedTokenAddressSync } from "@solana/spl-token";
import { useChain } from "../../hooks/useChain";
import type { TokenAccount } from "../../lib/tokens";

/** The holder's `Staker` account in the pool (`null`: never staked there). */
export function useStaker(pool: PublicKey | null, owner: PublicKey | null) {
  const { connection, programId, key } = useChain();
  return useQuery({
    queryKey: [...key, "staker", pool?.toBase58(), owner?.toBase58()],
    enabled: pool !== null && owner !== null,
    refetchInterval: 20_000,
    queryFn: async (): Promise<StakerAccount | null> => {
      const [address] = findStakerAddress(pool!, owner!, programId);
      const info = await connection.getAccountInfo(address);
      return info ? decodeStaker(info.data) : null;
    },
  });
}

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
