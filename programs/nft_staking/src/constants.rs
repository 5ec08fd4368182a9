//! Seeds and limits shared by the instructions. Changing any of these changes account
//! addresses or layouts: treat them as part of the public interface.

/// Seed prefix of the `Pool` PDA: `["pool", authority_at_creation, pool_id (u64 LE)]`.
pub const POOL_SEED: &[u8] = b"pool";

/// Longest pool metadata URI, in bytes (an Arweave or IPFS gateway URI fits comfortably).
pub const MAX_URI_LEN: usize = 96;

/// Number of tier weight slots in a pool (tier indices 0..8).
pub const MAX_TIERS: usize = 8;

/// Number of lock option slots in a pool.
pub const MAX_LOCK_OPTIONS: usize = 4;

/// Number of reward streams a pool can hold inline.
pub const MAX_STREAMS: usize = 4;

/// Seed prefix of a `Staker` PDA: `["staker", pool, owner]`.
pub const STAKER_SEED: &[u8] = b"staker";

/// Seed prefix of an escrow token account PDA: `["escrow", pool, mint]`.
pub const ESCROW_SEED: &[u8] = b"escrow";

/// Seed prefix of a reward vault PDA: `["reward_vault", pool, stream_index (u8)]`.
pub const REWARD_VAULT_SEED: &[u8] = b"reward_vault";

/// Most NFTs one `stake` or `unstake` instruction moves (a legacy transaction fits fewer).
pub const MAX_BATCH: usize = 16;

/// Basis points in 1x.
pub const BPS: u64 = 10_000;

/// `tier` value of an NFT staked without a proof (default tier).
pub const DEFAULT_TIER: u8 = u8::MAX;

/// `lock_option` value of an unlocked stake.
pub const NO_LOCK: u8 = u8::MAX;

/// Seed prefix of a `Perk` PDA: `["perk", pool, perk_id (u64 LE)]`.
pub const PERK_SEED: &[u8] = b"perk";

/// Seed prefix of a `PerkReceipt` PDA: `["receipt", perk, owner]`.
pub const RECEIPT_SEED: &[u8] = b"receipt";

/// Longest perk name, in bytes.
pub const MAX_PERK_NAME_LEN: usize = 32;

/// Largest tier weight (whole units). Bounds what one NFT can weigh, so that no tier table,
/// however configured, lets a handful of NFTs swamp a pool's emission (review finding M-4).
pub const MAX_TIER_WEIGHT: u32 = 1_000_000;

/// Largest lock multiplier, in basis points (10x).
pub const MAX_LOCK_MULTIPLIER_BPS: u32 = 100_000;

/// Longest lock any pool may offer: 2 years (review finding M-2). A pool sets its own,
/// lower or equal, `max_lock_s`.
pub const MAX_LOCK_DURATION_S: u32 = 2 * 365 * 86_400;

/// Longest a pause may last before it ends by itself: 30 days (review finding L-7). A pool
/// sets its own, lower or equal, `max_pause_s`; the authority may renew a pause.
pub const MAX_PAUSE_S: u32 = 30 * 86_400;
