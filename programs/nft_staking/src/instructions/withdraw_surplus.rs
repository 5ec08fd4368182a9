//! `withdraw_surplus`: the authority takes back reward tokens that no holder has earned or
//! will earn under the current schedule. What stays reserved: the stream's liability (earned,
//! unpaid, rounded up) plus its remaining emission — for `SharedEmission` the whole
//! unemitted rate × remaining time, for `FixedPerWeight` what the current total weight earns
//! until the end. One base unit more fails.
//!
//! Accounts: `[pool (w), authority (s), reward_vault (w), destination (w), token_program]`.
//! Args: `stream_index: u8, amount: u64`.

use crate::{
    borsh::Reader,
    discriminator,
    error::StakingError,
    events::SurplusWithdrawn,
    instructions::Context,
    constants::BPS,
    math::StreamMode,
    state::{Pool, RewardStream, ZeroCopyAccount},
    token::{read_token_account, require_token_program, transfer},
    validation::{require_authority, require_owned_by_program, require_writable},
    wide::{checked_div_rem_u128_u64, checked_mul_u128_u64, mul_u64},
};
use pinocchio::{
    sysvars::{clock::Clock, Sysvar},
    ProgramResult,
};

/// `sha256("global:withdraw_surplus")[..8]`.
pub const DISCRIMINATOR: [u8; 8] = discriminator::instruction("withdraw_surplus");

/// Accrues, computes the surplus, and transfers at most that much.
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
    let [pool, authority, reward_vault, destination, token_program, ..] = accounts else {
        return Err(StakingError::NotEnoughAccounts.into());
    };
    require_owned_by_program(pool, program_id, StakingError::InvalidPoolAccount)?;
    require_writable(pool)?;
    require_token_program(token_program)?;
    if amount == 0 {
        return Err(StakingError::ZeroAmount.into());
    }
    let now = Clock::get()?.unix_timestamp;
    let pool_key = pool.address().to_bytes();

    let seeds_source = {
        let mut pool_data = pool.try_borrow_mut()?;
        let state = Pool::load_mut(&mut pool_data).map_err(|_| StakingError::InvalidPoolAccount)?;
        require_authority(authority, &state.authority)?;
        if stream_index >= state.stream_count {
            return Err(StakingError::InvalidStreamIndex.into());
        }
        state.accrue_all(now)?;
        let total_weight = state.total_weight;
        let stream = state
            .streams
            .get_mut(usize::from(stream_index))
            .ok_or(StakingError::InvalidStreamIndex)?;
        if reward_vault.address().as_array() != &stream.vault || !reward_vault.is_writable() {
            return Err(StakingError::InvalidRewardVault.into());
        }
        // A self-transfer would emit SurplusWithdrawn for tokens that never moved (audit I-4).
        if destination.address() == reward_vault.address() {
            return Err(StakingError::RewardDestinationIsVault.into());
        }
        let balance = read_token_account(reward_vault, StakingError::InvalidRewardVault)?.amount;
        let to = read_token_account(destination, StakingError::RewardMintMismatch)?;
        if to.mint.as_array() != &stream.mint {
            return Err(StakingError::RewardMintMismatch.into());
        }
        if u128::from(amount) > surplus(stream, balance, total_weight, now)? {
            return Err(StakingError::SurplusExceeded.into());
        }
        stream.sync_vault_balance(balance.saturating_sub(amount));
        state.signer_seeds()
    };

    transfer(
        reward_vault,
        destination,
        pool,
        amount,
        &seeds_source.seeds(),
    )?;
    SurplusWithdrawn {
        pool: pool_key,
        stream_index,
        amount,
        destination: destination.address().to_bytes(),
    }
    .emit()?;
    Ok(())
}

/// Vault balance minus everything owed or still to be emitted (never negative). An
/// obligation too large to compute reserves everything.
fn surplus(
    stream: &RewardStream,
    balance: u64,
    total_weight: u64,
    now: i64,
) -> Result<u128, StakingError> {
    let from = now.max(stream.start_ts).max(stream.last_update_ts);
    let remaining = u64::try_from(stream.end_ts.saturating_sub(from).max(0))
        .map_err(|_| StakingError::MathOverflow)?;
    let emission = mul_u64(stream.rate, remaining);
    let future = match StreamMode::from_u8(stream.mode)? {
        StreamMode::SharedEmission => Some(emission),
        // Effective weights are in `1 / BPS` units: what they earn, rounded up.
        StreamMode::FixedPerWeight => checked_mul_u128_u64(emission, total_weight)
            .and_then(|scaled| checked_div_rem_u128_u64(scaled, BPS))
            .and_then(|(whole, rest)| whole.checked_add(u128::from(rest != 0))),
    };
    let reserved = future.and_then(|f| f.checked_add(u128::from(stream.liability().ok()?)));
    Ok(match reserved {
        Some(reserved) => u128::from(balance).saturating_sub(reserved),
        None => 0,
    })
}
