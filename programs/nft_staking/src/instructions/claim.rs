//! `claim`: pays a holder what they earned on every stream, in O(1) whatever the number of
//! NFTs staked (the records are never read).
//!
//! Accounts: `[pool (w), staker (w), owner (s), token_program]`, then per stream (all of the
//! pool's streams, in order) `[reward_vault (w), owner_reward_token (w)]`. No arguments.
//!
//! Each stream pays `min(owed, vault balance)` and keeps the rest as `owed`: an empty vault
//! never loses a holder's rewards and never blocks anything else.

use crate::instructions::Context;
use crate::{
    constants::MAX_STREAMS,
    discriminator,
    error::StakingError,
    events::RewardsClaimed,
    state::{Pool, Staker, ZeroCopyAccount},
    token::{read_token_account, require_token_program, transfer},
    validation::{require_owned_by_program, require_signer, require_staker_account, require_writable},
};
use pinocchio::{
    sysvars::{clock::Clock, Sysvar},
    ProgramResult,
};

/// `sha256("global:claim")[..8]`.
pub const DISCRIMINATOR: [u8; 8] = discriminator::instruction("claim");

const FIXED_ACCOUNTS: usize = 4;

/// Checkpoints the holder, pays each stream from its vault, and records what was paid.
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
    let (fixed, stream_accounts) = accounts
        .split_at_mut_checked(FIXED_ACCOUNTS)
        .ok_or(StakingError::NotEnoughAccounts)?;
    let [pool, staker, owner, token_program] = fixed else {
        return Err(StakingError::NotEnoughAccounts.into());
    };
    require_owned_by_program(pool, program_id, StakingError::InvalidPoolAccount)?;
    require_writable(pool)?;
    require_signer(owner)?;
    require_staker_account(staker, program_id)?;
    require_writable(staker)?;
    require_token_program(token_program)?;
    let now = Clock::get()?.unix_timestamp;
    let pool_key = *pool.address();
    let owner_key = *owner.address();

    let mut payouts = [(0u64, 0u64, [0u8; 32]); MAX_STREAMS];
    let (seeds_source, stream_count) = {
        let mut pool_data = pool.try_borrow_mut()?;
        let pool_state =
            Pool::load_mut(&mut pool_data).map_err(|_| StakingError::InvalidPoolAccount)?;
        // A sunset pool always pays out what it owes, paused or not (review finding L-7).
        if pool_state.is_paused(now) && pool_state.sunset == 0 {
            return Err(StakingError::PoolPaused.into());
        }
        let mut staker_data = staker.try_borrow_mut()?;
        let staker_state =
            Staker::load_mut(&mut staker_data).map_err(|_| StakingError::InvalidStakerAccount)?;
        staker_state.require_position(&pool_key.to_bytes(), &owner_key.to_bytes())?;
        let stream_count = usize::from(pool_state.stream_count);
        if stream_accounts.len() < stream_count.saturating_mul(2) {
            return Err(StakingError::NotEnoughAccounts.into());
        }
        // Validate every vault and destination before touching the books.
        let mut frozen = [false; MAX_STREAMS];
        let mut held_amounts = [0u64; MAX_STREAMS];
        for (((stream, pair), is_frozen), held_amount) in pool_state
            .active_streams_mut()
            .iter_mut()
            .zip(stream_accounts.chunks_exact(2))
            .zip(frozen.iter_mut())
            .zip(held_amounts.iter_mut())
        {
            let [vault, destination] = pair else {
                return Err(StakingError::NotEnoughAccounts.into());
            };
            if vault.address().as_array() != &stream.vault || !vault.is_writable() {
                return Err(StakingError::InvalidRewardVault.into());
            }
            // A vault-to-vault "payment" would move nothing yet emit RewardsClaimed and turn
            // the holder's owed into surplus (audit I-4): refuse it.
            if destination.address() == vault.address() {
                return Err(StakingError::RewardDestinationIsVault.into());
            }
            let held = read_token_account(vault, StakingError::InvalidRewardVault)?;
            // Accrue at what the books knew (tokens sent straight to the vault count from now
            // on, never for a past gap: as `fund_reward_stream` does, and as the SDK
            // projects), but never above what the vault really holds.
            stream.sync_vault_balance(stream.vault_balance.min(held.amount));
            *held_amount = held.amount;
            *is_frozen = held.frozen;
            let to = read_token_account(destination, StakingError::RewardMintMismatch)?;
            if to.mint.as_array() != &stream.mint {
                return Err(StakingError::RewardMintMismatch.into());
            }
        }

        staker_state.checkpoint(pool_state, now)?;
        for (stream, held_amount) in pool_state.active_streams_mut().iter_mut().zip(held_amounts) {
            stream.sync_vault_balance(held_amount);
        }
        let mut paid_any = false;
        let mut blocked_by_freeze = false;
        for (((stream, mine), is_frozen), payout) in pool_state
            .active_streams_mut()
            .iter_mut()
            .zip(staker_state.streams.iter_mut())
            .zip(frozen)
            .zip(payouts.iter_mut())
        {
            // A frozen vault pays nothing and keeps what is owed, without blocking the other
            // streams (review finding L-1): its mint's freeze authority holds it, not us.
            let amount = if is_frozen {
                blocked_by_freeze |= mine.owed > 0;
                0
            } else {
                stream.pay(&mut mine.owed, stream.vault_balance)?
            };
            // A lifetime statistic: it saturates rather than ever blocking a claim.
            mine.claimed_total = mine.claimed_total.saturating_add(amount);
            paid_any |= amount > 0;
            *payout = (amount, mine.owed, stream.mint);
        }
        if !paid_any {
            return Err(if blocked_by_freeze {
                StakingError::RewardVaultFrozen
            } else {
                StakingError::NothingToClaim
            }
            .into());
        }
        (pool_state.signer_seeds(), stream_count)
    };

    let pool_seeds = seeds_source.seeds();
    for (index, (pair, (amount, owed, mint))) in stream_accounts
        .chunks_exact(2)
        .zip(payouts)
        .take(stream_count)
        .enumerate()
    {
        let [vault, destination] = pair else {
            return Err(StakingError::NotEnoughAccounts.into());
        };
        if amount == 0 && owed == 0 {
            continue;
        }
        if amount > 0 {
            transfer(vault, destination, pool, amount, &pool_seeds)?;
        }
        RewardsClaimed {
            pool: pool_key.to_bytes(),
            owner: owner_key.to_bytes(),
            stream_index: u8::try_from(index).map_err(|_| StakingError::MathOverflow)?,
            mint,
            amount,
            owed,
            claimed_at: now,
        }
        .emit()?;
    }
    Ok(())
}
