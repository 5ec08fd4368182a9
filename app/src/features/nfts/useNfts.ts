import { useQuery } from "@tanstack/react-query";
import type { PublicKey } from "@solana/web3.js";
import { findMetadataAddress, type HeldNft as SdkHeldNft } from "@nft-staking/sdk";
import { useChain } from "../../hooks/useChain";
import { decodeMetadata, type NftMetadata } from "../../lib/metadata";
import { decodeMint, getAccounts, tokenAccountsOf, type TokenAccount } from "../../lib/tokens";

/** An NFT as the wallet holds it, with the metadata fields the app shows (the SDK's checks run on it). */
export type HeldNft = SdkHeldNft<NftMetadata>;

/** An NFT with the token account it sits in. */
export interface WalletNft extends HeldNft {
  tokenAccount: PublicKey;
}

/** Mint and metadata accounts of `mints`, decoded. */
export async function loadNfts(
  connection: Parameters<typeof getAccounts>[0],
  mints: PublicKey[],
): Promise<HeldNft[]> {
  const accounts = await getAccounts(
    connection,
    mints.flatMap((mint) => [mint, findMetadataAddress(mint)[0]]),
  );
  return mints.map((mint, index) => {
    const mintInfo = decodeMint(accounts[index * 2] ?? null);
    return {
      mint: mint.toBase58(),
      decimals: mintInfo?.decimals ?? -1,
      supply: mintInfo?.supply ?? 0n,
      metadata: decodeMetadata(accounts[index * 2 + 1] ?? null),
    };
  });
}

/** Every SPL token account the wallet holds. */
export function useTokenAccounts(owner: PublicKey | null) {
  const { connection, key } = useChain();
  return useQuery({
    queryKey: [...key, "token-accounts", owner?.toBase58()],
    enabled: owner !== null,
    queryFn: () => tokenAccountsOf(connection, owner!),
  });
}

/**
 * Every NFT-like token the wallet holds (amount 1), with mint and metadata decoded: the
 * caller keeps those of the pool's collection.
 */
export function useWalletNfts(owner: PublicKey | null) {
  const { connection, key } = useChain();
  const accounts = useTokenAccounts(owner);
  const held = (accounts.data ?? []).filter((account: TokenAccount) => account.amount === 1n);
  const mints = held.map((account) => account.mint.toBase58());
  const nfts = useQuery({
    queryKey: [...key, "wallet-nfts", mints.join()],
    enabled: accounts.data !== undefined,
    staleTime: 5 * 60_000,
    queryFn: async (): Promise<WalletNft[]> => {
      const loaded = await loadNfts(
        connection,
        held.map((account) => account.mint),
      );
      return loaded.map((nft, index) => ({ ...nft, tokenAccount: held[index]!.address }));
    },
  });
  return {
    data: accounts.data && nfts.data,
    isLoading: accounts.isLoading || nfts.isLoading,
    error: accounts.error ?? nfts.error,
  };
}

/** Metadata of staked NFTs (they sit in escrow, so the wallet scan does not see them). */
export function useNftsByMint(mints: PublicKey[]) {
  const { connection, key } = useChain();
  const ids = mints.map((mint) => mint.toBase58()).sort();
  return useQuery({
    queryKey: [...key, "nfts-by-mint", ids.join()],
    enabled: mints.length > 0,
    staleTime: 5 * 60_000,
    queryFn: async () => {
      const nfts = await loadNfts(connection, mints);
      return new Map(nfts.map((nft) => [nft.mint, nft]));
    },
  });
}

/** Off-chain JSON of an NFT (name, image). */
export interface NftJson {
  name?: string;
  image?: string;
}

export function useNftJson(uri: string | undefined) {
  return useQuery({
    queryKey: ["nft-json", uri],
    enabled: Boolean(uri && /^https?:\/\//.test(uri)),
    staleTime: Infinity,
    retry: 1,
    queryFn: async (): Promise<NftJson> => {
      const response = await fetch(uri!);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const json = (await response.json()) as Record<string, unknown>;
      return {
        name: typeof json.name === "string" ? json.name : undefined,
        image: typeof json.image === "string" ? json.image : undefined,
      };
    },
  });
}
