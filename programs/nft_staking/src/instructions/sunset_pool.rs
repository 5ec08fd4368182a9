//! `sunset_pool`: ends the season. Every stream ends now (what was earned stays claimable),
//! every lock is lifted, and no new stakes are accepted. Holders claim and unstake at will.
//!
//! Accounts: `[pool (w), authority (s)]`. No arguments.

use crate::{
    discriminator, error::StakingError, events::PoolSunset, instructions::Context,
    validation::pool_as_authority,
};
use pinocchio::{
    sysvars::{clock::Clock, Sysvar},
    ProgramResult,
};

/// `sha256("global:sunset_pool")[..8]`.
pub const DISCRIMINATOR: [u8; 8] = discriminator::instruction("sunset_pool");

/// Accrues every stream to now, ends them, and marks the pool sunset.
#[inline(never)] // its own stack frame: inlined together, handlers exceed 4 KiB
pub fn process(ctx: Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = ctx;
    if !data.is_empty() {
        return Err(StakingError::InvalidInstructionData.into());
    }
    let [pool, authority, ..] = accounts else {
        return Err(StakingError::NotEnoughAccounts.into());
    };
    let now = Clock::get()?.unix_timestamp;
    let pool_key = pool.address().to_bytes();
    let mut state = pool_as_authority(pool, authority, program_id)?;
    if state.sunset != 0 {
        return Err(StakingError::PoolAlreadySunset.into());
    }

    state.accrue_all(now)?;
    for stream in state.active_streams_mut() {
        // A stream that has not started yet ends before it pays anything.
        stream.end_ts = stream.end_ts.min(now.max(stream.start_ts));
    }
    state.sunset = 1;
    PoolSunset {
        pool: pool_key,
        sunset_at: now,
    }
    .emit()?;
    Ok(())
}
