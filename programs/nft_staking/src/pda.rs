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

/// The PDA of `seeds` with a known `bump`, by one sha256 (no curve check, a fraction of the
/// cost of `create_program_address`). Safe for *verifying* an address the client passed:
/// an account can only exist at an address derived this way if its owning program created
/// it with those seeds (or someone holds the private key of a sha256 output, which nobody can).
#[inline(always)]
pub fn derive<const N: usize>(
    seeds: &[&[u8]; N],
    bump: u8,
    program_id: &Address,
) -> Option<Address> {
    Address::try_derive_address(seeds, Some(bump), program_id).ok()
}
