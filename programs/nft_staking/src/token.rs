//! SPL Token reads and CPIs shared by the instructions.
//!
//! Only the original SPL Token program is accepted: Token-2022 NFTs are refused with their
//! own error until an issue adds them.
//!
//! The helpers are `#[inline(always)]`: the upstream BPF backend passes at most five
//! arguments in registers and cannot pass the rest on the stack ("stack arguments are not
//! supported"), and a seeds slice counts as two.

use crate::error::StakingError;
use pinocchio::{
    cpi::{Seed, Signer},
    AccountView, Address, ProgramResult,
};
use pinocchio_token::{
    instructions::{CloseAccount, InitializeAccount3, Transfer},
    state::{Account as TokenAccount, Mint},
};

/// Token-2022's program id, recognised only to reject it clearly.
pub const TOKEN_2022_ID: Address =
    Address::from_str_const("TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb");

/// Size of an SPL token account.
pub const TOKEN_ACCOUNT_LEN: usize = TokenAccount::LEN;

/// The account is the SPL Token program.
#[inline(always)]
pub fn require_token_program(account: &AccountView) -> Result<(), StakingError> {
    if account.address() == &pinocchio_token::ID {
        Ok(())
    } else if account.address() == &TOKEN_2022_ID {
        Err(StakingError::Token2022NotSupported)
    } else {
        Err(StakingError::InvalidTokenProgram)
    }
}

/// Fields of an SPL mint that the instructions check.
pub struct MintInfo {
    /// Tokens in existence.
    pub supply: u64,
    /// Decimal places.
    pub decimals: u8,
    /// Who may mint more, if anyone.
    pub mint_authority: Option<Address>,
    /// Who may freeze its token accounts, if anyone.
    pub freeze_authority: Option<Address>,
}

/// Reads an initialized SPL mint, mapping Token-2022 ownership to its own error.
#[inline(always)]
pub fn read_mint(account: &AccountView, wrong: StakingError) -> Result<MintInfo, StakingError> {
    if account.owned_by(&TOKEN_2022_ID) {
        return Err(StakingError::Token2022NotSupported);
    }
    let mint = Mint::from_account_view(account).map_err(|_| wrong)?;
    if !mint.is_initialized() {
        return Err(wrong);
    }
    Ok(MintInfo {
        supply: mint.supply(),
        decimals: mint.decimals(),
        mint_authority: mint.mint_authority().copied(),
        freeze_authority: mint.freeze_authority().copied(),
    })
}

/// Fields of an SPL token account that the instructions check.
pub struct TokenAccountInfo {
    /// Its mint.
    pub mint: Address,
    /// Its owner (who may transfer from it).
    pub owner: Address,
    /// Its balance.
    pub amount: u64,
    /// Frozen by its mint's freeze authority (no transfer in or out until thawed).
    pub frozen: bool,
}

/// Reads an initialized SPL token account, or fails with `wrong`.
#[inline(always)]
pub fn read_token_account(
    account: &AccountView,
    wrong: StakingError,
) -> Result<TokenAccountInfo, StakingError> {
    let token = TokenAccount::from_account_view(account).map_err(|_| wrong)?;
    if !token.is_initialized() {
        return Err(wrong);
    }
    Ok(TokenAccountInfo {
        mint: *token.mint(),
        owner: *token.owner(),
        amount: token.amount(),
        frozen: token.is_frozen(),
    })
}

/// Creates a token account for `mint` owned by `owner` at the PDA `account` (signed by
/// `seeds`), tolerating lamports already sent to the address.
#[inline(always)]
pub fn create_token_account(
    payer: &AccountView,
    account: &mut AccountView,
    mint: &AccountView,
    owner: &Address,
    seeds: &[Seed],
) -> ProgramResult {
    pinocchio_system::create_account_with_minimum_balance_signed(
        account,
        TOKEN_ACCOUNT_LEN,
        &pinocchio_token::ID,
        payer,
        None,
        &[Signer::from(seeds)],
    )?;
    InitializeAccount3::new(account, mint, owner).invoke()
}

/// Transfers `amount` with `authority` signing: by the transaction when `seeds` is empty,
/// else as the PDA of `seeds`.
#[inline(always)]
pub fn transfer(
    from: &AccountView,
    to: &AccountView,
    authority: &AccountView,
    amount: u64,
    seeds: &[Seed],
) -> ProgramResult {
    // An empty signer would make the runtime derive an address from no seeds and fail.
    let transfer = Transfer::new(from, to, authority, amount);
    if seeds.is_empty() {
        transfer.invoke()
    } else {
        transfer.invoke_signed(&[Signer::from(seeds)])
    }
}

/// Closes a token account owned by the PDA `authority`, sending its rent to `destination`.
#[inline(always)]
pub fn close(
    account: &AccountView,
    destination: &AccountView,
    authority: &AccountView,
    seeds: &[Seed],
) -> ProgramResult {
    CloseAccount::new(account, destination, authority).invoke_signed(&[Signer::from(seeds)])
}
