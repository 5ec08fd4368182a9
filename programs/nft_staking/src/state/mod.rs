//! Account types (one per file) and the zero-copy loader they share.
//!
//! Every account is an 8-byte Anchor discriminator followed by a `#[repr(C)]` struct whose
//! fields are naturally aligned with explicit padding, so the bytes are also exactly what
//! Anchor's Borsh coder decodes from the IDL. `u128` values are stored as `[u8; 16]`
//! (little endian): `u128` alignment differs between the x86_64 host and BPF.

pub mod perk;
pub mod perk_receipt;
pub mod pool;
pub mod reward_stream;
pub mod staker;

pub use perk::{Perk, PerkTerms};
pub use perk_receipt::PerkReceipt;
pub use pool::{LockOption, Pool, PoolLimits};
pub use reward_stream::RewardStream;
pub use staker::{StakeRecord, Staker, StakerStream};

use crate::{discriminator, error::StakingError};
use core::mem::{align_of, size_of};

/// A 32-byte public key as stored in account data (alignment 1, layout guaranteed).
pub type Key = [u8; 32];

/// The all-zero key, meaning "none" in optional key fields.
pub const NO_KEY: Key = [0; 32];

/// An account type stored zero-copy after its discriminator.
///
/// # Safety
/// Implementors must be `#[repr(C)]`, contain no implicit padding, and accept every bit
/// pattern (only integers and byte arrays), so that any account bytes are a valid value.
pub unsafe trait ZeroCopyAccount: Sized {
    /// `sha256("account:<Name>")[..8]`.
    const DISCRIMINATOR: [u8; discriminator::LEN];

    /// Total account size: discriminator plus the struct.
    const SPACE: usize = discriminator::LEN + size_of::<Self>();

    /// Views initialized account data as `Self`, checking discriminator, length and alignment.
    fn load(data: &[u8]) -> Result<&Self, StakingError> {
        let body = checked_body::<Self>(data)?;
        // SAFETY: `checked_body` verified length and alignment; every bit pattern is valid.
        Ok(unsafe { &*(body.as_ptr() as *const Self) })
    }

    /// Mutable variant of [`ZeroCopyAccount::load`].
    fn load_mut(data: &mut [u8]) -> Result<&mut Self, StakingError> {
        checked_body::<Self>(data)?;
        let body = data
            .get_mut(discriminator::LEN..)
            .ok_or(StakingError::InvalidAccountData)?;
        // SAFETY: as in `load`; the borrow is unique because `data` is borrowed mutably.
        Ok(unsafe { &mut *(body.as_mut_ptr() as *mut Self) })
    }

    /// Writes the discriminator into freshly allocated (zeroed) data and returns the struct.
    fn init(data: &mut [u8]) -> Result<&mut Self, StakingError> {
        let tag = data
            .get_mut(..discriminator::LEN)
            .ok_or(StakingError::InvalidAccountData)?;
        tag.copy_from_slice(&Self::DISCRIMINATOR);
        Self::load_mut(data)
    }
}

fn checked_body<T: ZeroCopyAccount>(data: &[u8]) -> Result<&[u8], StakingError> {
    let (tag, body) = data
        .split_first_chunk::<{ discriminator::LEN }>()
        .ok_or(StakingError::InvalidAccountData)?;
    if *tag != T::DISCRIMINATOR || body.len() < size_of::<T>() {
        return Err(StakingError::InvalidAccountData);
    }
    // The runtime places account data 8-byte aligned; host buffers are checked, never assumed.
    if !(body.as_ptr() as usize).is_multiple_of(align_of::<T>()) {
        return Err(StakingError::InvalidAccountData);
    }
    Ok(body)
}
