//! The checks `stake` makes on each NFT before anything moves: the mint, its Token Metadata
//! account (collection or creator, token standard), the tier proof, the holder's token account
//! and the escrow PDA, and the lock terms they are staked under. Their own file because they
//! grow per NFT standard (pNFT, Core).

use crate::{
    constants::{DEFAULT_TIER, ESCROW_SEED, NO_LOCK},
    edition::{check_edition, EditionKind},
    error::StakingError,
    merkle,
    metadata::{check_nft_metadata, METADATA_SEED, TOKEN_METADATA_PROGRAM_ID},
    pda,
    state::{
        pool::{POOL_ACCEPTS_EDITIONS, POOL_REQUIRES_TIER_PROOF},
        Key, Pool, NO_KEY,
    },
    token::{read_mint, read_token_account},
    validation::require_uninitialized,
    wide::mul_u64,
};
use pinocchio::{AccountView, Address};

/// 1x in basis points.
const BPS_U32: u32 = 10_000;

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
    pub(super) weight: u64,
    pub(super) tier: u8,
    pub(super) escrow_bump: u8,
}

/// The lock terms a holder accepted: the option index and the duration and multiplier they
/// were shown (review finding M-2).
#[derive(Clone, Copy, Default)]
pub(super) struct AcceptedLock {
    pub(super) option: u8,
    pub(super) duration_s: u32,
    pub(super) multiplier_bps: u32,
}

/// The lock a stake gets.
#[derive(Clone, Copy)]
pub(super) struct Lock {
    /// Option index, or `NO_LOCK`.
    pub(super) option: u8,
    /// Multiplier in basis points (`BPS` when not locked).
    pub(super) multiplier_bps: u32,
    /// Unstaking is refused before this time; 0 when not locked.
    pub(super) until: i64,
}

/// The lock the holder accepted, checked against the pool's current option: a stake never
/// gets terms the holder did not see. An authority that changes the option between the
/// holder's read and the stake makes the stake fail with `LockTermsChanged`, and nothing moves.
pub(super) fn lock_terms(pool: &Pool, accepted: Option<AcceptedLock>, now: i64) -> Result<Lock, StakingError> {
    let Some(accepted) = accepted else {
        return Ok(Lock {
            option: NO_LOCK,
            multiplier_bps: BPS_U32,
            until: 0,
        });
    };
    let lock = pool
        .lock_options
        .get(usize::from(accepted.option))
        .filter(|lock| lock.multiplier_bps != 0)
        .ok_or(StakingError::InvalidLockOption)?;
    if lock.duration_s != accepted.duration_s || lock.multiplier_bps != accepted.multiplier_bps {
        return Err(StakingError::LockTermsChanged);
    }
    let until = now
        .checked_add(i64::from(lock.duration_s))
        .ok_or(StakingError::MathOverflow)?;
    Ok(Lock {
        option: accepted.option,
        multiplier_bps: lock.multiplier_bps,
        until,
    })
}

/// What every NFT of the batch is checked against (one argument: see `Context`).
pub(super) struct StakeTerms<'a> {
    pub(super) program_id: &'a Address,
    pub(super) pool: &'a Pool,
    pub(super) pool_key: &'a Address,
    pub(super) owner_key: &'a Address,
    pub(super) multiplier_bps: u32,
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
    let [mint, metadata, edition, owner_token, escrow] = group else {
        return Err(StakingError::NotEnoughAccounts);
    };
    let mint_key = mint.address().to_bytes();
    let mint_info = read_mint(mint, StakingError::NotAnNft)?;
    if mint_info.supply != 1 || mint_info.decimals != 0 {
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
    let view = {
        let metadata_data = metadata
            .try_borrow()
            .map_err(|_| StakingError::InvalidMetadataAccount)?;
        check_nft_metadata(&metadata_data, &mint_key, &pool.collection, &pool.creator)?
    };
    if check_edition(edition, &mint_key, &mint_info, view.edition_nonce)? == EditionKind::Print
        && !pool.has_flag(POOL_ACCEPTS_EDITIONS)
    {
        return Err(StakingError::PrintEditionNotAccepted);
    }

    let (tier, tier_weight) = match nft.tier {
        None if pool.has_flag(POOL_REQUIRES_TIER_PROOF) => {
            return Err(StakingError::TierProofRequired)
        }
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
    // Effective weight in `1 / BPS` units: tier weight (< 2^32) × multiplier (< 2^32) fits in
    // 64 bits; `mul_u64` avoids the 128-bit overflow check the BPF backend cannot lower.
    let weight = u64::try_from(mul_u64(u64::from(tier_weight), u64::from(multiplier_bps)))
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
