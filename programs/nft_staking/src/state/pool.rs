//! `Pool`: one staking pool of one collection, with its tiers, lock options and reward streams.

use super::{Key, RewardStream, ZeroCopyAccount};
use crate::{
    borsh::Reader,
    constants::{
        MAX_LOCK_DURATION_S, MAX_LOCK_MULTIPLIER_BPS, MAX_LOCK_OPTIONS, MAX_PAUSE_S, MAX_STREAMS,
        MAX_TIERS, MAX_URI_LEN, POOL_SEED,
    },
    discriminator,
    error::StakingError,
};
use pinocchio::cpi::Seed;

/// A lock option a holder may choose when staking: locked for `duration_s`, weight multiplied
/// by `multiplier_bps / 10_000`. `multiplier_bps == 0` marks an unused slot.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LockOption {
    /// Lock length in seconds.
    pub duration_s: u32,
    /// Weight multiplier in basis points (10_000 = 1x).
    pub multiplier_bps: u32,
}

/// A staking pool. PDA `["pool", seed_authority, pool_id (u64 LE)]`.
///
/// Layout version 1 (`version`). Weights are fixed point: a tier weight of 1 is 1 weight
/// unit, and every *effective* weight (records, staker and pool totals) is counted in
/// `1 / BPS` units (tier weight × lock multiplier in basis points), so a ×1.25 lock on a
/// weight-1 NFT is exactly 12,500, never rounded down to nothing.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pool {
    /// Who administers the pool (any signer: a wallet or a multisig vault PDA).
    pub authority: Key,
    /// Proposed next authority during a two-step transfer; zero when none.
    pub pending_authority: Key,
    /// The authority at creation, kept because it is a PDA seed.
    pub seed_authority: Key,
    /// Verified Metaplex collection mint accepted by the pool; zero when none.
    pub collection: Key,
    /// Verified creator accepted by the pool; zero when none.
    pub creator: Key,
    /// Merkle root of `(mint, tier)` leaves; zero when every NFT gets the default tier.
    pub tier_root: [u8; 32],
    /// Creator-chosen id, a PDA seed (one authority can run many pools).
    pub pool_id: u64,
    /// Creation time (unix seconds).
    pub created_at: i64,
    /// NFTs currently staked.
    pub staked_count: u64,
    /// Σ of staked effective weights (`1 / BPS` units).
    pub total_weight: u64,
    /// Paused until this time (unix seconds): stake and claim are refused before it, unstake
    /// never is. 0 when not paused. A pause ends by itself (review finding L-7).
    pub paused_until: i64,
    /// Weight of an NFT staked without a tier proof (whole weight units, ≤ `MAX_TIER_WEIGHT`).
    pub default_tier_weight: u32,
    /// Weight of each tier (whole units, ≤ `MAX_TIER_WEIGHT`); 0 marks an unused tier.
    pub tier_weights: [u32; MAX_TIERS],
    /// Longest lock an option may have (seconds, ≤ `MAX_LOCK_DURATION_S`).
    pub max_lock_s: u32,
    /// Lock options holders can choose from.
    pub lock_options: [LockOption; MAX_LOCK_OPTIONS],
    /// Longest a pause lasts unless renewed (seconds, 1..=`MAX_PAUSE_S`).
    pub max_pause_s: u32,
    /// Canonical bump of the pool PDA.
    pub bump: u8,
    /// Layout version of this account (`POOL_VERSION`).
    pub version: u8,
    /// 1 once sunset: streams ended, locks lifted, no new stakes.
    pub sunset: u8,
    /// Number of streams in use (`streams[..stream_count]`).
    pub stream_count: u8,
    /// Length of `uri` in bytes.
    pub uri_len: u8,
    /// `POOL_ACCEPTS_EDITIONS` | `POOL_REQUIRES_TIER_PROOF` (review finding L-5).
    pub flags: u8,
    /// Explicit padding to 8-byte alignment.
    pub padding: [u8; 6],
    /// Reward streams.
    pub streams: [RewardStream; MAX_STREAMS],
    /// Pool metadata URI (terms, pictures), `uri[..uri_len]`.
    pub uri: [u8; MAX_URI_LEN],
    /// Reserved for fields of later layout versions; zero. A version that adds a field takes
    /// it from here, so accounts keep their size and older accounts decode as zeros.
    pub reserved: [u8; 56],
}

/// A pool's own bounds on what its authority can do to holders (review findings M-2, L-5,
/// L-7), set at creation and by `update_pool`. Borsh: `max_lock_s: u32, max_pause_s: u32,
/// accept_editions: bool, require_tier_proof: bool`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PoolLimits {
    /// Longest lock an option may have, at most `MAX_LOCK_DURATION_S`.
    pub max_lock_s: u32,
    /// Longest a pause lasts unless renewed, 1..=`MAX_PAUSE_S`.
    pub max_pause_s: u32,
    /// `POOL_ACCEPTS_EDITIONS` | `POOL_REQUIRES_TIER_PROOF`.
    pub flags: u8,
}

impl PoolLimits {
    /// Reads the Borsh encoding.
    pub fn read(reader: &mut Reader) -> Result<Self, StakingError> {
        let max_lock_s = reader.u32()?;
        let max_pause_s = reader.u32()?;
        let accepts_editions = reader.bool()?;
        let requires_tier_proof = reader.bool()?;
        Ok(Self {
            max_lock_s,
            max_pause_s,
            flags: if accepts_editions {
                POOL_ACCEPTS_EDITIONS
            } else {
                0
            } | if requires_tier_proof {
                POOL_REQUIRES_TIER_PROOF
            } else {
                0
            },
        })
    }

    /// Both bounds are within the program's caps, and a pause lasts at least a second.
    pub fn validate(&self) -> Result<(), StakingError> {
        if self.max_lock_s > MAX_LOCK_DURATION_S {
            return Err(StakingError::LockTooLong);
        }
        if self.max_pause_s == 0 || self.max_pause_s > MAX_PAUSE_S {
            return Err(StakingError::PauseTooLong);
        }
        Ok(())
    }

    /// Every lock option is unused (all zero) or a real lock: a duration of 1 s up to
    /// `max_lock_s` and a multiplier above 1x (a lock that adds nothing only takes the NFT
    /// hostage) and at most `MAX_LOCK_MULTIPLIER_BPS`.
    pub fn check_lock_options(&self, options: &[LockOption]) -> Result<(), StakingError> {
        for option in options {
            if option.multiplier_bps == 0 && option.duration_s == 0 {
                continue;
            }
            if option.multiplier_bps <= BPS_U32
                || option.multiplier_bps > MAX_LOCK_MULTIPLIER_BPS
                || option.duration_s == 0
            {
                return Err(StakingError::InvalidLockMultiplier);
            }
            if option.duration_s > self.max_lock_s {
                return Err(StakingError::LockTooLong);
            }
        }
        Ok(())
    }
}

/// 1x in basis points, as stored in `LockOption::multiplier_bps`.
const BPS_U32: u32 = 10_000;

/// Current layout version of [`Pool`].
pub const POOL_VERSION: u8 = 1;

/// `Pool::flags` bit: print editions may be staked.
pub const POOL_ACCEPTS_EDITIONS: u8 = 1;

/// `Pool::flags` bit: every NFT needs a tier proof (no default tier).
pub const POOL_REQUIRES_TIER_PROOF: u8 = 2;

// SAFETY: repr(C), only integers and byte arrays, no implicit padding (checked by the layout
// tests against the IDL, which has no padding by construction).
unsafe impl ZeroCopyAccount for Pool {
    const DISCRIMINATOR: [u8; discriminator::LEN] = discriminator::account("Pool");
}

/// The byte strings of a pool's PDA seeds, kept alive for signing CPIs as the pool.
pub struct PoolSeeds {
    authority: Key,
    pool_id: [u8; 8],
    bump: [u8; 1],
}

impl PoolSeeds {
    /// `["pool", seed_authority, pool_id, bump]` as CPI signer seeds.
    pub fn seeds(&self) -> [Seed<'_>; 4] {
        [
            Seed::from(POOL_SEED),
            Seed::from(&self.authority),
            Seed::from(&self.pool_id),
            Seed::from(&self.bump),
        ]
    }
}

impl Pool {
    /// The seeds that let the program sign as this pool (escrow and vault authority).
    pub fn signer_seeds(&self) -> PoolSeeds {
        PoolSeeds {
            authority: self.seed_authority,
            pool_id: self.pool_id.to_le_bytes(),
            bump: [self.bump],
        }
    }

    /// Streams in use.
    pub fn active_streams_mut(&mut self) -> &mut [RewardStream] {
        let count = usize::from(self.stream_count).min(MAX_STREAMS);
        self.streams.get_mut(..count).unwrap_or(&mut [])
    }

    /// Brings every stream up to `now` at the current total weight.
    pub fn accrue_all(&mut self, now: i64) -> Result<(), StakingError> {
        let total_weight = self.total_weight;
        for stream in self.active_streams_mut() {
            stream.accrue(now, total_weight)?;
        }
        Ok(())
    }

    /// Replaces the URI (at most `MAX_URI_LEN` bytes; the rest of the buffer is zeroed).
    pub fn set_uri(&mut self, uri: &[u8]) -> Result<(), StakingError> {
        let len = u8::try_from(uri.len()).map_err(|_| StakingError::UriTooLong)?;
        let mut buffer = [0u8; MAX_URI_LEN];
        buffer
            .get_mut(..uri.len())
            .ok_or(StakingError::UriTooLong)?
            .copy_from_slice(uri);
        self.uri = buffer;
        self.uri_len = len;
        Ok(())
    }

    /// Adds `count` NFTs of total `weight` to the pool's totals.
    pub fn add_stake(&mut self, weight: u64, count: usize) -> Result<(), StakingError> {
        let count = u64::try_from(count).map_err(|_| StakingError::MathOverflow)?;
        self.total_weight = self
            .total_weight
            .checked_add(weight)
            .ok_or(StakingError::MathOverflow)?;
        self.staked_count = self
            .staked_count
            .checked_add(count)
            .ok_or(StakingError::MathOverflow)?;
        Ok(())
    }

    /// Removes `count` NFTs of total `weight` from the pool's totals.
    pub fn remove_stake(&mut self, weight: u64, count: usize) -> Result<(), StakingError> {
        let count = u64::try_from(count).map_err(|_| StakingError::MathOverflow)?;
        self.total_weight = self
            .total_weight
            .checked_sub(weight)
            .ok_or(StakingError::MathOverflow)?;
        self.staked_count = self
            .staked_count
            .checked_sub(count)
            .ok_or(StakingError::MathOverflow)?;
        Ok(())
    }

    /// Whether the pool is paused at `now` (a pause ends by itself at `paused_until`).
    pub fn is_paused(&self, now: i64) -> bool {
        now < self.paused_until
    }

    /// The pool's current limits.
    pub fn limits(&self) -> PoolLimits {
        PoolLimits {
            max_lock_s: self.max_lock_s,
            max_pause_s: self.max_pause_s,
            flags: self.flags,
        }
    }

    /// Replaces the limits (validated by the caller).
    pub fn set_limits(&mut self, limits: &PoolLimits) {
        self.max_lock_s = limits.max_lock_s;
        self.max_pause_s = limits.max_pause_s;
        self.flags = limits.flags;
    }

    /// Whether `flag` (`POOL_ACCEPTS_EDITIONS`, `POOL_REQUIRES_TIER_PROOF`) is set.
    pub fn has_flag(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }

    /// The pool URI bytes.
    pub fn uri(&self) -> &[u8] {
        self.uri.get(..usize::from(self.uri_len)).unwrap_or(&[])
    }
}

#[cfg(test)]
mod tests;
