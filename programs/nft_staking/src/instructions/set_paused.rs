//! `set_paused`: stops (or resumes) `stake` and `claim`. Never stops `unstake`: a pause is an
//! emergency brake on new value flows, not a way to hold NFTs or rewards.
//!
//! Accounts: `[pool (w), authority (s)]`. Args: `paused: bool`.
//!
//! A pause ends by itself after the pool's `max_pause_s` (at most 30 days) unless the
//! authority renews it by pausing again, and it never stops claims once the pool is sunset
//! (review finding L-7): earned rewards cannot be held hostage indefinitely.

use crate::{
    borsh::Reader, discriminator, error::StakingError, events::PoolPauseUpdated,
    instructions::Context, validation::pool_as_authority,
};
use pinocchio::{
    sysvars::{clock::Clock, Sysvar},
    ProgramResult,
};

/// `sha256("global:set_paused")[..8]`.
pub const DISCRIMINATOR: [u8; 8] = discriminator::instruction("set_paused");

/// Starts (or renews) a pause of `max_pause_s`, or ends it.
#[inline(never)] // its own stack frame: inlined together, handlers exceed 4 KiB
pub fn process(ctx: Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = ctx;
    let mut reader = Reader::new(data);
    let paused = reader.bool()?;
    reader.finish()?;
    let [pool, authority, ..] = accounts else {
        return Err(StakingError::NotEnoughAccounts.into());
    };
    let pool_key = pool.address().to_bytes();
    let mut state = pool_as_authority(pool, authority, program_id)?;

    state.paused_until = if paused {
        Clock::get()?
            .unix_timestamp
            .checked_add(i64::from(state.max_pause_s))
            .ok_or(StakingError::MathOverflow)?
    } else {
        0
    };
    PoolPauseUpdated {
        pool: pool_key,
        paused_until: state.paused_until,
    }
    .emit()?;
    Ok(())
}
