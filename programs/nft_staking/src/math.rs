//! Reward math (DESIGN.md §4): one accumulator per stream, two emission modes.
//!
//! * `FixedPerWeight`: every weight unit earns `rate` base units per second,
//!   `acc += rate × dt × SCALE`.
//! * `SharedEmission`: `rate` base units per second shared pro rata,
//!   `acc += rate × dt × SCALE / total_weight` (nothing accrues while nothing is staked).
//!
//! A staker's pending reward is `weight × (acc − checkpoint) / SCALE + owed`. Rounding is
//! always down on what holders are owed, so the pool never promises more than it emits.
//! Liability (earned, unpaid) is O(1): `owed_total` plus the not-yet-settled part kept as
//! `unsettled_scaled = Σ weightᵢ × (acc − checkpointᵢ)`, rounded up.

use crate::{
    error::StakingError,
    state::RewardStream,
    wide::{checked_div_rem_u128_u64, checked_div_u128_u64, checked_mul_u128_u64, mul_u64},
};

/// Fixed-point scale of `acc_per_weight`.
pub const ACC_SCALE: u64 = 1_000_000_000_000;

/// How a stream's rate is interpreted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum StreamMode {
    /// `rate` base units per second per weight unit.
    FixedPerWeight = 0,
    /// `rate` base units per second for the whole pool, shared by weight.
    SharedEmission = 1,
}

impl StreamMode {
    /// Decodes the stored mode byte.
    pub fn from_u8(value: u8) -> Result<Self, StakingError> {
        match value {
            0 => Ok(Self::FixedPerWeight),
            1 => Ok(Self::SharedEmission),
            _ => Err(StakingError::InvalidAccountData),
        }
    }
}

/// Growth of the accumulator over `dt` seconds at `total_weight`.
pub fn acc_delta(
    mode: StreamMode,
    rate: u64,
    dt: u64,
    total_weight: u64,
) -> Result<u128, StakingError> {
    let emitted_scaled =
        checked_mul_u128_u64(mul_u64(rate, dt), ACC_SCALE).ok_or(StakingError::MathOverflow)?;
    match mode {
        StreamMode::FixedPerWeight => Ok(emitted_scaled),
        StreamMode::SharedEmission if total_weight == 0 => Ok(0),
        StreamMode::SharedEmission => {
            checked_div_u128_u64(emitted_scaled, total_weight).ok_or(StakingError::MathOverflow)
        }
    }
}

/// Rewards earned by `weight` while the accumulator moved from `checkpoint` to `acc`, rounded
/// down, with the remainder (scaled) that rounding left behind.
pub fn earned(weight: u64, acc: u128, checkpoint: u128) -> Result<u64, StakingError> {
    let delta = acc
        .checked_sub(checkpoint)
        .ok_or(StakingError::MathOverflow)?;
    let scaled = checked_mul_u128_u64(delta, weight).ok_or(StakingError::MathOverflow)?;
    let (amount, _) =
        checked_div_rem_u128_u64(scaled, ACC_SCALE).ok_or(StakingError::MathOverflow)?;
    u64::try_from(amount).map_err(|_| StakingError::MathOverflow)
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

/// Perk points: weight-seconds, `points + weight × dt`, saturating at `u64::MAX` (points only
/// gate perks; an overflow must never block a stake change or an unstake).
pub fn add_points(points: u64, weight: u64, dt: u64) -> u64 {
    let gained = u64::try_from(mul_u64(weight, dt)).unwrap_or(u64::MAX);
    points.saturating_add(gained)
}

/// Largest emission a stream may schedule: `rate × duration` must fit in 64 bits (per weight
/// unit for `FixedPerWeight`, in total for `SharedEmission`), or the stream is refused.
pub fn check_schedule(rate: u64, start_ts: i64, end_ts: i64) -> Result<(), StakingError> {
    let duration = end_ts
        .checked_sub(start_ts)
        .and_then(|d| u64::try_from(d).ok())
        .ok_or(StakingError::InvalidStreamSchedule)?;
    if u64::try_from(mul_u64(rate, duration)).is_err() {
        return Err(StakingError::RateTooHigh);
    }
    Ok(())
}

// The tests' oracle uses plain (overflow-checked, panicking) host arithmetic on purpose.
#[cfg(test)]
#[allow(clippy::arithmetic_side_effects)]
mod tests;
