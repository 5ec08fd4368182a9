//! `close_staker`: a holder with nothing staked and nothing owed closes their `Staker` and gets
//! its rent back (with `unstake`, every lamport a holder put in comes back).
//!
//! Accounts: `[pool (w), staker (w), owner (w, s)]`. No arguments.

use crate::{
    discriminator,
    error::StakingError,
    events::StakerClosed,
    instructions::Context,
    state::{Pool, Staker, ZeroCopyAccount},
    validation::{close_program_account, require_owned_by_program, require_signer, require_staker_account, require_writable},
};
use pinocchio::{
    sysvars::{clock::Clock, Sysvar},
    ProgramResult,
};

/// `sha256("global:close_staker")[..8]`.
pub const DISCRIMINATOR: [u8; 8] = discriminator::instruction("close_staker");

/// Checkpoints, checks that nothing is staked or owed, then closes the account.
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
    let [pool, staker, owner, ..] = accounts else {
        return Err(StakingError::NotEnoughAccounts.into());
    };
    require_owned_by_program(pool, program_id, StakingError::InvalidPoolAccount)?;
    require_writable(pool)?;
    require_staker_account(staker, program_id)?;
    require_writable(staker)?;
    require_signer(owner)?;
    require_writable(owner)?;
    let now = Clock::get()?.unix_timestamp;
    let (pool_key, owner_key) = (pool.address().to_bytes(), owner.address().to_bytes());
    {
        let mut pool_data = pool.try_borrow_mut()?;
        let pool_state =
            Pool::load_mut(&mut pool_data).map_err(|_| StakingError::InvalidPoolAccount)?;
        let mut staker_data = staker.try_borrow_mut()?;
        let state =
            Staker::load_mut(&mut staker_data).map_err(|_| StakingError::InvalidStakerAccount)?;
        state.require_position(&pool_key, &owner_key)?;
        if state.record_count != 0 || state.total_weight != 0 {
            return Err(StakingError::StakerNotEmpty.into());
        }
        // Settle anything accrued since the last change (nothing, at zero weight, but the
        // checkpoint keeps the books exact), then require it all paid.
        state.checkpoint(pool_state, now)?;
        if state.streams.iter().any(|stream| stream.owed != 0) {
            return Err(StakingError::RewardsStillOwed.into());
        }
    }

    close_program_account(staker, owner)?;
    StakerClosed {
        pool: pool_key,
        owner: owner_key,
    }
    .emit()?;
    Ok(())
}
