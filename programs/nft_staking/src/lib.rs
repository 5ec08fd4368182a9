//! `nft_staking`: NFT staking pools for Solana.
//!
//! A `no_std` pinocchio program with Anchor's wire interface (instruction, account and event
//! discriminators, Borsh layouts, error codes from 6000), so `@coral-xyz/anchor` clients work
//! with it unchanged. This file only wires: program id, entrypoint and dispatch.
#![cfg_attr(target_arch = "bpf", no_std)]

pub mod borsh;
pub mod constants;
pub mod discriminator;
pub mod error;
pub mod events;
pub mod instructions;
pub mod math;
pub mod merkle;
pub mod metadata;
pub mod pda;
pub mod state;
pub mod token;
pub mod validation;
pub mod wide;

use pinocchio::{error::ProgramError, AccountView, Address, ProgramResult};

solana_address::declare_id!("6nqoCLuH2b7DFed3tHHCCKw1dB8jS9j2xduhszMYdfg2");

#[cfg(target_arch = "bpf")]
mod entrypoint {
    // At most 96 accounts are read (a 16-NFT stake needs 69): the entrypoint keeps one pointer
    // per account on the stack, and the default 255 would take half of the 4 KiB frame.
    pinocchio::program_entrypoint!(super::process_instruction, 96);
    pinocchio::no_allocator!();
    pinocchio::nostd_panic_handler!();
}

/// Routes an instruction to its handler by its 8-byte Anchor discriminator, and logs a failure
/// the way Anchor does so that `AnchorError.parse` in clients shows the program's message.
/// Inlined into the entrypoint: with the result pointer it would need six argument registers.
#[inline(always)]
pub fn process_instruction(
    program_id: &Address,
    accounts: &mut [AccountView],
    data: &[u8],
) -> ProgramResult {
    let result = dispatch(program_id, accounts, data);
    if let Err(ProgramError::Custom(code)) = result {
        error::log_error(code);
    }
    result
}

#[inline(always)]
fn dispatch(program_id: &Address, accounts: &mut [AccountView], data: &[u8]) -> ProgramResult {
    let (tag, args) = data
        .split_first_chunk::<8>()
        .ok_or(error::StakingError::InvalidInstruction)?;
    use instructions::{admin, user, Context};
    let ctx = Context {
        program_id,
        accounts,
        data: args,
    };
    match *tag {
        admin::pool_initialize::DISCRIMINATOR => admin::pool_initialize::process(ctx),
        admin::pool_update::DISCRIMINATOR => admin::pool_update::process(ctx),
        admin::stream_add::DISCRIMINATOR => admin::stream_add::process(ctx),
        admin::stream_fund::DISCRIMINATOR => admin::stream_fund::process(ctx),
        admin::stream_update::DISCRIMINATOR => admin::stream_update::process(ctx),
        user::nft_stake::DISCRIMINATOR => user::nft_stake::process(ctx),
        user::nft_unstake::DISCRIMINATOR => user::nft_unstake::process(ctx),
        user::rewards_claim::DISCRIMINATOR => user::rewards_claim::process(ctx),
        user::tier_refresh::DISCRIMINATOR => user::tier_refresh::process(ctx),
        user::staker_close::DISCRIMINATOR => user::staker_close::process(ctx),
        user::perk_redeem::DISCRIMINATOR => user::perk_redeem::process(ctx),
        admin::pool_pause::DISCRIMINATOR => admin::pool_pause::process(ctx),
        admin::pool_sunset::DISCRIMINATOR => admin::pool_sunset::process(ctx),
        admin::authority_propose::DISCRIMINATOR => admin::authority_propose::process(ctx),
        admin::authority_accept::DISCRIMINATOR => admin::authority_accept::process(ctx),
        admin::surplus_withdraw::DISCRIMINATOR => admin::surplus_withdraw::process(ctx),
        admin::perk_create::DISCRIMINATOR => admin::perk_create::process(ctx),
        admin::perk_update::DISCRIMINATOR => admin::perk_update::process(ctx),
        admin::perk_close::DISCRIMINATOR => admin::perk_close::process(ctx),
        _ => Err(error::StakingError::InvalidInstruction.into()),
    }
}
