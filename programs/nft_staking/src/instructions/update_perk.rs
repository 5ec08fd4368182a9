//! `update_perk`: replaces a perk's terms (name, URI, cost, minimum staked, cap, window).
//! The cap may not drop below what was already redeemed; receipts are untouched.
//!
//! Accounts: `[pool, perk (w), authority (s)]`. Args: as `create_perk` without `perk_id`.

use crate::{
    borsh::Reader,
    discriminator,
    error::StakingError,
    events::PerkUpdated,
    instructions::Context,
    state::{Perk, PerkTerms, Pool, ZeroCopyAccount},
    validation::{require_authority, require_owned_by_program, require_writable},
};
use pinocchio::ProgramResult;

/// `sha256("global:update_perk")[..8]`.
pub const DISCRIMINATOR: [u8; 8] = discriminator::instruction("update_perk");

/// Validates the authority and the perk, then writes the new terms.
#[inline(never)] // its own stack frame: inlined together, handlers exceed 4 KiB
pub fn process(ctx: Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = ctx;
    let mut reader = Reader::new(data);
    let terms = PerkTerms::parse(&mut reader)?;
    reader.finish()?;
    let [pool, perk, authority, ..] = accounts else {
        return Err(StakingError::NotEnoughAccounts.into());
    };
    require_owned_by_program(pool, program_id, StakingError::InvalidPoolAccount)?;
    require_owned_by_program(perk, program_id, StakingError::InvalidPerkAccount)?;
    require_writable(perk)?;
    {
        let pool_data = pool.try_borrow()?;
        let state = Pool::load(&pool_data).map_err(|_| StakingError::InvalidPoolAccount)?;
        require_authority(authority, &state.authority)?;
    }
    let pool_key = pool.address().to_bytes();
    let perk_key = perk.address().to_bytes();
    let mut perk_data = perk.try_borrow_mut()?;
    let state = Perk::load_mut(&mut perk_data).map_err(|_| StakingError::InvalidPerkAccount)?;
    if state.pool != pool_key {
        return Err(StakingError::InvalidPerkAccount.into());
    }

    state.apply(&terms)?;
    PerkUpdated {
        pool: pool_key,
        perk: perk_key,
        cost_points: terms.cost_points,
    }
    .emit()?;
    Ok(())
}
