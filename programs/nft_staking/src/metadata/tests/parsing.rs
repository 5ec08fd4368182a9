//! Parsing a metadata account: the layouts mainnet and the Metaplex SDK write (padded to
//! 607/679 bytes, or compact), creators, and malformed heads (key, strings, bools, tags).

use super::*;

#[test]
fn program_id_is_token_metadata() {
    assert_eq!(
        TOKEN_METADATA_PROGRAM_ID.to_string(),
        "metaqbxxUerdq28cj1RbAWkYQm3ybzjb6a8bt518x1s"
    );
}

#[test]
fn parses_a_typical_nft_with_verified_collection() {
    let view = MetadataView::parse(&nft().bytes()).unwrap();
    assert_eq!(
        view,
        MetadataView {
            mint: MINT,
            creators: [
                creator(OTHER, false),
                creator(CREATOR, true),
                None,
                None,
                None
            ],
            token_standard: Some(0),
            collection: Some(Collection {
                verified: true,
                key: COLLECTION
            }),
            edition_nonce: Some(254),
        }
    );
    assert_eq!(nft().check(), Ok(view));
}

#[test]
fn accepts_mainnet_sizes_and_compact_accounts() {
    let expected = MetadataView::parse(&nft().bytes()).unwrap();
    for fixture in [
        Fixture {
            account_len: Some(607),
            ..nft()
        },
        compact_nft(),
    ] {
        assert_eq!(MetadataView::parse(&fixture.bytes()), Ok(expected));
    }
    // The compact account is unpadded, the shape Metaplex's JS serializer writes.
    let compact_len = 1 + 32 + 32 + (4 + 15) + (4 + 4) + (4 + 63) + 2 + (1 + 4 + 2 * 34);
    assert_eq!(compact_nft().bytes().len(), compact_len + 4 + (2 + 34 + 3));
}

#[test]
fn ignores_the_fee_flag_in_the_last_byte() {
    let mut data = nft().bytes();
    *data.last_mut().unwrap() = 1;
    assert!(check_nft_metadata(&data, &MINT, &COLLECTION, &NO_KEY).is_ok());
}

#[test]
fn reads_zero_empty_and_five_creators() {
    for creators in [None, Some(vec![])] {
        let view = MetadataView::parse(&Fixture { creators, ..nft() }.bytes()).unwrap();
        assert_eq!(view.creators, [None; MAX_CREATORS]);
    }
    let five: Vec<(Key, bool)> = (0..5).map(|i| ([10 + i; 32], i % 2 == 0)).collect();
    let view = MetadataView::parse(
        &Fixture {
            creators: Some(five),
            ..nft()
        }
        .bytes(),
    )
    .unwrap();
    assert_eq!(view.creators[4], creator([14; 32], true));
    assert!(view.has_verified_creator(&[12; 32]));
    assert!(!view.has_verified_creator(&[13; 32]));
    assert!(!view.has_verified_creator(&OTHER));
}

#[test]
fn rejects_six_creators() {
    let six = vec![(CREATOR, true); 6];
    let fixture = Fixture {
        creators: Some(six),
        ..nft()
    };
    assert_eq!(fixture.check(), Err(StakingError::MalformedMetadata));
}

#[test]
fn rejects_other_account_keys() {
    for key in [0, 3, 5, 6, 255] {
        let fixture = Fixture { key, ..nft() };
        assert_eq!(fixture.check(), Err(StakingError::MalformedMetadata));
    }
    assert_eq!(
        MetadataView::parse(&[]),
        Err(StakingError::MalformedMetadata)
    );
}

#[test]
fn rejects_over_long_strings() {
    for fixture in [
        Fixture {
            name: "n".repeat(33),
            ..compact_nft()
        },
        Fixture {
            symbol: "s".repeat(11),
            ..compact_nft()
        },
        Fixture {
            uri: "u".repeat(201),
            ..compact_nft()
        },
    ] {
        assert_eq!(fixture.check(), Err(StakingError::MalformedMetadata));
    }
    let mut data = nft().bytes();
    data[65..69].copy_from_slice(&u32::MAX.to_le_bytes()); // name length
    assert_eq!(
        MetadataView::parse(&data),
        Err(StakingError::MalformedMetadata)
    );
}

#[test]
fn rejects_bad_bools_and_option_tags_before_the_tail() {
    let head_len = nft().head().len();
    // primary_sale_happened, is_mutable, edition_nonce tag, last creator's verified flag.
    for offset in [head_len - 4, head_len - 3, head_len - 2, head_len - 4 - 2] {
        let mut data = nft().bytes();
        data[offset] = 2;
        assert_eq!(
            MetadataView::parse(&data),
            Err(StakingError::MalformedMetadata),
            "{offset}"
        );
    }
    let mut data = nft().bytes();
    data[head_len - 4 - 2 * 34 - 4 - 1] = 2; // creators option tag (two creators)
    assert_eq!(
        MetadataView::parse(&data),
        Err(StakingError::MalformedMetadata)
    );
}
