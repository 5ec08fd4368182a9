import { useQuery } from "@tanstack/react-query";
import { PublicKey } from "@solana/web3.js";
import { decodePool, findMetadataAddress, poolUri, type PoolAccount } from "@nft-staking/sdk";
import { useChain } from "../../hooks/useChain";
import { decodeMetadata } from "../../lib/metadata";
import { decodeMint, decodeTokenAccount, getAccounts } from "../../lib/tokens";
import { shortAddress } from "../../lib/format";

/** Parses an address typed by a user; `null` when it is not one. */
export function toPublicKey(text: string | null | undefined): PublicKey | null {
  if (!text) return null;
  try {
    return new PublicKey(text.trim());
  } catch {
    return null;
  }
}

/** The decoded pool (`null`: no such account); throws when the account is not a pool. */
export function usePool(pool: PublicKey | null) {
  const { connection, programId, key } = useChain();
  return useQuery({
    queryKey: [...key, "pool", pool?.toBase58()],
    enabled: pool !== null,
    refetchInterval: 20_000,
    queryFn: async (): Promise<PoolAccount | null> => {
      const info = await connection.getAccountInfo(pool!);
      if (!info) return null;
      if (!info.owner.equals(programId)) {
        throw new Error("That account is not a pool of the staking program");
      }
      return decodePool(info.data);
    },
  });
}

/** A reward stream with what the app shows about it. */
export interface StreamView {
  index: number;
  raw: PoolAccount["streams"][number];
  mint: PublicKey;
  vault: PublicKey;
  decimals: number;
  vaultBalance: bigint;
  /** Token symbol or name from its metadata, else a short mint address. */
  label: string;
}

/** Each of the pool's streams with its reward token (decimals, label) and vault balance. */
export function useStreams(pool: PublicKey | null, poolAccount: PoolAccount | null | undefined) {
  const { connection, key } = useChain();
  const streams = poolAccount ? poolAccount.streams.slice(0, poolAccount.streamCount) : [];
  return useQuery({
    queryKey: [...key, "streams", pool?.toBase58(), streams.map((s) => s.vault.toBase58()).join()],
    enabled: pool !== null && poolAccount !== null && poolAccount !== undefined,
    refetchInterval: 20_000,
    queryFn: async (): Promise<StreamView[]> => {
      const keys = streams.flatMap((stream) => [
        stream.vault,
        stream.mint,
        findMetadataAddress(stream.mint)[0],
      ]);
      const accounts = await getAccounts(connection, keys);
      return streams.map((raw, index) => {
        const vault = decodeTokenAccount(raw.vault, accounts[index * 3] ?? null);
        const mint = decodeMint(accounts[index * 3 + 1] ?? null);
        const metadata = decodeMetadata(accounts[index * 3 + 2] ?? null);
        return {
          index,
          raw,
          mint: raw.mint,
          vault: raw.vault,
          decimals: mint?.decimals ?? 0,
          vaultBalance: vault?.amount ?? 0n,
          label: metadata?.symbol || metadata?.name || `Token ${shortAddress(raw.mint.toBase58())}`,
        };
      });
    },
  });
}

/** Off-chain pool metadata (the pool URI's JSON), when published. */
export interface PoolMetadata {
  name?: string;
  description?: string;
  image?: string;
  /** URL of the published tier list (`mint,tier` CSV). */
  tiers?: string;
  /** Display names of tiers 0..7. */
  tierNames?: string[];
}

/** Fetches the pool URI's JSON; `null` when there is none or it cannot be read. */
export function usePoolMetadata(poolAccount: PoolAccount | null | undefined) {
  const uri = poolAccount ? poolUri(poolAccount) : "";
  return useQuery({
    queryKey: ["pool-metadata", uri],
    enabled: /^https?:\/\//.test(uri),
    staleTime: Infinity,
    retry: 1,
    queryFn: async (): Promise<PoolMetadata | null> => {
      const response = await fetch(uri);
      if (!response.ok) return null;
      const json: unknown = await response.json();
      if (typeof json !== "object" || json === null) return null;
      const record = json as Record<string, unknown>;
      const text = (value: unknown) => (typeof value === "string" ? value : undefined);
      return {
        name: text(record.name),
        description: text(record.description),
        image: text(record.image),
        tiers: text(record.tiers),
        tierNames: Array.isArray(record.tierNames)
          ? record.tierNames.map((name) => String(name))
          : undefined,
      };
    },
  });
}
