//! `Staker`: one holder's position in one pool: rewards bookkeeping per stream, perk points,
//! and a compact array of stake records (one per escrowed NFT) that grows and shrinks with
//! `realloc`, so rent follows the number of NFTs staked and is refunded on unstake.

use super::{Key, Pool, ZeroCopyAccount};
use crate::{constants::MAX_STREAMS, discriminator, error::StakingError, math::add_points};
use core::mem::size_of;

/// Per-stream reward bookkeeping of one holder.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StakerStream {
    /// The stream's accumulator when this holder last settled (`u128` LE).
    pub checkpoint_acc: [u8; 16],
    /// Settled, unpaid rewards (paid out when the vault has funds).
    pub owed: u64,
    /// Everything ever paid to this holder from this stream (saturates at `u64::MAX`).
    pub claimed_total: u64,
}

/// One staked NFT (64 bytes).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StakeRecord {
    /// The NFT's mint.
    pub mint: Key,
    /// Unstaking is refused before this time (unix seconds); 0 when not locked.
    pub lock_until: i64,
    /// When it was staked.
    pub staked_at: i64,
    /// Its effective weight, tier weight × `multiplier_bps` (in `1 / BPS` weight units, so the
    /// multiplier is kept exactly), fixed at stake time so later tier or lock changes never
    /// affect what unstake removes.
    pub weight: u64,
    /// The lock multiplier it was staked with (basis points; `BPS` when not locked). Kept so
    /// `refresh_tier` changes only the tier part, never the lock the holder chose (M-3).
    pub multiplier_bps: u32,
    /// Tier index, or 255 for the default tier.
    pub tier: u8,
    /// Lock option index, or 255 for none.
    pub lock_option: u8,
    /// Bump of the escrow PDA `["escrow", pool, mint]`.
    pub escrow_bump: u8,
    /// Reserved for later layout versions (the NFT standard and custody); zero.
    pub reserved: u8,
}

/// Fixed part of a `Staker`, followed in the account by `record_count` [`StakeRecord`]s.
/// PDA `["staker", pool, owner]`.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Staker {
    /// The holder.
    pub owner: Key,
    /// The pool.
    pub pool: Key,
    /// Σ weight of the staked NFTs.
    pub total_weight: u64,
    /// Perk points (weight-seconds) accrued.
    pub points: u64,
    /// Time up to which `points` are accrued.
    pub points_updated_ts: i64,
    /// Per-stream bookkeeping, parallel to `Pool::streams`.
    pub streams: [StakerStream; MAX_STREAMS],
    /// Canonical bump of the staker PDA.
    pub bump: u8,
    /// Layout version of this account and its records (`STAKER_VERSION`).
    pub version: u8,
    /// Reserved for later layout versions; zero.
    pub reserved: [u8; 2],
    /// Number of records that follow (it is also the Borsh `Vec` length prefix, which is why
    /// it is the last field: the IDL reads `records: Vec<StakeRecord>` from here).
    pub record_count: u32,
}

// SAFETY: repr(C), integers and byte arrays only, no implicit padding (layout test vs the IDL).
unsafe impl ZeroCopyAccount for Staker {
    const DISCRIMINATOR: [u8; discriminator::LEN] = discriminator::account("Staker");
}

/// Current layout version of [`Staker`] and [`StakeRecord`] (1: 64-byte records with the
/// lock multiplier and fixed-point weights).
pub const STAKER_VERSION: u8 = 1;

/// Size of one record.
pub const RECORD_LEN: usize = size_of::<StakeRecord>();

impl Staker {
    /// Account size holding `records` records.
    pub const fn space(records: usize) -> usize {
        // Bounded by the batch and account limits long before overflow; `saturating` keeps the
        // arithmetic lint honest.
        Self::SPACE.saturating_add(RECORD_LEN.saturating_mul(records))
    }
}

impl Staker {
    /// This Staker is `owner`'s position in `pool` (the fields its PDA seeds were checked
    /// against when it was created). Every instruction that acts on a position checks this.
    pub fn require_position(&self, pool: &Key, owner: &Key) -> Result<(), StakingError> {
        if &self.owner != owner || &self.pool != pool {
            return Err(StakingError::InvalidStakerAccount);
        }
        Ok(())
    }

    /// This Staker is a position in `pool`, whoever holds it (permissionless instructions).
    pub fn require_pool(&self, pool: &Key) -> Result<(), StakingError> {
        if &self.pool != pool {
            return Err(StakingError::InvalidStakerAccount);
        }
        Ok(())
    }

    /// Brings the pool's streams up to `now`, then settles this holder on every stream at their
    /// current weight and accrues their points. Runs before any change to the holder's weight
    /// and before a claim, so each change starts from an exact checkpoint.
    pub fn checkpoint(&mut self, pool: &mut Pool, now: i64) -> Result<(), StakingError> {
        pool.accrue_all(now)?;
        let weight = self.total_weight;
        for (stream, mine) in pool
            .active_streams_mut()
            .iter_mut()
            .zip(self.streams.iter_mut())
        {
            stream.settle(weight, &mut mine.checkpoint_acc, &mut mine.owed)?;
        }
        let elapsed = now.saturating_sub(self.points_updated_ts).max(0);
        let elapsed = u64::try_from(elapsed).map_err(|_| StakingError::MathOverflow)?;
        self.points = add_points(self.points, weight, elapsed);
        self.points_updated_ts = now;
        Ok(())
    }
}

/// Splits staker account data into the header and its records, checking the discriminator,
/// alignment, and that the data holds exactly `record_count` records.
pub fn split_mut(data: &mut [u8]) -> Result<(&mut Staker, &mut [StakeRecord]), StakingError> {
    let count = usize::try_from(Staker::load(data)?.record_count)
        .map_err(|_| StakingError::InvalidAccountData)?;
    if data.len() != Staker::space(count) {
        return Err(StakingError::InvalidAccountData);
    }
    let (head, tail) = data.split_at_mut(Staker::SPACE);
    let staker = Staker::load_mut(head)?;
    // SAFETY: `tail` is exactly `count` records long (checked above), 8-byte aligned because
    // the header is a multiple of 8 bytes after an aligned start (checked by `load_mut`), and
    // `StakeRecord` accepts every bit pattern.
    let records =
        unsafe { core::slice::from_raw_parts_mut(tail.as_mut_ptr() as *mut StakeRecord, count) };
    Ok((staker, records))
}

#[cfg(test)]
mod tests;
