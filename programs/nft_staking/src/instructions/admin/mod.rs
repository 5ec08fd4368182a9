//! Instructions signed by a pool's authority (or, for `initialize_pool`, its future authority).

pub mod authority_accept;
pub mod authority_propose;
pub mod perk_close;
pub mod perk_create;
pub mod perk_update;
pub mod pool_initialize;
pub mod pool_pause;
pub mod pool_sunset;
pub mod pool_update;
pub mod stream_add;
pub mod stream_fund;
pub mod stream_update;
pub mod surplus_withdraw;
