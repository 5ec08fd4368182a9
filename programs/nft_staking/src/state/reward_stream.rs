//! `RewardStream`: one reward stream, stored inline in its `Pool`, and how it accrues,
//! settles and counts what it owes (the formulas are in `math.rs`).

use super::Key;
use crate::{
    error::StakingError,
    math::{acc_delta, earned, StreamMode, ACC_SCALE},
    wide::{checked_div_rem_u128_u64, checked_mul_u128_u64, mul_u64},
};

/// A reward stream stored inline in the pool (docs/design.md §4 "Accrual").
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RewardStream {
    /// Mint of the reward token.
    pub mint: Key,
    /// Token account holding the rewards, owned by the pool PDA. Stored (not re-derived) so a
    /// claim checks it with one 32-byte comparison instead of a PDA derivation.
    pub vault: Key,
    /// Rewards per unit of weight since the stream began, scaled by 1e12 (`u128` LE).
    pub acc_per_weight: [u8; 16],
    /// Σ over stakers of `weight × (acc_per_weight − checkpoint)`, scaled by 1e12 (`u128` LE):
    /// earned but not yet checkpointed into anyone's `owed`. Kept so liability is O(1).
    pub unsettled_scaled: [u8; 16],
    /// Emission rate in base units per second (per weight unit, or in total; see `mode`).
    pub rate: u64,
    /// When accrual starts (unix seconds).
    pub start_ts: i64,
    /// When accrual ends (unix seconds).
    pub end_ts: i64,
    /// Time up to which `acc_per_weight` is accrued.
    pub last_update_ts: i64,
    /// Σ of stakers' checkpointed, unpaid rewards (`owed`).
    pub owed_total: u64,
    /// 0 = `FixedPerWeight`, 1 = `SharedEmission`.
    pub mode: u8,
    /// Bump of the vault PDA.
    pub vault_bump: u8,
    /// Explicit padding to 8-byte alignment (keeps Borsh and `repr(C)` identical).
    pub padding: [u8; 6],
}

impl RewardStream {
    /// The accumulator as a number.
    pub fn acc(&self) -> u128 {
        u128::from_le_bytes(self.acc_per_weight)
    }

    /// Σ weightᵢ × (acc − checkpointᵢ), scaled.
    pub fn unsettled(&self) -> u128 {
        u128::from_le_bytes(self.unsettled_scaled)
    }

    /// Brings the accumulator up to `min(now, end_ts)` at the current `total_weight`. Must run
    /// before any change to total weight, rate, end time or a staker's weight.
    ///
    /// Never fails on the numbers: if this step would push the accumulator or the liability
    /// past what the books can hold (a liability above `u64::MAX` base units could never be
    /// paid anyway), the stream ends at its last consistent time instead (`end_ts =
    /// last_update_ts`). Holders keep everything earned up to then, and above all `unstake`,
    /// which accrues first, can never be blocked by a creator's extreme rate.
    pub fn accrue(&mut self, now: i64, total_weight: u64) -> Result<(), StakingError> {
        let until = now.min(self.end_ts);
        let from = self.last_update_ts.max(self.start_ts);
        if until <= from {
            // Before the start or already accrued: only remember how far we have looked.
            self.last_update_ts = self.last_update_ts.max(until);
            return Ok(());
        }
        let mode = StreamMode::from_u8(self.mode)?;
        match self.grown(mode, from, until, total_weight) {
            Some((acc, unsettled)) => {
                self.acc_per_weight = acc.to_le_bytes();
                self.unsettled_scaled = unsettled.to_le_bytes();
                self.last_update_ts = until;
            }
            None => self.end_ts = from,
        }
        Ok(())
    }

    /// The accumulator and unsettled sum after accruing `from..until`, or `None` if either
    /// would overflow or the liability would exceed `u64::MAX`.
    fn grown(&self, mode: StreamMode, from: i64, until: i64, weight: u64) -> Option<(u128, u128)> {
        let dt = u64::try_from(until.checked_sub(from)?).ok()?;
        let delta = acc_delta(mode, self.rate, dt, weight).ok()?;
        let acc = self.acc().checked_add(delta)?;
        let unsettled = self
            .unsettled()
            .checked_add(checked_mul_u128_u64(delta, weight)?)?;
        // liability = owed_total + ⌈unsettled / SCALE⌉ ≤ u64::MAX  ⟺
        // unsettled ≤ (u64::MAX − owed_total) × SCALE
        let headroom = mul_u64(u64::MAX.checked_sub(self.owed_total)?, ACC_SCALE);
        (unsettled <= headroom).then_some((acc, unsettled))
    }

    /// Moves what `weight` earned since `checkpoint` into `owed` and resets the checkpoint to
    /// the current accumulator. Returns the amount settled.
    pub fn settle(
        &mut self,
        weight: u64,
        checkpoint: &mut [u8; 16],
        owed: &mut u64,
    ) -> Result<u64, StakingError> {
        let acc = self.acc();
        let start = u128::from_le_bytes(*checkpoint);
        let amount = earned(weight, acc, start)?;
        let settled_scaled = checked_mul_u128_u64(
            acc.checked_sub(start).ok_or(StakingError::MathOverflow)?,
            weight,
        )
        .ok_or(StakingError::MathOverflow)?;
        // The unsettled sum includes this staker's exact share, so this cannot underflow
        // unless an invariant is broken; fail loudly rather than wrap.
        let unsettled = self
            .unsettled()
            .checked_sub(settled_scaled)
            .ok_or(StakingError::MathOverflow)?;
        *owed = owed.checked_add(amount).ok_or(StakingError::MathOverflow)?;
        self.owed_total = self
            .owed_total
            .checked_add(amount)
            .ok_or(StakingError::MathOverflow)?;
        self.unsettled_scaled = unsettled.to_le_bytes();
        *checkpoint = acc.to_le_bytes();
        Ok(amount)
    }

    /// Pays out of `owed` at most `available` (the vault balance): an empty vault pays
    /// nothing and loses nothing. Returns the amount to transfer.
    pub fn pay(&mut self, owed: &mut u64, available: u64) -> Result<u64, StakingError> {
        let amount = (*owed).min(available);
        *owed = owed.checked_sub(amount).ok_or(StakingError::MathOverflow)?;
        self.owed_total = self
            .owed_total
            .checked_sub(amount)
            .ok_or(StakingError::MathOverflow)?;
        Ok(amount)
    }

    /// What holders have earned and not been paid, rounded up: never less than the sum of
    /// every staker's pending reward, and more only by rounding dust (< 1 unit per staker).
    pub fn liability(&self) -> Result<u64, StakingError> {
        let (whole, rest) = checked_div_rem_u128_u64(self.unsettled(), ACC_SCALE)
            .ok_or(StakingError::MathOverflow)?;
        let unsettled = whole
            .checked_add(u128::from(rest != 0))
            .ok_or(StakingError::MathOverflow)?;
        let unsettled = u64::try_from(unsettled).map_err(|_| StakingError::MathOverflow)?;
        self.owed_total
            .checked_add(unsettled)
            .ok_or(StakingError::MathOverflow)
    }
}
