//! Unit tests of `pool_initialize` (host only).

use super::*;

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
}

#[test]
fn discriminator_is_anchors() {
    use sha2::{Digest, Sha256};
    let hash = Sha256::digest(b"global:initialize_pool");
    assert_eq!(DISCRIMINATOR, hash[..8]);
}
