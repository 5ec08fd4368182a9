//! Program-derived addresses.

use pinocchio::Address;

/// Finds the canonical PDA and bump for `seeds` under `program_id`.
///
/// Only instruction handlers call this, and they only run on SBF; the host build (unit tests,
/// clippy) has no curve library, so there it reports "no address" instead of deriving.
#[inline(always)]
pub fn find(seeds: &[&[u8]], program_id: &Address) -> Option<(Address, u8)> {
    #[cfg(target_arch = "bpf")]
    {
        Address::try_find_program_address(seeds, program_id)
    }
    #[cfg(not(target_arch = "bpf"))]
    {
        core::hint::black_box((seeds, program_id));
        None
    }
}
