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

/// Whether `address`, which the caller checked is `derive(seeds, bump, program_id)`, is the
/// canonical PDA of `seeds`: it is off the ed25519 curve, and every higher bump derives a
/// point *on* the curve (so `find` would have stopped at `bump`).
///
/// The client supplies the bump it found off-chain. Proving it canonical costs one sha256 plus
/// one curve check per bump (~350 CU) against ~1,500 CU per try of `find` (the
/// `try_find_program_address` syscall), and the client knows the exact number of tries
/// (`256 - bump`) before it sends, so its compute-unit limit can be exact for every address.
#[inline(always)]
pub fn is_canonical<const N: usize>(
    seeds: &[&[u8]; N],
    bump: u8,
    program_id: &Address,
    address: &Address,
) -> bool {
    if on_curve(address) {
        return false;
    }
    // Every `lower` in `bump..255` stands for the bump above it: none of those may be a PDA.
    (bump..u8::MAX).all(|lower| {
        derive(seeds, lower.saturating_add(1), program_id).is_some_and(|address| on_curve(&address))
    })
}

/// Whether `address` is a valid compressed ed25519 point, as the runtime decides it for
/// `create_program_address` (a PDA must not be one: it could have a private key).
#[inline(always)]
fn on_curve(address: &Address) -> bool {
    #[cfg(target_arch = "bpf")]
    {
        /// `CURVE25519_EDWARDS` in the runtime's curve syscalls.
        const CURVE25519_EDWARDS: u64 = 0;
        extern "C" {
            fn sol_curve_validate_point(curve_id: u64, point: *const u8, result: *mut u8) -> u64;
        }
        let mut unused = 0u8;
        // SAFETY: the syscall reads the 32 bytes of `address` and writes nothing we read; it
        // returns 0 when they decompress to a curve point (the runtime's `is_on_curve`).
        unsafe {
            sol_curve_validate_point(CURVE25519_EDWARDS, address.as_ref().as_ptr(), &mut unused)
                == 0
        }
    }
    #[cfg(not(target_arch = "bpf"))]
    {
        // Host builds (unit tests, clippy) have no curve library; nothing on the host calls this.
        core::hint::black_box(address);
        false
    }
}
