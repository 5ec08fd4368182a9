//! `close_perk`: retires a perk and returns its rent. Receipts stay (they are the holders'
//! proof of redemption).
//!
//! Accounts: `[pool, perk (w), authority (s), rent_destination (w)]`. No arguments.

use crate::{
    discriminator,
    error::StakingError,
    events::PerkClosed,
    instructions::Context,
    state::{Perk, Pool, ZeroCopyAccount},
    validation::{require_authority, require_owned_by_program, require_writable},
};
use pinocchio::ProgramResult;

/// `sha256("global:close_perk")[..8]`.
pub const DISCRIMINATOR: [u8; 8] = discriminator::instruction("close_perk");

/// Checks the perk belongs to the pool, then closes it.
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
    let [pool, perk, authority, rent_destination, ..] = accounts else {
        return Err(StakingError::NotEnoughAccounts.into());
    };
    require_owned_by_program(pool, program_id, StakingError::InvalidPoolAccount)?;
    require_owned_by_program(perk, program_id, StakingError::InvalidPerkAccount)?;
    require_writable(perk)?;
    require_writable(rent_destination)?;
    {
        let pool_data = pool.try_borrow()?;
        let state = Pool::load(&pool_data).map_err(|_| StakingError::InvalidPoolAccount)?;
        require_authority(authority, &state.authority)?;
        let perk_data = perk.try_borrow()?;
        let perk_state = Perk::load(&perk_data).map_err(|_| StakingError::InvalidPerkAccount)?;
        if perk_state.pool != pool.address().to_bytes() {
            return Err(StakingError::InvalidPerkAccount.into());
        }
    }
    let (pool_key, perk_key) = (pool.address().to_bytes(), perk.address().to_bytes());

    crate::validation::close_program_account(perk, rent_destination)?;
    PerkClosed {
        pool: pool_key,
        perk: perk_key,
    }
    .emit()?;
    Ok(())
}
