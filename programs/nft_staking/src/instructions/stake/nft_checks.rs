//! The checks `stake` makes on each NFT before anything moves: the mint, its Token Metadata
//! account (collection or creator, token standard), the tier proof, the holder's token account
//! and the escrow PDA, and the lock terms they are staked under. Their own file because they
//! grow per NFT standard (pNFT, Core).

use crate::{
    constants::{BPS, DEFAULT_TIER, ESCROW_SEED, NO_LOCK},
    error::StakingError,
    merkle,
    metadata::{check_nft_metadata, METADATA_SEED, TOKEN_METADATA_PROGRAM_ID},
    pda,
    state::{Key, Pool, NO_KEY},
    token::{read_mint, read_token_account},
    validation::require_uninitialized,
    wide::mul_u64,
};
use pinocchio::{AccountView, Address};

#[derive(Clone, Copy, Default)]
pub(super) struct NftArgs<'a> {
    pub(super) tier: Option<u8>,
    pub(super) proof: &'a [u8],
    pub(super) escrow_bump: u8,
    pub(super) metadata_bump: u8,
}

/// What validation decided for one NFT.
#[derive(Clone, Copy, Default)]
pub(super) struct Accepted {
    pub(super) mint: Key,
    pub(super) weight: u32,
    pub(super) tier: u8,
    pub(super) escrow_bump: u8,
}

/// The chosen lock: its index (or `NO_LOCK`), weight multiplier and end time.
pub(super) fn lock_terms(pool: &Pool, option: Option<u8>, now: i64) -> Result<(u8, u64, i64), StakingError> {
    let Some(index) = option else {
        return Ok((NO_LOCK, BPS, 0));
    };
    let lock = pool
        .lock_options
        .get(usize::from(index))
        .filter(|lock| lock.multiplier_bps != 0)
        .ok_or(StakingError::InvalidLockOption)?;
    let until = now
        .checked_add(i64::from(lock.duration_s))
        .ok_or(StakingError::MathOverflow)?;
    Ok((index, u64::from(lock.multiplier_bps), until))
}

/// What every NFT of the batch is checked against (one argument: see `Context`).
pub(super) struct StakeTerms<'a> {
    pub(super) program_id: &'a Address,
    pub(super) pool: &'a Pool,
    pub(super) pool_key: &'a Address,
    pub(super) owner_key: &'a Address,
    pub(super) multiplier_bps: u64,
}

/// Every check on one NFT's accounts; returns its record data.
pub(super) fn check_nft(
    terms: &StakeTerms,
    group: &[AccountView],
    nft: &NftArgs,
) -> Result<Accepted, StakingError> {
    let StakeTerms {
        program_id,
        pool,
        pool_key,
        owner_key,
        multiplier_bps,
    } = *terms;
    let [mint, metadata, owner_token, escrow] = group else {
        return Err(StakingError::NotEnoughAccounts);
    };
    let mint_key = mint.address().to_bytes();
    let (supply, decimals) = read_mint(mint, StakingError::NotAnNft)?;
    if supply != 1 || decimals != 0 {
        return Err(StakingError::NotAnNft);
    }

    if !metadata.owned_by(&TOKEN_METADATA_PROGRAM_ID) {
        return Err(StakingError::InvalidMetadataAccount);
    }
    let expected_metadata = pda::derive(
        &[METADATA_SEED, TOKEN_METADATA_PROGRAM_ID.as_ref(), &mint_key],
        nft.metadata_bump,
        &TOKEN_METADATA_PROGRAM_ID,
    );
    if expected_metadata.as_ref() != Some(metadata.address()) {
        return Err(StakingError::InvalidMetadataAccount);
    }
    {
        let metadata_data = metadata
            .try_borrow()
            .map_err(|_| StakingError::InvalidMetadataAccount)?;
        check_nft_metadata(&metadata_data, &mint_key, &pool.collection, &pool.creator)?;
    }

    let (tier, tier_weight) = match nft.tier {
        None => (DEFAULT_TIER, pool.default_tier_weight),
        Some(tier) => {
            let weight = pool
                .tier_weights
                .get(usize::from(tier))
                .copied()
                .filter(|weight| *weight != 0)
                .ok_or(StakingError::InvalidTier)?;
            if pool.tier_root == NO_KEY
                || !merkle::verify(nft.proof, &pool.tier_root, merkle::leaf(&mint_key, tier))
            {
                return Err(StakingError::InvalidTierProof);
            }
            (tier, weight)
        }
    };
    // tier weight (< 2^32) × multiplier (< 2^32) fits in 64 bits; `mul_u64` avoids the
    // 128-bit overflow check the BPF backend cannot lower.
    let scaled = u64::try_from(mul_u64(u64::from(tier_weight), multiplier_bps))
        .map_err(|_| StakingError::MathOverflow)?;
    let weight = u32::try_from(scaled.checked_div(BPS).ok_or(StakingError::MathOverflow)?)
        .map_err(|_| StakingError::MathOverflow)?;

    let holding = read_token_account(owner_token, StakingError::InvalidTokenAccount)?;
    if holding.mint.as_array() != &mint_key || &holding.owner != owner_key || holding.amount != 1 {
        return Err(StakingError::InvalidTokenAccount);
    }

    let expected_escrow = pda::derive(
        &[ESCROW_SEED, pool_key.as_ref(), &mint_key],
        nft.escrow_bump,
        program_id,
    );
    if expected_escrow.as_ref() != Some(escrow.address()) || !escrow.is_writable() {
        return Err(StakingError::InvalidEscrow);
    }
    require_uninitialized(escrow, &pinocchio_token::ID, StakingError::InvalidEscrow)?;

    Ok(Accepted {
        mint: mint_key,
        weight,
        tier,
        escrow_bump: nft.escrow_bump,
    })
}
