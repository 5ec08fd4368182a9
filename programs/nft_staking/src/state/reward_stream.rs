//! `RewardStream`: one reward stream, stored inline in its `Pool`, and how it accrues,
//! settles and counts what it owes (the formulas are in `math.rs`).

use super::Key;
use crate::{
    error::StakingError,
    math::{acc_delta, earned, StreamMode, ACC_SCALE, FIXED_ACC_PER_RATE_SECOND},
    wide::{checked_div_rem_u128_u64, checked_div_u128_u64, checked_mul_u128_u64, mul_u64},
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
    /// Rewards per effective weight unit (`1 / BPS` of a weight) since the stream began,
    /// scaled by `ACC_SCALE` (`u128` LE).
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
    /// What the vault holds as far as the books know: set from the vault's balance whenever
    /// an instruction sees it (fund, claim, withdraw), minus what it pays out. Accrual never
    /// promises more than this (review finding M-4): earned rewards are always in the vault.
    pub vault_balance: u64,
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
    /// Accrues only what the vault covers (review findings M-4, L-4): when the step would
    /// make the liability (earned, unpaid) exceed `vault_balance`, it accrues the whole
    /// seconds that fit and no more, and the rest of the step earns nothing. Rewards are then
    /// never first-come: every holder's earnings are in the vault, whoever claims first, and
    /// no later change (weights, a big new stake, a surplus withdrawal) can take them.
    /// Accrual resumes when the stream is funded again, never retroactively (the weights of
    /// the unfunded time are gone). Never fails on the numbers, so `unstake`, which accrues
    /// first, can never be blocked by a creator's rate.
    pub fn accrue(&mut self, now: i64, total_weight: u64) -> Result<(), StakingError> {
        let until = now.min(self.end_ts);
        let from = self.last_update_ts.max(self.start_ts);
        if until <= from {
            // Before the start or already accrued: only remember how far we have looked.
            self.last_update_ts = self.last_update_ts.max(until);
            return Ok(());
        }
        let mode = StreamMode::from_u8(self.mode)?;
        let dt =
            u64::try_from(until.saturating_sub(from)).map_err(|_| StakingError::MathOverflow)?;
        let covered = self.covered_seconds(mode, dt, total_weight);
        if covered > 0 {
            if let Some((acc, unsettled)) = self.grown(mode, covered, total_weight) {
                self.acc_per_weight = acc.to_le_bytes();
                self.unsettled_scaled = unsettled.to_le_bytes();
            }
        }
        self.last_update_ts = until;
        Ok(())
    }

    /// How many of the next `dt` seconds the vault covers at `weight`: all of them when the
    /// whole step fits under `vault_balance`, else the whole seconds that do.
    fn covered_seconds(&self, mode: StreamMode, dt: u64, weight: u64) -> u64 {
        let limit = mul_u64(
            self.vault_balance.saturating_sub(self.owed_total),
            ACC_SCALE,
        );
        if matches!(self.grown(mode, dt, weight), Some((_, unsettled)) if unsettled <= limit) {
            return dt;
        }
        let room = limit.saturating_sub(self.unsettled());
        // room ÷ (unsettled growth per second), as chained floors (each ÷ u64):
        // FixedPerWeight grows by rate × (ACC_SCALE / BPS) × weight a second; SharedEmission by
        // at most rate × ACC_SCALE, so its bound may leave a fraction of a second unused.
        let per_second_divisors = match mode {
            StreamMode::FixedPerWeight => [weight, self.rate, FIXED_ACC_PER_RATE_SECOND],
            StreamMode::SharedEmission => [1, self.rate, ACC_SCALE],
        };
        let seconds = per_second_divisors
            .iter()
            .try_fold(room, |left, divisor| checked_div_u128_u64(left, *divisor));
        seconds.map_or(0, |seconds| {
            u64::try_from(seconds).unwrap_or(u64::MAX).min(dt)
        })
    }

    /// The accumulator and unsettled sum after accruing `dt` seconds, or `None` if either
    /// would overflow.
    fn grown(&self, mode: StreamMode, dt: u64, weight: u64) -> Option<(u128, u128)> {
        let delta = acc_delta(mode, self.rate, dt, weight).ok()?;
        let acc = self.acc().checked_add(delta)?;
        let unsettled = self
            .unsettled()
            .checked_add(checked_mul_u128_u64(delta, weight)?)?;
        Some((acc, unsettled))
    }

    /// Records the vault's balance as read by an instruction that has the vault account.
    pub fn sync_vault_balance(&mut self, balance: u64) {
        self.vault_balance = balance;
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

    /// Pays out of `owed` at most `available` (the vault balance) and takes it off the books'
    /// vault balance. Returns the amount to transfer.
    pub fn pay(&mut self, owed: &mut u64, available: u64) -> Result<u64, StakingError> {
        let amount = (*owed).min(available);
        *owed = owed.checked_sub(amount).ok_or(StakingError::MathOverflow)?;
        self.owed_total = self
            .owed_total
            .checked_sub(amount)
            .ok_or(StakingError::MathOverflow)?;
        self.vault_balance = available.saturating_sub(amount);
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
