import { useQuery } from "@tanstack/react-query";
import type { PublicKey } from "@solana/web3.js";
import { poolUri, type PoolAccount } from "@nft-staking/sdk";
import { useAppConfig } from "../../config/ConfigProvider";
import { fetchTierList, rootHex, tierListUrls } from "./tierList";
import type { PoolMetadata } from "./usePool";

/** The pool's published tier list, verified against its on-chain root. */
export function useTierList(
  pool: PublicKey | null,
  poolAccount: PoolAccount | null | undefined,
  metadata: PoolMetadata | null | undefined,
) {
  const { config } = useAppConfig();
  const urls =
    pool && poolAccount
      ? tierListUrls({
          poolAddress: pool.toBase58(),
          poolUri: poolUri(poolAccount),
          metadataTiers: metadata?.tiers,
          configPool: config.pool,
          configTiersUrl: config.tiersUrl,
        })
      : [];
  const root = poolAccount ? rootHex(poolAccount.tierRoot) : "";
  return useQuery({
    queryKey: ["tier-list", root, urls.join(" ")],
    enabled: Boolean(poolAccount),
    staleTime: Infinity,
    queryFn: () => fetchTierList(urls, poolAccount!.tierRoot),
  });
}
