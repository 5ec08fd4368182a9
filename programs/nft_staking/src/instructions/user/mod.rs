//! Instructions signed by holders.

pub mod nft_stake;
pub mod nft_unstake;
pub mod perk_redeem;
pub mod rewards_claim;
pub mod staker_close;
pub mod tier_refresh;
