//! `PerkReceipt`: proof, readable by anyone on-chain, that a holder redeemed a perk (for gated
//! access). PDA `["receipt", perk, owner]`.

use super::{Key, ZeroCopyAccount};
use crate::discriminator;

/// How often, and when last, a holder redeemed a perk.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PerkReceipt {
    /// The perk.
    pub perk: Key,
    /// The holder.
    pub owner: Key,
    /// Last redemption (unix seconds).
    pub last_redeemed_at: i64,
    /// Redemptions by this holder.
    pub count: u32,
    /// Canonical bump of the PDA.
    pub bump: u8,
    /// Explicit padding.
    pub padding: [u8; 3],
}

// SAFETY: repr(C), integers and byte arrays only, no implicit padding (layout test vs the IDL).
unsafe impl ZeroCopyAccount for PerkReceipt {
    const DISCRIMINATOR: [u8; discriminator::LEN] = discriminator::account("PerkReceipt");
}
