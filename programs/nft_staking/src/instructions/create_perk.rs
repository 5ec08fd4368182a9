//! `create_perk`: a perk holders can redeem with stake points.
//!
//! Accounts: `[pool, perk (w), authority (s), payer (w, s), system_program]`.
//! Args: `perk_id: u64, bump: u8, name: String (≤ 32), uri: String (≤ 96), cost_points: u64,
//! min_staked: u32, supply_cap: u32 (0 = unlimited), start_ts: i64, end_ts: i64`.
//!
//! The client passes the PDA bump (the SDK uses the canonical one): verifying it costs one
//! sha256 instead of a bump search (~1.5k CU per try), and only the authority creates perks,
//! so nothing is gained by choosing another valid bump.

use crate::{
    borsh::Reader,
    constants::PERK_SEED,
    discriminator,
    error::StakingError,
    events::PerkCreated,
    instructions::Context,
    pda,
    state::{Perk, PerkTerms, Pool, ZeroCopyAccount},
    validation::{
        require_authority, require_owned_by_program, require_signer, require_system_program,
        require_uninitialized, require_writable,
    },
};
use pinocchio::{
    cpi::{Seed, Signer},
    ProgramResult,
};

/// `sha256("global:create_perk")[..8]`.
pub const DISCRIMINATOR: [u8; 8] = discriminator::instruction("create_perk");

/// Creates the perk PDA and writes its terms.
#[inline(never)] // its own stack frame: inlined together, handlers exceed 4 KiB
pub fn process(ctx: Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = ctx;
    let mut reader = Reader::new(data);
    let perk_id = reader.u64()?;
    let bump = reader.u8()?;
    let terms = PerkTerms::parse(&mut reader)?;
    reader.finish()?;
    let [pool, perk, authority, payer, system_program, ..] = accounts else {
        return Err(StakingError::NotEnoughAccounts.into());
    };
    require_owned_by_program(pool, program_id, StakingError::InvalidPoolAccount)?;
    require_writable(perk)?;
    require_signer(payer)?;
    require_writable(payer)?;
    require_system_program(system_program)?;
    {
        let pool_data = pool.try_borrow()?;
        let state = Pool::load(&pool_data).map_err(|_| StakingError::InvalidPoolAccount)?;
        require_authority(authority, &state.authority)?;
    }
    let pool_key = *pool.address();
    let id_bytes = perk_id.to_le_bytes();
    let expected = pda::derive(&[PERK_SEED, pool_key.as_ref(), &id_bytes], bump, program_id);
    if expected.as_ref() != Some(perk.address()) {
        return Err(StakingError::InvalidPerkAccount.into());
    }
    require_uninitialized(perk, program_id, StakingError::InvalidPerkAccount)?;

    let bump_seed = [bump];
    let seeds = [
        Seed::from(PERK_SEED),
        Seed::from(pool_key.as_ref()),
        Seed::from(&id_bytes),
        Seed::from(&bump_seed),
    ];
    pinocchio_system::create_account_with_minimum_balance_signed(
        perk,
        Perk::SPACE,
        program_id,
        payer,
        None,
        &[Signer::from(&seeds)],
    )?;
    let perk_key = perk.address().to_bytes();
    let mut perk_data = perk.try_borrow_mut()?;
    let state = Perk::init(&mut perk_data)?;
    state.pool = pool_key.to_bytes();
    state.perk_id = perk_id;
    state.bump = bump;
    state.apply(&terms)?;

    PerkCreated {
        pool: pool_key.to_bytes(),
        perk: perk_key,
        perk_id,
        cost_points: terms.cost_points,
    }
    .emit()?;
    Ok(())
}
