//! Account checks shared by the instructions. Each returns a named error, never panics.

use crate::{error::StakingError, state::Key};
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

/// The account is owned by this program (so its data was written by this program).
#[inline(always)]
pub fn require_owned_by_program(
    account: &AccountView,
    program_id: &Address,
    wrong: StakingError,
) -> Result<(), StakingError> {
    if account.owned_by(program_id) {
        Ok(())
    } else {
        Err(wrong)
    }
}

/// `staker` is a staker account of this program. An address with no account at all (a holder
/// who never staked here, or closed their staker) is `StakerNotFound`, which a client can say in
/// words; anything else not owned by the program is `InvalidStakerAccount`.
pub fn require_staker_account(
    staker: &AccountView,
    program_id: &Address,
) -> Result<(), StakingError> {
    if staker.owned_by(program_id) {
        Ok(())
    } else if staker.is_data_empty() && staker.lamports() == 0 {
        Err(StakingError::StakerNotFound)
    } else {
        Err(StakingError::InvalidStakerAccount)
    }
}

/// The signer is `authority`: it signed, and its key is the one stored.
#[inline(always)]
pub fn require_authority(signer: &AccountView, authority: &Key) -> Result<(), StakingError> {
    require_signer(signer)?;
    if signer.address().as_array() == authority {
        Ok(())
    } else {
        Err(StakingError::Unauthorized)
    }
}

/// Accounts in `groups` of `size` after the `fixed` leading ones: how many groups there are,
/// which must be between 1 and `max`.
pub fn batch_len(
    accounts: usize,
    fixed: usize,
    size: usize,
    max: usize,
) -> Result<usize, StakingError> {
    let extra = accounts
        .checked_sub(fixed)
        .ok_or(StakingError::NotEnoughAccounts)?;
    let groups = extra
        .checked_div(size)
        .ok_or(StakingError::NotEnoughAccounts)?;
    if groups.checked_mul(size) != Some(extra) {
        return Err(StakingError::NotEnoughAccounts);
    }
    if groups == 0 || groups > max {
        return Err(StakingError::InvalidBatchSize);
    }
    Ok(groups)
}

/// Closes an account this program owns: all its lamports go to `destination`, its data is
/// zeroed and it is handed back to the System Program, so it cannot be revived with old data.
pub fn close_program_account(
    account: &mut AccountView,
    destination: &mut AccountView,
) -> Result<(), StakingError> {
    let lamports = account.lamports();
    destination.set_lamports(
        destination
            .lamports()
            .checked_add(lamports)
            .ok_or(StakingError::MathOverflow)?,
    );
    account.set_lamports(0);
    account
        .close()
        .map_err(|_| StakingError::InvalidAccountData)
}

/// The pool, borrowed for writing, after checking that it is this program's `Pool`, writable,
/// and that its authority signed (the preamble of every authority instruction that writes it).
pub fn pool_as_authority<'a>(
    pool: &'a mut AccountView,
    authority: &AccountView,
    program_id: &Address,
) -> Result<pinocchio::account::RefMut<'a, crate::state::Pool>, pinocchio::error::ProgramError> {
    use crate::state::ZeroCopyAccount;
    require_owned_by_program(pool, program_id, StakingError::InvalidPoolAccount)?;
    require_writable(pool)?;
    let data = pool.try_borrow_mut()?;
    let state = pinocchio::account::RefMut::try_map(data, crate::state::Pool::load_mut)
        .map_err(|_| StakingError::InvalidPoolAccount)?;
    require_authority(authority, &state.authority)?;
    Ok(state)
}
