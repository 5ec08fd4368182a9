//! One file per instruction, grouped by who calls it.

pub mod admin;
pub mod user;

use pinocchio::{AccountView, Address};

/// What every instruction handler receives. Handlers take it as one argument because the
/// upstream BPF backend passes at most five arguments, all in registers (the two slices alone
/// take four, and the result pointer one more).
pub struct Context<'a> {
    /// This program's id.
    pub program_id: &'a Address,
    /// The instruction's accounts.
    pub accounts: &'a mut [AccountView],
    /// The instruction data after the 8-byte discriminator.
    pub data: &'a [u8],
}
