//! Instructions signed by a pool's authority (or, for `initialize_pool`, its future authority).

pub mod pool_initialize;
