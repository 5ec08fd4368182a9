//! `add_reward_stream`: adds a reward stream and creates its vault.
//!
//! Accounts: `[pool (w), authority (s), payer (w, s), reward_mint, reward_vault (w),
//! token_program, system_program]`.
//! Args: `mode: u8 (0 FixedPerWeight, 1 SharedEmission), rate: u64, start_ts: i64, end_ts: i64`.
//!
//! The vault is an SPL token account at `["reward_vault", pool, stream_index]` owned by the
//! pool PDA. A start in the past is moved to now: a new stream never pays for time before it
//! existed.

use crate::instructions::Context;
use crate::{
    borsh::Reader,
    constants::{MAX_STREAMS, REWARD_VAULT_SEED},
    discriminator,
    error::StakingError,
    events::StreamAdded,
    math::{check_schedule, StreamMode},
    pda,
    state::{Pool, RewardStream, ZeroCopyAccount},
    token::{create_token_account, read_mint, require_token_program},
    validation::{
        require_authority, require_owned_by_program, require_signer, require_system_program,
        require_uninitialized, require_writable,
    },
};
use pinocchio::{
    cpi::Seed,
    sysvars::{clock::Clock, Sysvar},
    ProgramResult,
};

/// `sha256("global:add_reward_stream")[..8]`.
pub const DISCRIMINATOR: [u8; 8] = discriminator::instruction("add_reward_stream");

struct Args {
    mode: StreamMode,
    rate: u64,
    start_ts: i64,
    end_ts: i64,
}

impl Args {
    fn parse(data: &[u8]) -> Result<Self, StakingError> {
        let mut reader = Reader::new(data);
        let mode =
            StreamMode::from_u8(reader.u8()?).map_err(|_| StakingError::InvalidStreamMode)?;
        let args = Self {
            mode,
            rate: reader.u64()?,
            start_ts: reader.i64()?,
            end_ts: reader.i64()?,
        };
        reader.finish()?;
        Ok(args)
    }
}

/// Validates, creates the vault, then appends the stream.
#[inline(never)] // its own stack frame: inlined together, handlers exceed 4 KiB
pub fn process(ctx: Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = ctx;
    let args = Args::parse(data)?;
    let [pool, authority, payer, reward_mint, reward_vault, token_program, system_program, ..] =
        accounts
    else {
        return Err(StakingError::NotEnoughAccounts.into());
    };
    require_owned_by_program(pool, program_id, StakingError::InvalidPoolAccount)?;
    require_writable(pool)?;
    require_signer(payer)?;
    require_writable(payer)?;
    require_writable(reward_vault)?;
    require_token_program(token_program)?;
    require_system_program(system_program)?;
    let now = Clock::get()?.unix_timestamp;
    let pool_key = *pool.address();

    let index = {
        let pool_data = pool.try_borrow()?;
        let state = Pool::load(&pool_data).map_err(|_| StakingError::InvalidPoolAccount)?;
        require_authority(authority, &state.authority)?;
        // A sunset pool stays ended: no new or extended emission.
        if state.sunset != 0 {
            return Err(StakingError::PoolSunset.into());
        }
        if usize::from(state.stream_count) >= MAX_STREAMS {
            return Err(StakingError::TooManyStreams.into());
        }
        state.stream_count
    };
    read_mint(reward_mint, StakingError::InvalidRewardMint)?;
    let start_ts = args.start_ts.max(now);
    if args.end_ts <= start_ts {
        return Err(StakingError::InvalidStreamSchedule.into());
    }
    check_schedule(args.rate, start_ts, args.end_ts)?;
    let index_seed = [index];
    let (vault_address, vault_bump) = pda::find(
        &[REWARD_VAULT_SEED, pool_key.as_ref(), &index_seed],
        program_id,
    )
    .ok_or(StakingError::InvalidRewardVault)?;
    if reward_vault.address() != &vault_address {
        return Err(StakingError::InvalidRewardVault.into());
    }
    require_uninitialized(
        reward_vault,
        &pinocchio_token::ID,
        StakingError::InvalidRewardVault,
    )?;

    let bump_seed = [vault_bump];
    let vault_seeds = [
        Seed::from(REWARD_VAULT_SEED),
        Seed::from(pool_key.as_ref()),
        Seed::from(&index_seed),
        Seed::from(&bump_seed),
    ];
    create_token_account(payer, reward_vault, reward_mint, &pool_key, &vault_seeds)?;

    let mut pool_data = pool.try_borrow_mut()?;
    let state = Pool::load_mut(&mut pool_data)?;
    let stream = RewardStream {
        mint: reward_mint.address().to_bytes(),
        vault: vault_address.to_bytes(),
        rate: args.rate,
        start_ts,
        end_ts: args.end_ts,
        last_update_ts: start_ts,
        mode: args.mode as u8,
        vault_bump,
        ..RewardStream::default()
    };
    *state
        .streams
        .get_mut(usize::from(index))
        .ok_or(StakingError::TooManyStreams)? = stream;
    state.stream_count = index.checked_add(1).ok_or(StakingError::MathOverflow)?;

    StreamAdded {
        pool: pool_key.to_bytes(),
        stream_index: index,
        mint: stream.mint,
        vault: stream.vault,
        mode: stream.mode,
        rate: stream.rate,
        start_ts,
        end_ts: stream.end_ts,
    }
    .emit()?;
    Ok(())
}
