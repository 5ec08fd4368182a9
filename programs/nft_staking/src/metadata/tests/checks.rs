//! The checks of `check_nft_metadata`: mint, collection, creator, token standard, and the
//! order they run in.

use super::*;

#[test]
fn collection_must_be_present_matching_and_verified() {
    let absent = Fixture {
        collection: None,
        ..nft()
    };
    assert_eq!(absent.check(), Err(StakingError::WrongCollection));
    let unverified = Fixture {
        collection: Some((false, COLLECTION)),
        ..nft()
    };
    assert_eq!(unverified.check(), Err(StakingError::CollectionNotVerified));
    let other = Fixture {
        collection: Some((true, OTHER)),
        ..nft()
    };
    assert_eq!(other.check(), Err(StakingError::WrongCollection));
    // A pool without a collection key ignores the NFT's collection.
    assert_eq!(
        check_nft_metadata(&nft().bytes(), &MINT, &NO_KEY, &NO_KEY),
        Err(StakingError::WrongCollection)
    );
}

#[test]
fn creator_pools_need_a_verified_creator() {
    let data = nft().bytes();
    assert!(check_nft_metadata(&data, &MINT, &NO_KEY, &CREATOR).is_ok());
    assert_eq!(
        check_nft_metadata(&data, &MINT, &NO_KEY, &OTHER),
        Err(StakingError::CollectionNotVerified)
    );
    assert_eq!(
        check_nft_metadata(&data, &MINT, &NO_KEY, &[5; 32]),
        Err(StakingError::WrongCollection)
    );
    // A creator key of zero never matches, even if a zero creator is listed.
    let zero = Fixture {
        creators: Some(vec![(NO_KEY, true)]),
        ..nft()
    };
    assert_eq!(
        check_nft_metadata(&zero.bytes(), &MINT, &NO_KEY, &NO_KEY),
        Err(StakingError::WrongCollection)
    );
}

#[test]
fn pools_with_both_keys_try_the_collection_first() {
    let other_collection = Fixture {
        collection: Some((true, OTHER)),
        ..nft()
    };
    assert!(check_nft_metadata(&other_collection.bytes(), &MINT, &COLLECTION, &CREATOR).is_ok());
    // A matching but unverified collection is an answer: it does not fall back to creators.
    let unverified = Fixture {
        collection: Some((false, COLLECTION)),
        ..nft()
    };
    assert_eq!(
        check_nft_metadata(&unverified.bytes(), &MINT, &COLLECTION, &CREATOR),
        Err(StakingError::CollectionNotVerified)
    );
}

#[test]
fn token_standards() {
    for accepted in [None, Some(0), Some(3)] {
        let fixture = Fixture {
            token_standard: accepted,
            ..nft()
        };
        assert!(fixture.check().is_ok(), "{accepted:?}");
    }
    for (standard, error) in [
        (1, StakingError::UnsupportedTokenStandard),
        (2, StakingError::UnsupportedTokenStandard),
        (4, StakingError::ProgrammableNftNotSupported),
        (5, StakingError::ProgrammableNftNotSupported),
        (6, StakingError::MalformedMetadata),
        (255, StakingError::MalformedMetadata),
    ] {
        let fixture = Fixture {
            token_standard: Some(standard),
            ..nft()
        };
        assert_eq!(fixture.check(), Err(error), "{standard}");
    }
}

#[test]
fn checks_run_in_order() {
    let programmable_of_other_mint = Fixture {
        mint: OTHER,
        token_standard: Some(4),
        collection: None,
        ..nft()
    };
    assert_eq!(
        programmable_of_other_mint.check(),
        Err(StakingError::MetadataMintMismatch)
    );
    let programmable_outside = Fixture {
        token_standard: Some(4),
        collection: None,
        ..nft()
    };
    assert_eq!(
        programmable_outside.check(),
        Err(StakingError::ProgrammableNftNotSupported)
    );
}

#[test]
fn rejects_a_mint_mismatch() {
    let fixture = Fixture {
        mint: OTHER,
        ..nft()
    };
    assert_eq!(fixture.check(), Err(StakingError::MetadataMintMismatch));
}
