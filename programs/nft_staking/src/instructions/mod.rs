//! One file per instruction, named exactly as the instruction in the IDL, and **one list** of
//! them (`instructions!` below): it declares the modules, routes by discriminator, and gives
//! [`ALL`], which the IDL test and the README test iterate. Adding an instruction is a new file
//! plus one line here (see CONTRIBUTING.md).

use crate::error::StakingError;
use pinocchio::{AccountView, Address, ProgramResult};

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

/// Who may send an instruction (documentation, checked against the README's table).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Caller {
    /// The pool's authority (for `initialize_pool`, the authority it will have).
    Authority,
    /// The key a `propose_authority` named.
    ProposedAuthority,
    /// The holder whose NFTs or position it is.
    Holder,
    /// Anyone: the instruction cannot hurt the pool or its holders.
    Anyone,
}

/// One instruction as listed in [`ALL`].
#[derive(Clone, Copy, Debug)]
pub struct InstructionInfo {
    /// The IDL name (snake case), which is also its file name here.
    pub name: &'static str,
    /// `sha256("global:<name>")[..8]`.
    pub discriminator: [u8; 8],
    /// Who may send it.
    pub caller: Caller,
}

macro_rules! instructions {
    ($($name:ident: $caller:ident,)+) => {
        $(pub mod $name;)+

        /// Every instruction, in dispatch order.
        pub const ALL: &[InstructionInfo] = &[$(InstructionInfo {
            name: stringify!($name),
            discriminator: $name::DISCRIMINATOR,
            caller: Caller::$caller,
        },)+];

        /// Routes an instruction to its handler by its 8-byte Anchor discriminator.
        #[inline(always)]
        pub fn dispatch(tag: &[u8; 8], ctx: Context) -> ProgramResult {
            match *tag {
                $($name::DISCRIMINATOR => $name::process(ctx),)+
                _ => Err(StakingError::InvalidInstruction.into()),
            }
        }
    };
}

// Dispatch order (comparisons run top to bottom): the holder's hot paths come right after pool
// creation, as before the files were renamed, so no instruction's compute units changed.
instructions! {
    initialize_pool: Authority,
    update_pool: Authority,
    add_reward_stream: Authority,
    fund_reward_stream: Anyone,
    update_reward_stream: Authority,
    stake: Holder,
    unstake: Holder,
    claim: Holder,
    refresh_tier: Anyone,
    close_staker: Holder,
    redeem_perk: Holder,
    set_paused: Authority,
    sunset_pool: Authority,
    propose_authority: Authority,
    accept_authority: ProposedAuthority,
    withdraw_surplus: Authority,
    create_perk: Authority,
    update_perk: Authority,
    close_perk: Authority,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::discriminator;

    #[test]
    fn every_discriminator_is_the_anchor_hash_of_its_name_and_unique() {
        for (index, info) in ALL.iter().enumerate() {
            assert_eq!(
                info.discriminator,
                discriminator::instruction(info.name),
                "{}",
                info.name
            );
            for other in ALL.iter().skip(index.saturating_add(1)) {
                assert_ne!(info.discriminator, other.discriminator, "{}", info.name);
            }
        }
    }
}
