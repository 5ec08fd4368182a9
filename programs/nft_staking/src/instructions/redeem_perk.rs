//! `redeem_perk`: a holder spends stake points on a perk. The perk's counter goes up and the
//! holder's `PerkReceipt` (created on first redemption) records it, verifiable by anyone.
//!
//! Accounts: `[pool (w), perk (w), staker (w), receipt (w), owner (w, s), system_program]`.
//! Args: `receipt_bump: u8` (used when the receipt is created; the SDK passes the canonical
//! bump). A receipt is only the holder's own record, so a client choosing another valid bump
//! gains nothing, and verifying a given bump costs one sha256 instead of a bump search.

use crate::{
    constants::RECEIPT_SEED,
    discriminator,
    error::StakingError,
    events::PerkRedeemed,
    instructions::Context,
    pda,
    state::{Perk, PerkReceipt, Pool, Staker, ZeroCopyAccount},
    validation::{require_owned_by_program, require_signer, require_staker_account, require_system_program, require_writable},
};
use pinocchio::{
    cpi::{Seed, Signer},
    sysvars::{clock::Clock, Sysvar},
    ProgramResult,
};

/// `sha256("global:redeem_perk")[..8]`.
pub const DISCRIMINATOR: [u8; 8] = discriminator::instruction("redeem_perk");

/// Checks the window, supply, stake and points; spends the points and writes the receipt.
#[inline(never)] // its own stack frame: inlined together, handlers exceed 4 KiB
pub fn process(ctx: Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = ctx;
    let receipt_bump = match data {
        [bump] => *bump,
        _ => return Err(StakingError::InvalidInstructionData.into()),
    };
    let [pool, perk, staker, receipt, owner, system_program, ..] = accounts else {
        return Err(StakingError::NotEnoughAccounts.into());
    };
    require_owned_by_program(pool, program_id, StakingError::InvalidPoolAccount)?;
    require_writable(pool)?;
    require_owned_by_program(perk, program_id, StakingError::InvalidPerkAccount)?;
    require_writable(perk)?;
    require_staker_account(staker, program_id)?;
    require_writable(staker)?;
    require_writable(receipt)?;
    require_signer(owner)?;
    require_writable(owner)?;
    require_system_program(system_program)?;
    let now = Clock::get()?.unix_timestamp;
    let (pool_key, perk_key, owner_key) = (*pool.address(), *perk.address(), *owner.address());

    // 1. Validate, and spend the points (a failure later reverts everything).
    let cost = {
        let mut pool_data = pool.try_borrow_mut()?;
        let pool_state =
            Pool::load_mut(&mut pool_data).map_err(|_| StakingError::InvalidPoolAccount)?;
        let mut perk_data = perk.try_borrow_mut()?;
        let perk_state =
            Perk::load_mut(&mut perk_data).map_err(|_| StakingError::InvalidPerkAccount)?;
        if perk_state.pool != pool_key.to_bytes() {
            return Err(StakingError::InvalidPerkAccount.into());
        }
        let mut staker_data = staker.try_borrow_mut()?;
        let staker_state =
            Staker::load_mut(&mut staker_data).map_err(|_| StakingError::InvalidStakerAccount)?;
        staker_state.require_position(&pool_key.to_bytes(), &owner_key.to_bytes())?;
        if now < perk_state.start_ts || now >= perk_state.end_ts {
            return Err(StakingError::PerkNotActive.into());
        }
        if perk_state.supply_cap != 0 && perk_state.redeemed >= perk_state.supply_cap {
            return Err(StakingError::PerkSoldOut.into());
        }
        if staker_state.record_count < perk_state.min_staked {
            return Err(StakingError::NotEnoughStaked.into());
        }
        staker_state.checkpoint(pool_state, now)?;
        staker_state.points = staker_state
            .points
            .checked_sub(perk_state.cost_points)
            .ok_or(StakingError::NotEnoughPoints)?;
        perk_state.redeemed = perk_state
            .redeemed
            .checked_add(1)
            .ok_or(StakingError::MathOverflow)?;
        perk_state.cost_points
    };

    // 2. The receipt: created at its PDA on first redemption, else checked.
    let count = if receipt.is_data_empty() && !receipt.owned_by(program_id) {
        let bump = receipt_bump;
        let expected = pda::derive(
            &[RECEIPT_SEED, perk_key.as_ref(), owner_key.as_ref()],
            bump,
            program_id,
        );
        if expected.as_ref() != Some(receipt.address()) {
            return Err(StakingError::InvalidReceiptAccount.into());
        }
        let bump_seed = [bump];
        let seeds = [
            Seed::from(RECEIPT_SEED),
            Seed::from(perk_key.as_ref()),
            Seed::from(owner_key.as_ref()),
            Seed::from(&bump_seed),
        ];
        pinocchio_system::create_account_with_minimum_balance_signed(
            receipt,
            PerkReceipt::SPACE,
            program_id,
            owner,
            None,
            &[Signer::from(&seeds)],
        )?;
        let mut receipt_data = receipt.try_borrow_mut()?;
        let state = PerkReceipt::init(&mut receipt_data)?;
        state.perk = perk_key.to_bytes();
        state.owner = owner_key.to_bytes();
        state.bump = bump;
        state.count = 1;
        state.last_redeemed_at = now;
        1
    } else {
        require_owned_by_program(receipt, program_id, StakingError::InvalidReceiptAccount)?;
        let mut receipt_data = receipt.try_borrow_mut()?;
        let state = PerkReceipt::load_mut(&mut receipt_data)
            .map_err(|_| StakingError::InvalidReceiptAccount)?;
        if state.perk != perk_key.to_bytes() || state.owner != owner_key.to_bytes() {
            return Err(StakingError::InvalidReceiptAccount.into());
        }
        state.count = state
            .count
            .checked_add(1)
            .ok_or(StakingError::MathOverflow)?;
        state.last_redeemed_at = now;
        state.count
    };

    PerkRedeemed {
        pool: pool_key.to_bytes(),
        perk: perk_key.to_bytes(),
        owner: owner_key.to_bytes(),
        points_spent: cost,
        count,
        redeemed_at: now,
    }
    .emit()?;
    Ok(())
}
