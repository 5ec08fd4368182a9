import { PublicKey } from "@solana/web3.js";
import { IDL } from "./idl";

/** Program id of `nft_staking` (the same on every cluster it is deployed to). */
export const PROGRAM_ID = new PublicKey(IDL.address);

/** Seed prefix of the `Pool` PDA. */
export const POOL_SEED = Buffer.from("pool");

/** Longest pool URI the program accepts, in bytes. */
export const MAX_URI_LEN = 96;

/** Metaplex Token Metadata program. */
export const TOKEN_METADATA_PROGRAM_ID = new PublicKey(
  "metaqbxxUerdq28cj1RbAWkYQm3ybzjb6a8bt518x1s",
);

/** Seed prefix of a holder's `Staker` PDA. */
export const STAKER_SEED = Buffer.from("staker");

/** Seed prefix of an NFT's escrow token account PDA. */
export const ESCROW_SEED = Buffer.from("escrow");

/** Seed prefix of a reward stream's vault PDA. */
export const REWARD_VAULT_SEED = Buffer.from("reward_vault");

/** Most NFTs one `stake`/`unstake` instruction accepts (a legacy transaction fits fewer). */
export const MAX_BATCH = 16;

/** Basis points in 1x (lock multipliers). */
export const BPS = 10_000;

/** Number of tier slots, lock option slots and stream slots in a pool. */
export const MAX_TIERS = 8;
export const MAX_LOCK_OPTIONS = 4;
export const MAX_STREAMS = 4;

/** Tier value recorded for an NFT staked without a proof. */
export const DEFAULT_TIER = 255;

/** Size of a holder's `Staker` account without records, and of one record. */
export const STAKER_HEADER_SIZE = 232;
export const STAKE_RECORD_SIZE = 56;

/** Size of a `Pool` account. */
export const POOL_SIZE = 1024;

/** Seed prefix of a `Perk` PDA. */
export const PERK_SEED = Buffer.from("perk");

/** Seed prefix of a `PerkReceipt` PDA. */
export const RECEIPT_SEED = Buffer.from("receipt");
