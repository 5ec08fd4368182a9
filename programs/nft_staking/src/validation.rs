//! Account checks shared by the instructions. Each returns a named error, never panics.

use crate::error::StakingError;
use pinocchio::{AccountView, Address};

/// The account signed the transaction.
#[inline(always)]
pub fn require_signer(account: &AccountView) -> Result<(), StakingError> {
    if account.is_signer() {
        Ok(())
    } else {
        Err(StakingError::MissingSignature)
    }
}

/// The account was passed writable.
#[inline(always)]
pub fn require_writable(account: &AccountView) -> Result<(), StakingError> {
    if account.is_writable() {
        Ok(())
    } else {
        Err(StakingError::AccountNotWritable)
    }
}

/// The account is the System Program.
#[inline(always)]
pub fn require_system_program(account: &AccountView) -> Result<(), StakingError> {
    if account.address() == &pinocchio_system::ID {
        Ok(())
    } else {
        Err(StakingError::InvalidSystemProgram)
    }
}

/// The account has never been initialized: no data and not owned by this program. Lamports
/// may already be there (anyone can send some to an address); creation tops them up.
#[inline(always)]
pub fn require_uninitialized(
    account: &AccountView,
    program_id: &Address,
    already: StakingError,
) -> Result<(), StakingError> {
    if account.is_data_empty() && !account.owned_by(program_id) {
        Ok(())
    } else {
        Err(already)
    }
}
