//! `nft_staking`: NFT staking pools for Solana.
//!
//! A `no_std` pinocchio program with Anchor's wire interface (instruction, account and event
//! discriminators, Borsh layouts, error codes from 6000), so `@coral-xyz/anchor` clients work
//! with it unchanged. This file only wires: program id, entrypoint and dispatch.
#![cfg_attr(target_arch = "bpf", no_std)]

pub mod borsh;
pub mod constants;
pub mod discriminator;
pub mod edition;
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
    // At most 96 accounts are read (a 16-NFT stake needs 85): the entrypoint keeps one pointer
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
    let ctx = instructions::Context {
        program_id,
        accounts,
        data: args,
    };
    instructions::dispatch(tag, ctx)
}
