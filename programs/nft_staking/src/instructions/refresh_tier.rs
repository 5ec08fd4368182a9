//! `refresh_tier`: anyone re-weights a staked NFT with a proof under the pool's current tier
//! root (after a creator fixes a rarity table). Rewards are checkpointed at the old weight
//! first, so nothing earned changes. Only the tier weight changes: the lock multiplier stays the
//! one the NFT was staked with (review finding M-3).
//!
//! Accounts: `[pool (w), staker (w)]`. Args: `mint: Pubkey, tier: u8, proof: Vec<[u8; 32]>`.

use crate::{
    borsh::Reader,
    discriminator,
    error::StakingError,
    events::TierRefreshed,
    instructions::Context,
    merkle,
    state::{staker::split_mut, Pool, ZeroCopyAccount, NO_KEY},
    validation::{require_owned_by_program, require_staker_account, require_writable},
    wide::mul_u64,
};
use pinocchio::{
    sysvars::{clock::Clock, Sysvar},
    ProgramResult,
};

/// `sha256("global:refresh_tier")[..8]`.
pub const DISCRIMINATOR: [u8; 8] = discriminator::instruction("refresh_tier");

/// Verifies the proof, checkpoints the holder, and swaps the record's weight.
#[inline(never)] // its own stack frame: inlined together, handlers exceed 4 KiB
pub fn process(ctx: Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = ctx;
    let mut reader = Reader::new(data);
    let mint = reader.address()?.to_bytes();
    let tier = reader.u8()?;
    let proof_len = usize::try_from(reader.u32()?)
        .ok()
        .filter(|len| *len <= merkle::MAX_PROOF_LEN)
        .ok_or(StakingError::InvalidTierProof)?;
    let proof = reader.bytes(proof_len.saturating_mul(32))?;
    reader.finish()?;
    let [pool, staker, ..] = accounts else {
        return Err(StakingError::NotEnoughAccounts.into());
    };
    require_owned_by_program(pool, program_id, StakingError::InvalidPoolAccount)?;
    require_writable(pool)?;
    require_staker_account(staker, program_id)?;
    require_writable(staker)?;
    let now = Clock::get()?.unix_timestamp;
    let pool_key = pool.address().to_bytes();

    let mut pool_data = pool.try_borrow_mut()?;
    let pool_state =
        Pool::load_mut(&mut pool_data).map_err(|_| StakingError::InvalidPoolAccount)?;
    let mut staker_data = staker.try_borrow_mut()?;
    let (staker_state, records) =
        split_mut(&mut staker_data).map_err(|_| StakingError::InvalidStakerAccount)?;
    staker_state.require_pool(&pool_key)?;
    let record = records
        .iter_mut()
        .find(|record| record.mint == mint)
        .ok_or(StakingError::NftNotStaked)?;
    let tier_weight = pool_state
        .tier_weights
        .get(usize::from(tier))
        .copied()
        .filter(|weight| *weight != 0)
        .ok_or(StakingError::InvalidTier)?;
    if pool_state.tier_root == NO_KEY
        || !merkle::verify(proof, &pool_state.tier_root, merkle::leaf(&mint, tier))
    {
        return Err(StakingError::InvalidTierProof.into());
    }
    // Only the tier part changes: the multiplier is the one the NFT was staked with, never the
    // pool's current lock table, which would let anyone strip a locked holder's multiplier or
    // give a holder one they never locked for (review finding M-3).
    let new_weight = u64::try_from(mul_u64(
        u64::from(tier_weight),
        u64::from(record.multiplier_bps),
    ))
    .map_err(|_| StakingError::MathOverflow)?;
    let old_weight = record.weight;

    staker_state.checkpoint(pool_state, now)?;
    let with_new = |total: u64| {
        total
            .checked_sub(old_weight)
            .and_then(|rest| rest.checked_add(new_weight))
            .ok_or(StakingError::MathOverflow)
    };
    staker_state.total_weight = with_new(staker_state.total_weight)?;
    pool_state.total_weight = with_new(pool_state.total_weight)?;
    record.weight = new_weight;
    record.tier = tier;

    TierRefreshed {
        pool: pool_key,
        owner: staker_state.owner,
        mint,
        tier,
        old_weight,
        new_weight,
    }
    .emit()?;
    Ok(())
}
