//! Reward math (docs/design.md §4): one accumulator per stream, two emission modes. Pure functions
//! of numbers; `state/reward_stream.rs` applies them to a stream.
//!
//! Weights are fixed point: effective weights count `1 / BPS` of a weight unit (tier weight ×
//! lock multiplier in basis points), so `acc` is per `1 / BPS` unit.
//!
//! * `FixedPerWeight`: every weight unit earns `rate` base units per second,
//!   `acc += rate × dt × SCALE / BPS` (exact: `SCALE` is a multiple of `BPS`).
//! * `SharedEmission`: `rate` base units per second shared pro rata,
//!   `acc += rate × dt × SCALE / total_weight` (nothing accrues while nothing is staked).
//!
//! Either way a stream accrues only what its vault covers (`RewardStream::accrue`).
//!
//! A staker's pending reward is `weight × (acc − checkpoint) / SCALE + owed`. Rounding is
//! always down on what holders are owed, so the pool never promises more than it emits.
//! Liability (earned, unpaid) is O(1): `owed_total` plus the not-yet-settled part kept as
//! `unsettled_scaled = Σ weightᵢ × (acc − checkpointᵢ)`, rounded up.

use crate::{
    constants::BPS,
    error::StakingError,
    wide::{checked_div_rem_u128_u64, checked_div_u128_u64, checked_mul_u128_u64, mul_u64},
};

/// Fixed-point scale of `acc_per_weight`.
pub const ACC_SCALE: u64 = 1_000_000_000_000;

/// Growth of a `FixedPerWeight` accumulator per base unit of rate and per second: one whole
/// weight unit is `BPS` effective units, each earning `1 / BPS` of the rate.
pub const FIXED_ACC_PER_RATE_SECOND: u64 = ACC_SCALE / BPS;

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
    let emitted = mul_u64(rate, dt);
    if mode == StreamMode::FixedPerWeight {
        return checked_mul_u128_u64(emitted, FIXED_ACC_PER_RATE_SECOND)
            .ok_or(StakingError::MathOverflow);
    }
    let emitted_scaled =
        checked_mul_u128_u64(emitted, ACC_SCALE).ok_or(StakingError::MathOverflow)?;
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

/// Perk points: whole-weight-seconds, `points + ⌊weight × dt / BPS⌋` for an effective weight
/// (`1 / BPS` units), saturating at `u64::MAX` (points only gate perks; an overflow must
/// never block a stake change or an unstake). The floor drops less than one point per
/// checkpoint.
pub fn add_points(points: u64, weight: u64, dt: u64) -> u64 {
    let gained = checked_div_u128_u64(mul_u64(weight, dt), BPS)
        .and_then(|gained| u64::try_from(gained).ok())
        .unwrap_or(u64::MAX);
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
