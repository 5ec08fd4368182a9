//! `set_paused`: stops (or resumes) `stake` and `claim`. Never stops `unstake`: a pause is an
//! emergency brake on new value flows, not a way to hold NFTs.
//!
//! Accounts: `[pool (w), authority (s)]`. Args: `paused: bool`.

use crate::{
    borsh::Reader, discriminator, error::StakingError, events::PoolPauseUpdated,
    instructions::Context, validation::pool_as_authority,
};
use pinocchio::ProgramResult;

/// `sha256("global:set_paused")[..8]`.
pub const DISCRIMINATOR: [u8; 8] = discriminator::instruction("set_paused");

/// Sets the pause flag.
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

    state.paused = u8::from(paused);
    PoolPauseUpdated {
        pool: pool_key,
        paused: state.paused,
    }
    .emit()?;
    Ok(())
}
