//! `fund_reward_stream`: moves reward tokens into a stream's vault. Anyone may fund a stream
//! (a creator, a DAO treasury, a sponsor).
//!
//! Accounts: `[pool (w), funder (s), funder_token (w), reward_vault (w), token_program]`.
//!
//! The pool is written because a stream accrues only what its vault covers (review finding
//! M-4): the streams are first brought up to now under the old balance (a gap with an empty
//! vault earns nothing, never retroactively), then the books' vault balance takes the funding.
//! Args: `stream_index: u8, amount: u64`.

use crate::instructions::Context;
use crate::{
    borsh::Reader,
    discriminator,
    error::StakingError,
    events::StreamFunded,
    state::{Pool, ZeroCopyAccount},
    token::{read_token_account, require_token_program, transfer},
    validation::{require_owned_by_program, require_signer, require_writable},
};
use pinocchio::{
    sysvars::{clock::Clock, Sysvar},
    ProgramResult,
};

/// `sha256("global:fund_reward_stream")[..8]`.
pub const DISCRIMINATOR: [u8; 8] = discriminator::instruction("fund_reward_stream");

/// Checks the vault and the funder's token account against the stream, accrues, books the
/// funding, then transfers.
#[inline(never)] // its own stack frame: inlined together, handlers exceed 4 KiB
pub fn process(ctx: Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = ctx;
    let mut reader = Reader::new(data);
    let (stream_index, amount) = (reader.u8()?, reader.u64()?);
    reader.finish()?;
    let [pool, funder, funder_token, reward_vault, token_program, ..] = accounts else {
        return Err(StakingError::NotEnoughAccounts.into());
    };
    require_owned_by_program(pool, program_id, StakingError::InvalidPoolAccount)?;
    require_signer(funder)?;
    require_token_program(token_program)?;
    if amount == 0 {
        return Err(StakingError::ZeroAmount.into());
    }
    require_writable(pool)?;
    let now = Clock::get()?.unix_timestamp;
    let mut pool_data = pool.try_borrow_mut()?;
    let state = Pool::load_mut(&mut pool_data).map_err(|_| StakingError::InvalidPoolAccount)?;
    if stream_index >= state.stream_count {
        return Err(StakingError::InvalidStreamIndex.into());
    }
    let (stream_mint, stream_vault) = {
        let stream = state
            .streams
            .get(usize::from(stream_index))
            .ok_or(StakingError::InvalidStreamIndex)?;
        (stream.mint, stream.vault)
    };
    if reward_vault.address().as_array() != &stream_vault {
        return Err(StakingError::InvalidRewardVault.into());
    }
    let source = read_token_account(funder_token, StakingError::RewardMintMismatch)?;
    if source.mint.as_array() != &stream_mint {
        return Err(StakingError::RewardMintMismatch.into());
    }
    let held = read_token_account(reward_vault, StakingError::InvalidRewardVault)?.amount;
    let funded = held.checked_add(amount).ok_or(StakingError::MathOverflow)?;

    state.accrue_all(now)?;
    let stream = state
        .streams
        .get_mut(usize::from(stream_index))
        .ok_or(StakingError::InvalidStreamIndex)?;
    stream.sync_vault_balance(funded);
    drop(pool_data);
    transfer(funder_token, reward_vault, funder, amount, &[])?;
    StreamFunded {
        pool: pool.address().to_bytes(),
        stream_index,
        funder: funder.address().to_bytes(),
        amount,
    }
    .emit()?;
    Ok(())
}
