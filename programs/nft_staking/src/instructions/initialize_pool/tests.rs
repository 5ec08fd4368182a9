//! Unit tests of `pool_initialize` (host only).

use super::*;
use crate::constants::{MAX_LOCK_DURATION_S, MAX_PAUSE_S};
use crate::state::pool::POOL_REQUIRES_TIER_PROOF;

fn encode(
    pool_id: u64,
    collection: Option<[u8; 32]>,
    creator: Option<[u8; 32]>,
    weight: u32,
    uri: &[u8],
) -> Vec<u8> {
    let mut out = pool_id.to_le_bytes().to_vec();
    for key in [collection, creator] {
        match key {
            Some(key) => {
                out.push(1);
                out.extend_from_slice(&key);
            }
            None => out.push(0),
        }
    }
    out.extend_from_slice(&weight.to_le_bytes());
    out.extend_from_slice(&(uri.len() as u32).to_le_bytes());
    out.extend_from_slice(uri);
    out.extend_from_slice(&encode_limits(30 * 86_400, 86_400, false, true));
    out
}

/// Borsh `PoolLimits`.
fn encode_limits(max_lock_s: u32, max_pause_s: u32, editions: bool, proof: bool) -> Vec<u8> {
    let mut out = max_lock_s.to_le_bytes().to_vec();
    out.extend_from_slice(&max_pause_s.to_le_bytes());
    out.push(u8::from(editions));
    out.push(u8::from(proof));
    out
}

/// `encode` with other limits.
fn with_limits(limits: Vec<u8>) -> Vec<u8> {
    let mut out = encode(1, Some([1; 32]), None, 1, b"");
    out.truncate(out.len().saturating_sub(10));
    out.extend_from_slice(&limits);
    out
}

#[test]
fn parses_all_arguments() {
    let data = encode(
        42,
        Some([1; 32]),
        None,
        100,
        b"https://example.org/pool.json",
    );
    let args = Args::parse(&data).unwrap();
    assert_eq!(args.pool_id, 42);
    assert_eq!(args.collection, [1; 32]);
    assert_eq!(args.creator, NO_KEY);
    assert_eq!(args.default_tier_weight, 100);
    assert_eq!(args.uri, b"https://example.org/pool.json");
    assert_eq!(
        args.limits,
        PoolLimits {
            max_lock_s: 30 * 86_400,
            max_pause_s: 86_400,
            flags: POOL_REQUIRES_TIER_PROOF,
        }
    );
    assert_eq!(args.validate(), Ok(()));
}

#[test]
fn rejects_bad_arguments() {
    let long_uri = [b'a'; MAX_URI_LEN + 1];
    assert_eq!(
        Args::parse(&encode(1, Some([1; 32]), None, 1, &long_uri)).err(),
        Some(StakingError::UriTooLong)
    );
    assert!(Args::parse(&encode(1, Some([1; 32]), None, 1, &[b'a'; MAX_URI_LEN])).is_ok());
    let mut trailing = encode(1, Some([1; 32]), None, 1, b"");
    trailing.push(0);
    assert_eq!(
        Args::parse(&trailing).err(),
        Some(StakingError::InvalidInstructionData)
    );
    let validate = |data: Vec<u8>| Args::parse(&data).unwrap().validate();
    assert_eq!(
        validate(encode(1, None, None, 1, b"")),
        Err(StakingError::MissingCollectionOrCreator)
    );
    assert_eq!(
        validate(encode(1, Some(NO_KEY), None, 1, b"")),
        Err(StakingError::MissingCollectionOrCreator)
    );
    assert_eq!(
        validate(encode(1, None, Some([2; 32]), 0, b"")),
        Err(StakingError::InvalidTierWeight)
    );
    assert_eq!(
        validate(encode(1, None, Some([2; 32]), MAX_TIER_WEIGHT + 1, b"")),
        Err(StakingError::InvalidTierWeight)
    );
    let limits = |data: Vec<u8>| Args::parse(&data).unwrap().validate();
    assert_eq!(
        limits(with_limits(encode_limits(MAX_LOCK_DURATION_S + 1, 1, false, false))),
        Err(StakingError::LockTooLong)
    );
    assert_eq!(
        limits(with_limits(encode_limits(MAX_LOCK_DURATION_S, MAX_PAUSE_S, true, false))),
        Ok(())
    );
    assert_eq!(
        limits(with_limits(encode_limits(0, MAX_PAUSE_S + 1, false, false))),
        Err(StakingError::PauseTooLong)
    );
    assert_eq!(
        limits(with_limits(encode_limits(0, 0, false, false))),
        Err(StakingError::PauseTooLong)
    );
    let mut bad_bool = with_limits(encode_limits(0, 1, false, false));
    *bad_bool.last_mut().unwrap() = 2;
    assert_eq!(
        Args::parse(&bad_bool).err(),
        Some(StakingError::InvalidInstructionData)
    );
}

#[test]
fn discriminator_is_anchors() {
    use sha2::{Digest, Sha256};
    let hash = Sha256::digest(b"global:initialize_pool");
    assert_eq!(DISCRIMINATOR, hash[..8]);
}
