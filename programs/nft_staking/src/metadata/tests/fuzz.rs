//! Property tests: parsing never panics, and acceptance always rests on a verified match.

use super::*;
use proptest::prelude::*;

fn any_fixture() -> impl Strategy<Value = Fixture> {
    (
        0usize..=MAX_CREATORS,
        any::<bool>(),
        prop::option::of(0u8..8),
        prop::option::of((any::<bool>(), prop::sample::select(vec![COLLECTION, OTHER]))),
        prop::sample::select(vec![None, Some(607), Some(679)]),
    )
        .prop_map(
            |(creators, pad_strings, token_standard, collection, account_len)| Fixture {
                creators: Some(vec![(CREATOR, true); creators]),
                pad_strings,
                token_standard,
                collection,
                account_len,
                ..nft()
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn parse_never_panics_on_arbitrary_bytes(
        data in prop::collection::vec(any::<u8>(), 0..800)
    ) {
        let result = MetadataView::parse(&data);
        prop_assert!(matches!(result, Ok(_) | Err(StakingError::MalformedMetadata)));
    }

    #[test]
    fn parse_never_panics_on_mutated_or_truncated_accounts(
        fixture in any_fixture(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..6),
        keep in any::<prop::sample::Index>(),
    ) {
        let mut data = fixture.bytes();
        for (index, value) in edits {
            let at = index.index(data.len());
            data[at] = value;
        }
        data.truncate(keep.index(data.len() + 1));
        let parsed = MetadataView::parse(&data);
        prop_assert!(matches!(parsed, Ok(_) | Err(StakingError::MalformedMetadata)));
        // Never a silent pass: acceptance always rests on a verified match.
        for (collection, creator) in [(COLLECTION, NO_KEY), (NO_KEY, CREATOR)] {
            if let Ok(view) = check_nft_metadata(&data, &MINT, &collection, &creator) {
                prop_assert_eq!(view.mint, MINT);
                let by_collection = collection != NO_KEY
                    && view.collection == Some(Collection { verified: true, key: collection });
                let by_creator = creator != NO_KEY && view.has_verified_creator(&creator);
                prop_assert!(by_collection || by_creator);
            }
        }
    }
}
