//! Anchor discriminators, computed at compile time.
//!
//! Anchor identifies instructions by `sha256("global:<snake_name>")[..8]`, accounts by
//! `sha256("account:<PascalName>")[..8]` and events by `sha256("event:<PascalName>")[..8]`.

/// Length of every Anchor discriminator.
pub const LEN: usize = 8;

/// First 8 bytes of `sha256(namespace || name)`.
///
/// Only used to initialize `const` items, so it runs in the compiler: an out-of-range index
/// here would be a build error, never a runtime panic.
#[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
pub const fn anchor(namespace: &str, name: &str) -> [u8; LEN] {
    let hash = sha2_const_stable::Sha256::new()
        .update(namespace.as_bytes())
        .update(name.as_bytes())
        .finalize();
    let mut out = [0u8; LEN];
    let mut i = 0;
    while i < LEN {
        out[i] = hash[i];
        i += 1;
    }
    out
}

/// Discriminator of an instruction, `sha256("global:<name>")[..8]`.
pub const fn instruction(name: &str) -> [u8; LEN] {
    anchor("global:", name)
}

/// Discriminator of an account type, `sha256("account:<Name>")[..8]`.
pub const fn account(name: &str) -> [u8; LEN] {
    anchor("account:", name)
}

/// Discriminator of an event, `sha256("event:<Name>")[..8]`.
pub const fn event(name: &str) -> [u8; LEN] {
    anchor("event:", name)
}
