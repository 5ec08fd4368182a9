//! `unstake`: returns 1..=16 escrowed NFTs to their holder and removes their weight.
//!
//! Accounts: `[pool (w), staker (w), owner (w, s), token_program]`, then per NFT
//! `[escrow (w), owner_token (w)]`. No arguments. The NFT's mint is read from the escrow
//! token account (which only the token program can write), and the escrow address is then
//! re-derived from it with the bump stored in the record.
//!
//! Unstake never depends on the creator: it works while the pool is paused, after streams
//! end or vaults empty, and after tier or authority changes (records carry their own weight
//! and escrow bump). Only an active lock refuses it, and sunset lifts locks. Rewards are
//! checkpointed into `owed` first, so nothing earned is lost. Escrow rent and the shrunk
//! record space go back to the holder.
//!
//! The destination token account must exist: clients prepend an idempotent ATA creation
//! (the SDK does). Creating it here would cost two more accounts in every unstake (fewer NFTs
//! per transaction) for a case the client handles in the same transaction.

use crate::instructions::Context;
use crate::{
    constants::{ESCROW_SEED, MAX_BATCH},
    discriminator,
    error::StakingError,
    events::NftUnstaked,
    pda,
    state::{staker::split_mut, Key, Pool, Staker, ZeroCopyAccount},
    token::{close, read_token_account, require_token_program, transfer},
    validation::{batch_len, require_owned_by_program, require_signer, require_staker_account, require_writable},
};
use pinocchio::{
    sysvars::{clock::Clock, rent::Rent, Sysvar},
    ProgramResult, Resize,
};

/// `sha256("global:unstake")[..8]`.
pub const DISCRIMINATOR: [u8; 8] = discriminator::instruction("unstake");

const FIXED_ACCOUNTS: usize = 4;
const ACCOUNTS_PER_NFT: usize = 2;

/// Validates the holder's records and accounts, updates the books, then moves the NFTs back.
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
    let count = batch_len(accounts.len(), FIXED_ACCOUNTS, ACCOUNTS_PER_NFT, MAX_BATCH)?;
    let (fixed, nft_accounts) = accounts.split_at_mut(FIXED_ACCOUNTS);
    let [pool, staker, owner, token_program] = fixed else {
        return Err(StakingError::NotEnoughAccounts.into());
    };
    require_owned_by_program(pool, program_id, StakingError::InvalidPoolAccount)?;
    require_writable(pool)?;
    require_signer(owner)?;
    require_writable(owner)?;
    require_staker_account(staker, program_id)?;
    require_writable(staker)?;
    require_token_program(token_program)?;
    let now = Clock::get()?.unix_timestamp;
    let pool_key = *pool.address();
    let owner_key = *owner.address();

    // 1. Validate and update the books (nothing has moved yet; a failure reverts all).
    let mut removed = [(Key::default(), 0u64); MAX_BATCH];
    let (seeds_source, new_len) = {
        let mut pool_data = pool.try_borrow_mut()?;
        let pool_state =
            Pool::load_mut(&mut pool_data).map_err(|_| StakingError::InvalidPoolAccount)?;
        let mut staker_data = staker.try_borrow_mut()?;
        let (staker_state, records) =
            split_mut(&mut staker_data).map_err(|_| StakingError::InvalidStakerAccount)?;
        staker_state.require_position(&pool_key.to_bytes(), &owner_key.to_bytes())?;
        let mut live = records.len();
        for (index, group) in nft_accounts.chunks_exact(ACCOUNTS_PER_NFT).enumerate() {
            let [escrow, owner_token] = group else {
                return Err(StakingError::NotEnoughAccounts.into());
            };
            let mint_key = read_token_account(escrow, StakingError::InvalidEscrow)?
                .mint
                .to_bytes();
            let (earlier, rest) = removed.split_at_mut(index);
            if earlier.iter().any(|(other, _)| *other == mint_key) {
                return Err(StakingError::DuplicateNft.into());
            }
            let position = records
                .get(..live)
                .unwrap_or(&[])
                .iter()
                .position(|record| record.mint == mint_key)
                .ok_or(StakingError::NftNotStaked)?;
            let record = *records.get(position).ok_or(StakingError::NftNotStaked)?;
            if pool_state.sunset == 0 && now < record.lock_until {
                return Err(StakingError::StakeLocked.into());
            }
            let expected_escrow = pda::derive(
                &[ESCROW_SEED, pool_key.as_ref(), &mint_key],
                record.escrow_bump,
                program_id,
            );
            if expected_escrow.as_ref() != Some(escrow.address()) || !escrow.is_writable() {
                return Err(StakingError::InvalidEscrow.into());
            }
            if !(owner_token.is_data_empty() && owner_token.lamports() == 0) {
                let destination =
                    read_token_account(owner_token, StakingError::InvalidTokenAccount)?;
                if destination.mint.as_array() != &mint_key || destination.owner != owner_key {
                    return Err(StakingError::InvalidTokenAccount.into());
                }
            }
            // Swap-remove: the last live record takes this one's place.
            live = live.checked_sub(1).ok_or(StakingError::NftNotStaked)?;
            records.swap(position, live);
            if let Some(slot) = rest.first_mut() {
                *slot = (mint_key, record.weight);
            }
        }
        let removed_weight = removed
            .iter()
            .take(count)
            .try_fold(0u64, |sum, (_, weight)| sum.checked_add(*weight))
            .ok_or(StakingError::MathOverflow)?;

        staker_state.checkpoint(pool_state, now)?;
        staker_state.total_weight = staker_state
            .total_weight
            .checked_sub(removed_weight)
            .ok_or(StakingError::MathOverflow)?;
        staker_state.record_count = u32::try_from(live).map_err(|_| StakingError::MathOverflow)?;
        pool_state.remove_stake(removed_weight, count)?;
        (pool_state.signer_seeds(), Staker::space(live))
    };

    // 2. Move the NFTs back and close the escrows, signing as the pool.
    let pool_seeds = seeds_source.seeds();
    for group in nft_accounts.chunks_exact(ACCOUNTS_PER_NFT) {
        let [escrow, owner_token] = group else {
            return Err(StakingError::NotEnoughAccounts.into());
        };
        // The whole balance, not 1: `stake` only accepts mints nobody can mint more of, but if
        // a token ever reached the escrow some other way it must not block the close (M-1).
        let amount = read_token_account(escrow, StakingError::InvalidEscrow)?.amount;
        transfer(escrow, owner_token, pool, amount, &pool_seeds)?;
        close(escrow, owner, pool, &pool_seeds)?;
    }

    // 3. Shrink the records and refund the rent they no longer need.
    staker.resize(new_len)?;
    // The program owns the staker account, so it moves the surplus lamports directly.
    let keep = Rent::get()?.try_minimum_balance(new_len)?;
    let refund = staker.lamports().saturating_sub(keep);
    staker.set_lamports(staker.lamports().saturating_sub(refund));
    owner.set_lamports(
        owner
            .lamports()
            .checked_add(refund)
            .ok_or(StakingError::MathOverflow)?,
    );

    for (mint, weight) in removed.iter().take(count) {
        NftUnstaked {
            pool: pool_key.to_bytes(),
            owner: owner_key.to_bytes(),
            mint: *mint,
            weight: *weight,
            unstaked_at: now,
        }
        .emit()?;
    }
    Ok(())
}
