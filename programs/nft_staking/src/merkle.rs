//! Merkle proofs of an NFT's reward tier.
//!
//! A pool creator commits to a `(mint, tier)` list by its Merkle root; a holder proves their
//! NFT's tier with the sibling hashes on the path from its leaf to the root. The SDK's
//! `TierTree` (`sdk/src/merkle.ts`) builds the identical tree, and both are checked against
//! the vectors in `tests/vectors/merkle.json`, written by an independent Python implementation
//! (`tests/vectors/generate_merkle.py`).
//!
//! * Leaf: `sha256(0x00 ‖ mint (32 bytes) ‖ tier (1 byte))`.
//! * Parent: `sha256(0x01 ‖ min(a, b) ‖ max(a, b))`, the pair sorted by byte order, so a proof
//!   needs no left/right flags.
//! * The `0x00` / `0x01` prefixes separate the two domains: an inner node can never be passed
//!   off as a leaf (a second preimage), since no `(mint, tier)` hashes to it.
//! * Building (off chain): leaves are sorted ascending, so the root depends only on the set of
//!   entries and not on their order; each level pairs neighbours, and an odd node at the end of a
//!   level is promoted unchanged (not duplicated). A one-leaf tree's root is the leaf.
//! * A proof is the concatenated 32-byte siblings from the leaf up; at most [`MAX_PROOF_LEN`]
//!   of them (2^24 ≈ 16.7M NFTs).
//!
//! On SBF each hash is one `sol_sha256` syscall over the pieces in place (no copying into a
//! buffer); on the host (unit tests, clippy) the crate's `sha2-const-stable` computes the same
//! digest, so no dependency is added for it.

/// Length of a hash, and of one proof element.
pub const HASH_LEN: usize = 32;

/// Most siblings a proof may have: a tree of up to 2^24 NFTs.
pub const MAX_PROOF_LEN: usize = 24;

const MAX_PROOF_BYTES: usize = MAX_PROOF_LEN * HASH_LEN;
const LEAF_PREFIX: &[u8] = &[0x00];
const NODE_PREFIX: &[u8] = &[0x01];

/// Leaf hash of `(mint, tier)`.
#[inline]
pub fn leaf(mint: &[u8; 32], tier: u8) -> [u8; 32] {
    sha256(&[LEAF_PREFIX, mint, &[tier]])
}

/// Verifies `proof` (concatenated 32-byte siblings, leaf to root; its length must be a multiple
/// of 32 and at most `MAX_PROOF_LEN × 32`) for `leaf` against `root`.
///
/// `leaf` must be computed by the program with [`leaf`] from the mint and tier it is about to
/// trust, never taken from instruction data.
pub fn verify(proof: &[u8], root: &[u8; 32], leaf: [u8; 32]) -> bool {
    if proof.len() > MAX_PROOF_BYTES {
        return false;
    }
    let (siblings, rest) = proof.as_chunks::<HASH_LEN>();
    if !rest.is_empty() {
        return false;
    }
    siblings
        .iter()
        .fold(leaf, |node, sibling| parent(&node, sibling))
        == *root
}

/// Parent of two nodes, independent of their order.
#[inline]
fn parent(a: &[u8; 32], b: &[u8; 32]) -> [u8; 32] {
    let (low, high) = if a <= b { (a, b) } else { (b, a) };
    sha256(&[NODE_PREFIX, low, high])
}

/// SHA-256 of the concatenation of `parts`.
#[cfg(target_arch = "bpf")]
#[inline]
fn sha256(parts: &[&[u8]]) -> [u8; 32] {
    let mut digest = [0u8; 32];
    // SAFETY: `sol_sha256` reads `parts.len()` descriptors of (address: u64, length: u64) from
    // `parts`: on SBF a `&[u8]` is exactly that pair (as in `solana_sha256_hasher::hashv`), and
    // every slice borrowed in `parts` is live for the call. It writes 32 bytes into `digest`,
    // which is 32 bytes long. It only fails (aborting the program) on a limit we stay far below
    // (at most 3 parts here), so its status needs no check.
    unsafe {
        pinocchio::syscalls::sol_sha256(
            parts.as_ptr() as *const u8,
            parts.len() as u64,
            digest.as_mut_ptr(),
        );
    }
    digest
}

/// SHA-256 of the concatenation of `parts`.
#[cfg(not(target_arch = "bpf"))]
fn sha256(parts: &[&[u8]]) -> [u8; 32] {
    parts
        .iter()
        .fold(sha2_const_stable::Sha256::new(), |hasher, part| {
            hasher.update(part)
        })
        .finalize()
}

#[cfg(test)]
#[allow(
    clippy::arithmetic_side_effects,
    clippy::indexing_slicing,
    clippy::unwrap_used
)]
mod tests;
