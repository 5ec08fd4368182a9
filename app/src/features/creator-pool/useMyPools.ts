import { useQuery } from "@tanstack/react-query";
import type { PublicKey } from "@solana/web3.js";
import { fetchPools, type PoolAccount, type PoolQuery } from "@nft-staking/sdk";
import { useChain } from "../../hooks/useChain";

export interface PoolEntry {
  address: PublicKey;
  pool: PoolAccount;
}

/**
 * Pools the wallet runs, pools handed to it (pending), and pools it created (whose ids it used).
 */
export function useMyPools(wallet: PublicKey | null) {
  const { connection, program, key } = useChain();
  return useQuery({
    queryKey: [...key, "my-pools", wallet?.toBase58()],
    enabled: wallet !== null,
    queryFn: async () => {
      // The SDK derives each field's offset from the IDL.
      const find = async (query: PoolQuery) =>
        (await fetchPools(connection, query, program)).map(({ address, account }): PoolEntry => ({
          address,
          pool: account,
        }));
      const [owned, pending, created] = await Promise.all([
        find({ authority: wallet! }),
        find({ pendingAuthority: wallet! }),
        find({ seedAuthority: wallet! }),
      ]);
      return { owned, pending, created };
    },
  });
}
