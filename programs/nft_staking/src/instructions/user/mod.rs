//! Instructions signed by holders.

pub mod nft_stake;
pub mod nft_unstake;
pub mod rewards_claim;
