//! Instructions signed by a pool's authority (or, for `initialize_pool`, its future authority).

pub mod pool_initialize;
pub mod pool_update;
pub mod stream_add;
pub mod stream_fund;
pub mod stream_update;
