import { TierTree, type PoolAccount } from "@nft-staking/sdk";
import type { PublicKey } from "@solana/web3.js";

/** Hex of a 32-byte root. */
export function rootHex(root: Uint8Array | number[]): string {
  return Array.from(root, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** A pool without a tier list has an all-zero root: every NFT stakes at the default tier. */
export function isZeroRoot(root: Uint8Array | number[]): boolean {
  return Array.from(root).every((byte) => byte === 0);
}

/** What a creator sees after choosing a tier CSV. */
export type TierCsvPreview =
  | { ok: true; tree: TierTree; root: string; size: number; counts: number[] }
  | { ok: false; error: string };

/** Builds the tier tree from CSV text (`mint,tier` lines) for the creator's preview. */
export function previewTierCsv(csv: string): TierCsvPreview {
  try {
    const tree = TierTree.fromCsv(csv);
    return { ok: true, tree, root: rootHex(tree.root), size: tree.size, counts: tree.counts() };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Where a pool's tier list may be published, in order: the app config's `tiersUrl` (for the
 * configured pool), the pool metadata's `tiers` link, then `tiers.csv` next to the pool URI.
 */
export function tierListUrls(params: {
  poolAddress: string;
  poolUri: string;
  metadataTiers?: string;
  configPool?: string;
  configTiersUrl?: string;
}): string[] {
  const urls: string[] = [];
  const add = (value: string | undefined, base?: string) => {
    if (!value) return;
    try {
      const url = new URL(value, base).toString();
      if (/^https?:/.test(url) && !urls.includes(url)) urls.push(url);
    } catch {
      // not a URL: skip it
    }
  };
  if (params.configPool === params.poolAddress) add(params.configTiersUrl);
  const base = /^https?:\/\//.test(params.poolUri) ? params.poolUri : undefined;
  add(params.metadataTiers, base);
  if (base) add("tiers.csv", base);
  return urls;
}

/** The pool's tier list as the app found it. */
export type TierListState =
  | { kind: "none" }
  | { kind: "loaded"; tree: TierTree; url: string }
  | { kind: "missing" }
  | { kind: "mismatch"; url: string };

/** Fetches candidate tier lists and keeps the first whose root is the pool's. */
export async function fetchTierList(
  urls: string[],
  poolRoot: number[],
  fetchFn: typeof fetch = fetch,
): Promise<TierListState> {
  if (isZeroRoot(poolRoot)) return { kind: "none" };
  const expected = rootHex(poolRoot);
  let mismatch: string | null = null;
  for (const url of urls) {
    try {
      const response = await fetchFn(url);
      if (!response.ok) continue;
      const tree = TierTree.fromCsv(await response.text());
      if (rootHex(tree.root) === expected) return { kind: "loaded", tree, url };
      mismatch ??= url;
    } catch {
      // unreachable or not a tier CSV: try the next one
    }
  }
  return mismatch ? { kind: "mismatch", url: mismatch } : { kind: "missing" };
}

/** An NFT's tier as it will be staked. */
export interface NftTier {
  /** Tier index, or `null` for the pool's default tier (no proof). */
  tier: number | null;
  weight: number;
  label: string;
}

/**
 * The tier an NFT stakes at: its tier from the loaded list when the pool gives that tier a
 * weight (the program refuses a tier without one), otherwise the default tier.
 */
export function tierOf(
  mint: PublicKey,
  pool: Pick<PoolAccount, "tierWeights" | "defaultTierWeight">,
  state: TierListState | undefined,
  tierNames?: string[],
): NftTier {
  const tier = state?.kind === "loaded" ? state.tree.tierOf(mint) : undefined;
  const weight = tier === undefined ? 0 : (pool.tierWeights[tier] ?? 0);
  if (tier !== undefined && weight > 0) {
    return { tier, weight, label: tierNames?.[tier] ?? `Tier ${tier}` };
  }
  return { tier: null, weight: pool.defaultTierWeight, label: "Default tier" };
}
