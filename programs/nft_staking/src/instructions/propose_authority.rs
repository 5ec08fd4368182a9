//! `propose_authority`: first step of a two-step authority transfer. The proposal can be
//! replaced by proposing again, or cancelled by proposing the zero key. The new authority may
//! be any signer, including a multisig vault PDA (a Squads vault signs `accept_authority`
//! through its vault transaction).
//!
//! Accounts: `[pool (w), authority (s)]`. Args: `new_authority: Pubkey`.

use crate::{
    borsh::Reader, discriminator, error::StakingError, events::AuthorityProposed,
    instructions::Context, validation::pool_as_authority,
};
use pinocchio::ProgramResult;

/// `sha256("global:propose_authority")[..8]`.
pub const DISCRIMINATOR: [u8; 8] = discriminator::instruction("propose_authority");

/// Records (or clears) the pending authority.
#[inline(never)] // its own stack frame: inlined together, handlers exceed 4 KiB
pub fn process(ctx: Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = ctx;
    let mut reader = Reader::new(data);
    let proposed = reader.address()?.to_bytes();
    reader.finish()?;
    let [pool, authority, ..] = accounts else {
        return Err(StakingError::NotEnoughAccounts.into());
    };
    let pool_key = pool.address().to_bytes();
    let mut state = pool_as_authority(pool, authority, program_id)?;

    state.pending_authority = proposed;
    AuthorityProposed {
        pool: pool_key,
        authority: state.authority,
        proposed,
    }
    .emit()?;
    Ok(())
}
