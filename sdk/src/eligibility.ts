/**
 * Whether `stake` would accept an NFT, decided off chain from what a wallet holds: the
 * program's checks in its order, refused with the program's own messages. Pure functions: the
 * caller decodes the mint and its Token Metadata account however it likes.
 */
import { PublicKey } from "@solana/web3.js";
import { StakingErrorCode, stakingErrorFromCode, type StakingErrorName } from "./errors";

/** What the pool accepts: a verified collection and/or a verified creator (base58). */
export interface PoolAcceptance {
  collection: string | null;
  creator: string | null;
}

/**
 * The acceptance rules of a decoded pool (an all-zero key means "none").
 *
 * @example
 * const acceptance = poolAcceptance(await fetchPool(connection, pool));
 */
export function poolAcceptance(pool: {
  collection: PublicKey;
  creator: PublicKey;
}): PoolAcceptance {
  const key = (value: PublicKey) => (value.equals(PublicKey.default) ? null : value.toBase58());
  return { collection: key(pool.collection), creator: key(pool.creator) };
}

/** Metaplex token standards, as stored in a metadata account. */
export enum TokenStandard {
  NonFungible = 0,
  FungibleAsset = 1,
  Fungible = 2,
  NonFungibleEdition = 3,
  ProgrammableNonFungible = 4,
  ProgrammableNonFungibleEdition = 5,
}

/** The fields of a Token Metadata account the checks read (keys in base58). */
export interface EligibilityMetadata {
  mint: string;
  collection: { key: string; verified: boolean } | null;
  creators: { address: string; verified: boolean }[];
  /** A {@link TokenStandard}; `null` when the account has none. */
  tokenStandard: number | null;
}

/** An NFT as the wallet holds it: its mint's decimals and supply, and its decoded metadata. */
export interface HeldNft<Metadata extends EligibilityMetadata = EligibilityMetadata> {
  mint: string;
  /** `null` when the mint has no (decodable) metadata account. */
  metadata: Metadata | null;
  decimals: number;
  supply: bigint;
}

/** Whether the NFT can be staked, or the program's reason it cannot. */
export type Eligibility = { ok: true } | { ok: false; reason: string };

// Reasons are the program's own messages, so a client says what the program would say.
function refuse(name: StakingErrorName): Eligibility {
  return { ok: false, reason: stakingErrorFromCode(StakingErrorCode[name])?.message ?? name };
}

/**
 * Whether the NFT claims to belong to the pool (collection or creator), verified or not.
 *
 * @example
 * const candidates = held.filter((nft) => belongsToPool(nft, acceptance));
 */
export function belongsToPool(nft: HeldNft, pool: PoolAcceptance): boolean {
  const metadata = nft.metadata;
  if (!metadata) return false;
  return (
    (pool.collection !== null && metadata.collection?.key === pool.collection) ||
    (pool.creator !== null && metadata.creators.some((c) => c.address === pool.creator))
  );
}

/**
 * Whether `stake` would accept the NFT, with the program's checks in its order
 * (`check_nft_metadata`): an NFT mint, metadata of this mint, a plain token standard, then a
 * verified collection (or creator) of the pool.
 *
 * @example
 * const check = nftEligibility(nft, poolAcceptance(pool));
 * if (!check.ok) showReason(check.reason);
 */
export function nftEligibility(nft: HeldNft, pool: PoolAcceptance): Eligibility {
  if (nft.decimals !== 0 || nft.supply !== 1n) return refuse("NotAnNft");
  const metadata = nft.metadata;
  if (!metadata) return refuse("InvalidMetadataAccount");
  if (metadata.mint !== nft.mint) return refuse("MetadataMintMismatch");
  if (
    metadata.tokenStandard === TokenStandard.ProgrammableNonFungible ||
    metadata.tokenStandard === TokenStandard.ProgrammableNonFungibleEdition
  ) {
    return refuse("ProgrammableNftNotSupported");
  }
  if (
    metadata.tokenStandard === TokenStandard.FungibleAsset ||
    metadata.tokenStandard === TokenStandard.Fungible
  ) {
    return refuse("UnsupportedTokenStandard");
  }
  // a standard Token Metadata does not define (the program reads it as malformed)
  if (metadata.tokenStandard !== null && TokenStandard[metadata.tokenStandard] === undefined) {
    return refuse("MalformedMetadata");
  }
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
  return { ok: true };
}
