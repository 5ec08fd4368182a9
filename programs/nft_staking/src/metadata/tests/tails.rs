//! Corrupted and truncated accounts: what is malformed, and what only loses the collection.

use super::*;

#[test]
fn a_corrupted_tail_means_no_collection() {
    let head_len = nft().head().len();
    // Invalid tags at token_standard, collection, collection.verified and uses.
    for offset in [0, 2, 3, 36] {
        let mut data = nft().bytes();
        data[head_len + offset] = 2;
        let view = MetadataView::parse(&data).unwrap();
        assert_eq!(
            (view.token_standard, view.collection),
            (None, None),
            "{offset}"
        );
        assert_eq!(
            check_nft_metadata(&data, &MINT, &COLLECTION, &NO_KEY),
            Err(StakingError::WrongCollection)
        );
    }
}

#[test]
fn an_unreadable_uses_voids_the_collection_as_metaplex_does() {
    let tail_with_uses = |use_method: u8| {
        let mut tail = vec![1, 0, 1, 1];
        tail.extend_from_slice(&COLLECTION);
        tail.extend_from_slice(&[1, use_method]);
        tail.extend_from_slice(&[0; 16]); // remaining, total
        Fixture {
            raw_tail: Some(tail),
            ..nft()
        }
    };
    assert!(tail_with_uses(2).check().is_ok());
    assert_eq!(
        tail_with_uses(3).check(),
        Err(StakingError::WrongCollection)
    );
    // An account cut inside `uses`.
    let mut data = tail_with_uses(0).bytes();
    data.truncate(nft().head().len() + 2 + 34 + 2 + 8);
    assert_eq!(MetadataView::parse(&data).unwrap().collection, None);
}

#[test]
fn a_mainnet_style_corrupted_tail_keeps_the_creators() {
    // The shape of a known mainnet case (Pesky Penguins #8060): three creators, then stale
    // bytes after edition_nonce whose first byte is not an option tag.
    let fixture = Fixture {
        creators: Some(vec![(OTHER, true), (CREATOR, true), ([5; 32], false)]),
        raw_tail: Some(vec![149, 248, 123, 137, 1, 1, 1, 255]),
        ..nft()
    };
    let view = MetadataView::parse(&fixture.bytes()).unwrap();
    assert_eq!((view.token_standard, view.collection), (None, None));
    assert!(view.has_verified_creator(&CREATOR));
    assert_eq!(fixture.check(), Err(StakingError::WrongCollection));
    assert!(check_nft_metadata(&fixture.bytes(), &MINT, &NO_KEY, &CREATOR).is_ok());
}

#[test]
fn truncation_inside_the_creators_is_malformed() {
    let fixture = Fixture {
        creators: Some(vec![(CREATOR, true); 5]),
        ..compact_nft()
    };
    let head = fixture.head();
    let cut = head.len() - 4 - 20; // inside the last creator's address
    assert_eq!(
        MetadataView::parse(&head[..cut]),
        Err(StakingError::MalformedMetadata)
    );
}

#[test]
fn truncation_after_edition_nonce_means_no_collection() {
    let head = compact_nft().head();
    let view = MetadataView::parse(&head).unwrap();
    assert_eq!((view.token_standard, view.collection), (None, None));
    assert_eq!(
        check_nft_metadata(&head, &MINT, &COLLECTION, &NO_KEY),
        Err(StakingError::WrongCollection)
    );
}

#[test]
fn every_truncation_is_classified() {
    let fixture = compact_nft();
    let data = fixture.bytes();
    let head_len = fixture.head().len();
    // token_standard (2) + collection (34) + uses tag (1): all three must be readable.
    let tail_len = 2 + 34 + 1;
    for len in 0..=data.len() {
        let result = MetadataView::parse(&data[..len]);
        if len < head_len {
            assert_eq!(result, Err(StakingError::MalformedMetadata), "{len}");
        } else {
            let view = result.unwrap();
            let complete = len >= head_len + tail_len;
            assert_eq!(view.collection.is_some(), complete, "{len}");
            assert_eq!(view.token_standard.is_some(), complete, "{len}");
        }
    }
}
