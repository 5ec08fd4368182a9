//! One file per instruction, grouped by who calls it.

pub mod admin;
