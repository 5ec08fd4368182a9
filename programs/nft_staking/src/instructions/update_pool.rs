//! `update_pool`: replaces a pool's tier root and weights, lock options and URI.
//!
//! Accounts: `[pool (w), authority (s)]`.
//! Args: `tier_root: [u8; 32], default_tier_weight: u32, tier_weights: [u32; 8],
//! lock_options: [LockOption; 4], uri: String, limits: PoolLimits`.
//!
//! Already-staked NFTs keep the weight, lock end and lock multiplier they were staked with:
//! their records store all three, so a new table never changes what unstake removes, how long
//! an NFT stays locked, or strands anything. A holder about to stake is protected too: the
//! stake carries the lock terms they saw (M-2). Weights, multipliers and lock lengths are
//! bounded (`MAX_TIER_WEIGHT`, `MAX_LOCK_MULTIPLIER_BPS`, the pool's `max_lock_s`).

use crate::instructions::Context;
use crate::{
    borsh::Reader,
    constants::{MAX_LOCK_OPTIONS, MAX_TIERS, MAX_TIER_WEIGHT, MAX_URI_LEN},
    discriminator,
    error::StakingError,
    events::PoolUpdated,
    state::{LockOption, PoolLimits},
    validation::pool_as_authority,
};
use pinocchio::ProgramResult;

/// `sha256("global:update_pool")[..8]`.
pub const DISCRIMINATOR: [u8; 8] = discriminator::instruction("update_pool");

struct Args<'a> {
    tier_root: [u8; 32],
    default_tier_weight: u32,
    tier_weights: [u32; MAX_TIERS],
    lock_options: [LockOption; MAX_LOCK_OPTIONS],
    uri: &'a [u8],
    limits: PoolLimits,
}

impl<'a> Args<'a> {
    fn parse(data: &'a [u8]) -> Result<Self, StakingError> {
        let mut reader = Reader::new(data);
        let tier_root = *reader.array::<32>()?;
        let default_tier_weight = reader.u32()?;
        let mut tier_weights = [0u32; MAX_TIERS];
        for weight in tier_weights.iter_mut() {
            *weight = reader.u32()?;
        }
        let mut lock_options = [LockOption::default(); MAX_LOCK_OPTIONS];
        for option in lock_options.iter_mut() {
            option.duration_s = reader.u32()?;
            option.multiplier_bps = reader.u32()?;
        }
        let uri = reader.string(MAX_URI_LEN, StakingError::UriTooLong)?;
        let limits = PoolLimits::read(&mut reader)?;
        reader.finish()?;
        Ok(Self {
            tier_root,
            default_tier_weight,
            tier_weights,
            lock_options,
            uri,
            limits,
        })
    }

    /// The default tier must earn something, no weight exceeds `MAX_TIER_WEIGHT`, the limits
    /// are within the program's caps, and every lock option is a real lock within them.
    fn validate(&self) -> Result<(), StakingError> {
        if self.default_tier_weight == 0
            || self.default_tier_weight > MAX_TIER_WEIGHT
            || self.tier_weights.iter().any(|weight| *weight > MAX_TIER_WEIGHT)
        {
            return Err(StakingError::InvalidTierWeight);
        }
        self.limits.validate()?;
        self.limits.check_lock_options(&self.lock_options)
    }
}

/// Validates the authority and arguments, then overwrites the pool's tables.
#[inline(never)] // its own stack frame: inlined together, handlers exceed 4 KiB
pub fn process(ctx: Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = ctx;
    let args = Args::parse(data)?;
    let [pool, authority, ..] = accounts else {
        return Err(StakingError::NotEnoughAccounts.into());
    };
    let pool_key = pool.address().to_bytes();
    let mut state = pool_as_authority(pool, authority, program_id)?;
    args.validate()?;

    state.tier_root = args.tier_root;
    state.default_tier_weight = args.default_tier_weight;
    state.tier_weights = args.tier_weights;
    state.lock_options = args.lock_options;
    state.set_limits(&args.limits);
    state.set_uri(args.uri)?;

    PoolUpdated {
        pool: pool_key,
        tier_root: args.tier_root,
        default_tier_weight: args.default_tier_weight,
        tier_weights: args.tier_weights,
        lock_options: args.lock_options,
        max_lock_s: args.limits.max_lock_s,
        max_pause_s: args.limits.max_pause_s,
        flags: args.limits.flags,
    }
    .emit()?;
    Ok(())
}
