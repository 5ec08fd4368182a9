//! `close_staker`: a holder with nothing staked and nothing owed closes their `Staker` and gets
//! its rent back (with `unstake`, every lamport a holder put in comes back).
//!
//! Accounts: `[pool (w), staker (w), owner (w, s)]`, then optionally the pool's reward vaults
//! in stream order. No arguments.
//!
//! Rewards still owed on a stream whose vault is frozen by its mint's freeze authority can
//! never be paid while it stays frozen; a holder who passes that vault gives them up and
//! closes anyway (review finding L-1), instead of leaving their rent locked with them.

use crate::{
    discriminator,
    error::StakingError,
    events::StakerClosed,
    instructions::Context,
    state::{Pool, Staker, ZeroCopyAccount},
    token::read_token_account,
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
    let (fixed, vaults) = accounts
        .split_at_mut_checked(3)
        .ok_or(StakingError::NotEnoughAccounts)?;
    let [pool, staker, owner] = fixed else {
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
        for (index, (stream, mine)) in pool_state
            .active_streams_mut()
            .iter_mut()
            .zip(state.streams.iter_mut())
            .enumerate()
        {
            if mine.owed == 0 {
                continue;
            }
            let frozen_vault = vaults.get(index).is_some_and(|vault| {
                vault.address().as_array() == &stream.vault
                    && read_token_account(vault, StakingError::InvalidRewardVault)
                        .is_ok_and(|held| held.frozen)
            });
            if !frozen_vault {
                return Err(StakingError::RewardsStillOwed.into());
            }
            stream.owed_total = stream
                .owed_total
                .checked_sub(mine.owed)
                .ok_or(StakingError::MathOverflow)?;
            mine.owed = 0;
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
