import { PublicKey } from "@solana/web3.js";
import { StakingErrorCode, stakingErrorFromCode, type StakingErrorName } from "@nft-staking/sdk";
import type { NftMetadata } from "../../lib/metadata";

/** What the pool accepts: a verified collection and/or a verified creator (base58). */
export interface PoolAcceptance {
  collection: string | null;
  creator: string | null;
}

/** The acceptance rules of a decoded pool (an all-zero key means "none"). */
export function poolAcceptance(pool: {
  collection: PublicKey;
  creator: PublicKey;
}): PoolAcceptance {
  const key = (value: PublicKey) => (value.equals(PublicKey.default) ? null : value.toBase58());
  return { collection: key(pool.collection), creator: key(pool.creator) };
}

/** An NFT as the wallet holds it. */
export interface HeldNft {
  mint: string;
  metadata: NftMetadata | null;
  decimals: number;
  supply: bigint;
}

export type Eligibility = { ok: true } | { ok: false; reason: string };

// Reasons are the program's own messages, so the app says what the program would say.
function refuse(name: StakingErrorName): Eligibility {
  return { ok: false, reason: stakingErrorFromCode(StakingErrorCode[name])?.message ?? name };
}

/** Whether the NFT claims to belong to the pool (collection or creator), verified or not. */
export function belongsToPool(nft: HeldNft, pool: PoolAcceptance): boolean {
  const metadata = nft.metadata;
  if (!metadata) return false;
  return (
    (pool.collection !== null && metadata.collection?.key === pool.collection) ||
    (pool.creator !== null && metadata.creators.some((c) => c.address === pool.creator))
  );
}

/**
 * Whether `stake` would accept the NFT, with the program's checks in its order: an NFT mint,
 * metadata of this mint, a verified collection (or creator) of the pool, a plain token standard.
 */
export function nftEligibility(nft: HeldNft, pool: PoolAcceptance): Eligibility {
  if (nft.decimals !== 0 || nft.supply !== 1n) return refuse("NotAnNft");
  const metadata = nft.metadata;
  if (!metadata) return refuse("InvalidMetadataAccount");
  if (metadata.mint !== nft.mint) return refuse("MetadataMintMismatch");
  const collectionVerified =
    pool.collection !== null &&
    metadata.collection?.key === pool.collection &&
    metadata.collection.verified;
  const creatorVerified =
    pool.creator !== null &&
    metadata.creators.some((creator) => creator.address === pool.creator && creator.verified);
  if (!collectionVerified && !creatorVerified) {
    return belongsToPool(nft, pool) ? refuse("CollectionNotVerified") : refuse("WrongCollection");
  }
  if (metadata.tokenStandard === 4 || metadata.tokenStandard === 5) {
    return refuse("ProgrammableNftNotSupported");
  }
  if (metadata.tokenStandard === 1 || metadata.tokenStandard === 2) {
    return refuse("UnsupportedTokenStandard");
  }
  return { ok: true };
}
