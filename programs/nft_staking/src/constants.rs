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
