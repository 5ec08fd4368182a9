//! `Pool`: one staking pool of one collection, with its tiers, lock options and reward streams.

use super::{Key, RewardStream, ZeroCopyAccount};
use crate::{
    constants::{MAX_LOCK_OPTIONS, MAX_STREAMS, MAX_TIERS, MAX_URI_LEN, POOL_SEED},
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
    /// Σ of staked weights.
    pub total_weight: u64,
    /// Weight of an NFT staked without a tier proof.
    pub default_tier_weight: u32,
    /// Weight of each tier; 0 marks an unused tier.
    pub tier_weights: [u32; MAX_TIERS],
    /// Lock options holders can choose from.
    pub lock_options: [LockOption; MAX_LOCK_OPTIONS],
    /// Canonical bump of the pool PDA.
    pub bump: u8,
    /// 1 while paused: stake and claim are refused, unstake never is.
    pub paused: u8,
    /// 1 once sunset: streams ended, locks lifted, no new stakes.
    pub sunset: u8,
    /// Number of streams in use (`streams[..stream_count]`).
    pub stream_count: u8,
    /// Length of `uri` in bytes.
    pub uri_len: u8,
    /// Explicit padding to 8-byte alignment.
    pub padding: [u8; 7],
    /// Reward streams.
    pub streams: [RewardStream; MAX_STREAMS],
    /// Pool metadata URI (terms, pictures), `uri[..uri_len]`.
    pub uri: [u8; MAX_URI_LEN],
    /// Reserved for future fields; zero.
    pub reserved: [u8; 40],
}

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

    /// The pool URI bytes.
    pub fn uri(&self) -> &[u8] {
        self.uri.get(..usize::from(self.uri_len)).unwrap_or(&[])
    }
}

#[cfg(test)]
mod tests;
