//! Unit tests of `metadata` (host only). The shared fixture is here (a metadata account,
//! written the way Metaplex's serializer does); the tests are in `tests/`.

use super::*;

mod checks;
mod fuzz;
mod parsing;
mod tails;

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
