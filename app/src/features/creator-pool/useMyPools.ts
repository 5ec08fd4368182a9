import { useQuery } from "@tanstack/react-query";
import type { PublicKey } from "@solana/web3.js";
import type { PoolAccount } from "@nft-staking/sdk";
import { useChain } from "../../hooks/useChain";

export interface PoolEntry {
  address: PublicKey;
  pool: PoolAccount;
}

// Offsets in the Pool account (after the 8-byte discriminator): authority, pending, seed authority.
const AUTHORITY_OFFSET = 8;
const PENDING_OFFSET = 40;
const SEED_AUTHORITY_OFFSET = 72;

/**
 * Pools the wallet runs, pools handed to it (pending), and pools it created (whose ids it used).
 */
export function useMyPools(wallet: PublicKey | null) {
  const { program, key } = useChain();
  return useQuery({
    queryKey: [...key, "my-pools", wallet?.toBase58()],
    enabled: wallet !== null,
    queryFn: async () => {
      const find = async (offset: number) =>
        (await program.account.pool.all([{ memcmp: { offset, bytes: wallet!.toBase58() } }])).map(
          ({ publicKey, account }): PoolEntry => ({ address: publicKey, pool: account }),
        );
      const [owned, pending, created] = await Promise.all([
        find(AUTHORITY_OFFSET),
        find(PENDING_OFFSET),
        find(SEED_AUTHORITY_OFFSET),
      ]);
      return { owned, pending, created };
    },
  });
}
