//! `initialize_pool`: creates a staking pool for a verified collection and/or creator.
//!
//! Accounts: `[pool (w), authority (s), payer (w, s), system_program]`.
//! Args: `pool_id: u64, collection: Option<Pubkey>, creator: Option<Pubkey>,
//! default_tier_weight: u32, uri: String, limits: PoolLimits`.

use crate::instructions::Context;
use crate::{
    borsh::Reader,
    constants::{MAX_TIER_WEIGHT, MAX_URI_LEN, POOL_SEED},
    discriminator,
    error::StakingError,
    events::PoolInitialized,
    pda,
    state::{pool::POOL_VERSION, Key, Pool, PoolLimits, ZeroCopyAccount, NO_KEY},
    validation::{require_signer, require_system_program, require_uninitialized, require_writable},
};
use pinocchio::{
    cpi::{Seed, Signer},
    sysvars::{clock::Clock, Sysvar},
    ProgramResult,
};

/// `sha256("global:initialize_pool")[..8]`.
pub const DISCRIMINATOR: [u8; 8] = discriminator::instruction("initialize_pool");

/// Decoded instruction arguments.
struct Args<'a> {
    pool_id: u64,
    collection: Key,
    creator: Key,
    default_tier_weight: u32,
    uri: &'a [u8],
    limits: PoolLimits,
}

impl<'a> Args<'a> {
    fn parse(data: &'a [u8]) -> Result<Self, StakingError> {
        let mut reader = Reader::new(data);
        let args = Self {
            pool_id: reader.u64()?,
            collection: reader
                .option_address()?
                .map_or(NO_KEY, |key| key.to_bytes()),
            creator: reader
                .option_address()?
                .map_or(NO_KEY, |key| key.to_bytes()),
            default_tier_weight: reader.u32()?,
            uri: reader.string(MAX_URI_LEN, StakingError::UriTooLong)?,
            limits: PoolLimits::read(&mut reader)?,
        };
        reader.finish()?;
        Ok(args)
    }

    /// A pool must name what it accepts (a zero key counts as none), and the default tier
    /// must earn something: a zero weight would let NFTs sit in escrow earning nothing.
    fn validate(&self) -> Result<(), StakingError> {
        if self.collection == NO_KEY && self.creator == NO_KEY {
            return Err(StakingError::MissingCollectionOrCreator);
        }
        if self.default_tier_weight == 0 || self.default_tier_weight > MAX_TIER_WEIGHT {
            return Err(StakingError::InvalidTierWeight);
        }
        self.limits.validate()
    }
}

/// Creates and fills the `Pool` account, then emits `PoolInitialized`.
#[inline(never)] // its own stack frame: inlined together, handlers exceed 4 KiB
pub fn process(ctx: Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = ctx;
    let args = Args::parse(data)?;
    let [pool, authority, payer, system_program, ..] = accounts else {
        return Err(StakingError::NotEnoughAccounts.into());
    };

    // Validate everything before the first write.
    require_signer(authority)?;
    require_signer(payer)?;
    require_writable(payer)?;
    require_writable(pool)?;
    require_system_program(system_program)?;
    let pool_id_bytes = args.pool_id.to_le_bytes();
    let (expected, bump) = pda::find(
        &[POOL_SEED, authority.address().as_ref(), &pool_id_bytes],
        program_id,
    )
    .ok_or(StakingError::InvalidPoolAddress)?;
    if pool.address() != &expected {
        return Err(StakingError::InvalidPoolAddress.into());
    }
    require_uninitialized(pool, program_id, StakingError::PoolAlreadyInitialized)?;
    args.validate()?;
    let now = Clock::get()?.unix_timestamp;

    // Create the account; tolerates lamports already sent to the address (see validation.rs).
    let bump_seed = [bump];
    let seeds = [
        Seed::from(POOL_SEED),
        Seed::from(authority.address().as_ref()),
        Seed::from(&pool_id_bytes),
        Seed::from(&bump_seed),
    ];
    pinocchio_system::create_account_with_minimum_balance_signed(
        pool,
        Pool::SPACE,
        program_id,
        payer,
        None,
        &[Signer::from(&seeds)],
    )?;

    let authority_key = authority.address().to_bytes();
    let pool_key = pool.address().to_bytes();
    let mut data = pool.try_borrow_mut()?;
    let state = Pool::init(&mut data)?;
    state.authority = authority_key;
    state.seed_authority = authority_key;
    state.collection = args.collection;
    state.creator = args.creator;
    state.pool_id = args.pool_id;
    state.created_at = now;
    state.default_tier_weight = args.default_tier_weight;
    state.bump = bump;
    state.version = POOL_VERSION;
    state.set_limits(&args.limits);
    state.set_uri(args.uri)?;

    PoolInitialized {
        pool: pool_key,
        authority: authority_key,
        pool_id: args.pool_id,
        collection: args.collection,
        creator: args.creator,
        default_tier_weight: args.default_tier_weight,
        created_at: now,
    }
    .emit()?;
    Ok(())
}

#[cfg(test)]
mod tests;
