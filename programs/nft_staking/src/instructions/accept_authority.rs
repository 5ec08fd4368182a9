//! `accept_authority`: second step of the transfer, signed by the proposed authority.
//!
//! Accounts: `[pool (w), new_authority (s)]`. No arguments.

use crate::{
    discriminator,
    error::StakingError,
    events::AuthorityAccepted,
    instructions::Context,
    state::{Pool, ZeroCopyAccount, NO_KEY},
    validation::{require_owned_by_program, require_signer, require_writable},
};
use pinocchio::ProgramResult;

/// `sha256("global:accept_authority")[..8]`.
pub const DISCRIMINATOR: [u8; 8] = discriminator::instruction("accept_authority");

/// Makes the pending authority the authority.
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
    let [pool, new_authority, ..] = accounts else {
        return Err(StakingError::NotEnoughAccounts.into());
    };
    require_owned_by_program(pool, program_id, StakingError::InvalidPoolAccount)?;
    require_writable(pool)?;
    require_signer(new_authority)?;
    let pool_key = pool.address().to_bytes();
    let mut pool_data = pool.try_borrow_mut()?;
    let state = Pool::load_mut(&mut pool_data).map_err(|_| StakingError::InvalidPoolAccount)?;
    if state.pending_authority == NO_KEY {
        return Err(StakingError::NoPendingAuthority.into());
    }
    if new_authority.address().as_array() != &state.pending_authority {
        return Err(StakingError::NotPendingAuthority.into());
    }

    let previous = state.authority;
    state.authority = state.pending_authority;
    state.pending_authority = NO_KEY;
    AuthorityAccepted {
        pool: pool_key,
        previous,
        authority: state.authority,
    }
    .emit()?;
    Ok(())
}
