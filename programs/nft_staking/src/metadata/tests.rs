//! Unit tests of `metadata` (host only).

use super::*;
use proptest::prelude::*;

const MINT: Key = [1; 32];
const COLLECTION: Key = [2; 32];
const CREATOR: Key = [3; 32];
const OTHER: Key = [9; 32];

/// A metadata account, written the way Metaplex's serializer does.
#[derive(Clone, Debug)]
struct Fixture {
    key: u8,
    mint: Key,
    name: String,
    symbol: String,
    uri: String,
    /// NUL-pad name/symbol/uri to 32/10/200 bytes, as mainnet accounts are.
    pad_strings: bool,
    /// `(address, verified)`; shares are written as 0.
    creators: Option<Vec<(Key, bool)>>,
    token_standard: Option<u8>,
    collection: Option<(bool, Key)>,
    /// Replaces everything from `token_standard` on (to model corrupted tails).
    raw_tail: Option<Vec<u8>>,
    /// Zero-pad the account to this length (679 legacy, 607 new); `None` leaves it compact.
    account_len: Option<usize>,
}

/// A typical mainnet NFT: verified collection, one verified creator, 679 bytes.
fn nft() -> Fixture {
    Fixture {
        key: 4,
        mint: MINT,
        name: "Degen Ape #1234".into(),
        symbol: "DAPE".into(),
        uri: "https://arweave.net/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG".into(),
        pad_strings: true,
        creators: Some(vec![(OTHER, false), (CREATOR, true)]),
        token_standard: Some(0),
        collection: Some((true, COLLECTION)),
        raw_tail: None,
        account_len: Some(679),
    }
}

/// The same NFT as `@metaplex-foundation/mpl-token-metadata` writes it in tests: exact
/// strings, no padding.
fn compact_nft() -> Fixture {
    Fixture {
        pad_strings: false,
        account_len: None,
        ..nft()
    }
}

fn put_string(out: &mut Vec<u8>, value: &str, padded_len: Option<usize>) {
    let mut bytes = value.as_bytes().to_vec();
    if let Some(len) = padded_len {
        bytes.resize(len, 0);
    }
    out.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
    out.extend_from_slice(&bytes);
}

impl Fixture {
    /// `key` through `edition_nonce` (always `Some(254)`).
    fn head(&self) -> Vec<u8> {
        let pad = |len| self.pad_strings.then_some(len);
        let mut out = vec![self.key];
        out.extend_from_slice(&[7; 32]); // update authority
        out.extend_from_slice(&self.mint);
        put_string(&mut out, &self.name, pad(32));
        put_string(&mut out, &self.symbol, pad(10));
        put_string(&mut out, &self.uri, pad(200));
        out.extend_from_slice(&500u16.to_le_bytes());
        match &self.creators {
            None => out.push(0),
            Some(creators) => {
                out.push(1);
                out.extend_from_slice(&(creators.len() as u32).to_le_bytes());
                for (address, verified) in creators {
                    out.extend_from_slice(address);
                    out.extend_from_slice(&[u8::from(*verified), 0]);
                }
            }
        }
        out.extend_from_slice(&[1, 1, 1, 254]); // primary sale, mutable, edition nonce
        out
    }

    /// `token_standard` through `programmable_config`.
    fn tail(&self) -> Vec<u8> {
        if let Some(raw) = &self.raw_tail {
            return raw.clone();
        }
        let mut out = match self.token_standard {
            None => vec![0],
            Some(standard) => vec![1, standard],
        };
        match self.collection {
            None => out.push(0),
            Some((verified, key)) => {
                out.extend_from_slice(&[1, u8::from(verified)]);
                out.extend_from_slice(&key);
            }
        }
        out.extend_from_slice(&[0, 0, 0]); // uses, collection details, programmable config
        out
    }

    fn bytes(&self) -> Vec<u8> {
        let mut out = self.head();
        out.extend(self.tail());
        if let Some(len) = self.account_len {
            assert!(out.len() <= len, "fixture longer than the account");
            out.resize(len, 0);
        }
        out
    }

    fn check(&self) -> Result<MetadataView, StakingError> {
        check_nft_metadata(&self.bytes(), &MINT, &COLLECTION, &NO_KEY)
    }
}

fn creator(address: Key, verified: bool) -> Option<Creator> {
    Some(Creator { address, verified })
}

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
fn rejects_a_mint_mismatch() {
    let fixture = Fixture {
        mint: OTHER,
        ..nft()
    };
    assert_eq!(fixture.check(), Err(StakingError::MetadataMintMismatch));
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
