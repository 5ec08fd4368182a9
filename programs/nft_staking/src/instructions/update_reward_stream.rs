//! `update_reward_stream`: changes a stream's rate and end time, after accruing everything
//! earned at the old rate. Restarting an ended stream does not pay for the gap.
//!
//! Accounts: `[pool (w), authority (s)]`.
//! Args: `stream_index: u8, rate: u64, end_ts: i64`.

use crate::instructions::Context;
use crate::{
    borsh::Reader, discriminator, error::StakingError, events::StreamUpdated, math::check_schedule,
    validation::pool_as_authority,
};
use pinocchio::{
    sysvars::{clock::Clock, Sysvar},
    ProgramResult,
};

/// `sha256("global:update_reward_stream")[..8]`.
pub const DISCRIMINATOR: [u8; 8] = discriminator::instruction("update_reward_stream");

/// Accrues at the old values, then sets the new rate and end.
#[inline(never)] // its own stack frame: inlined together, handlers exceed 4 KiB
pub fn process(ctx: Context) -> ProgramResult {
    let Context {
        program_id,
        accounts,
        data,
    } = ctx;
    let mut reader = Reader::new(data);
    let (stream_index, rate, end_ts) = (reader.u8()?, reader.u64()?, reader.i64()?);
    reader.finish()?;
    let [pool, authority, ..] = accounts else {
        return Err(StakingError::NotEnoughAccounts.into());
    };
    let now = Clock::get()?.unix_timestamp;
    let pool_key = pool.address().to_bytes();
    let mut state = pool_as_authority(pool, authority, program_id)?;
    // A sunset pool stays ended: no new or extended emission.
    if state.sunset != 0 {
        return Err(StakingError::PoolSunset.into());
    }
    if stream_index >= state.stream_count {
        return Err(StakingError::InvalidStreamIndex.into());
    }
    let total_weight = state.total_weight;
    let stream = state
        .streams
        .get_mut(usize::from(stream_index))
        .ok_or(StakingError::InvalidStreamIndex)?;
    if end_ts < now || end_ts <= stream.start_ts {
        return Err(StakingError::InvalidStreamSchedule.into());
    }
    check_schedule(rate, stream.start_ts.max(now), end_ts)?;

    stream.accrue(now, total_weight)?;
    // An ended stream stopped accruing at its old end; restarting it must not pay for the gap
    // (`end_ts >= now`, so accrual resumes from now).
    stream.last_update_ts = stream.last_update_ts.max(now);
    stream.rate = rate;
    stream.end_ts = end_ts;

    StreamUpdated {
        pool: pool_key,
        stream_index,
        rate,
        end_ts,
    }
    .emit()?;
    Ok(())
}
