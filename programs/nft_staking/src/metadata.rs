//! Reading Metaplex Token Metadata `MetadataV1` accounts, as `stake` does to accept an NFT.
//!
//! The account has no fixed layout: three strings, an optional creators vector and several
//! options come before `collection`; it may be 679 bytes (legacy), 607 (new or resized) or
//! shorter (written by test serializers), and its last byte is a fee flag, not data. So this
//! reads Borsh from the front, checks every bound, ignores trailing bytes and never allocates.
//!
//! Corrupted tails exist on mainnet (bytes left behind when a creators vector shrank). Like
//! Metaplex's own deserializer, a tail that does not parse means "no token standard and no
//! collection": such an NFT is then rejected as not in the collection, never accepted by chance.
//!
//! The owner and PDA-address checks of the metadata account are the caller's: this module only
//! judges the bytes.

use crate::{
    borsh::Reader,
    error::StakingError,
    state::{Key, NO_KEY},
};
use pinocchio::Address;

/// Token Metadata program id (`metaqbxxUerdq28cj1RbAWkYQm3ybzjb6a8bt518x1s`).
pub const TOKEN_METADATA_PROGRAM_ID: Address = Address::new_from_array([
    11, 112, 101, 177, 227, 209, 124, 69, 56, 157, 82, 127, 107, 4, 195, 205, 88, 184, 108, 115,
    26, 160, 253, 181, 73, 182, 209, 188, 3, 248, 41, 70,
]);

/// Seed prefix of metadata PDAs: `["metadata", TOKEN_METADATA_PROGRAM_ID, mint]`.
pub const METADATA_SEED: &[u8] = b"metadata";

/// Most creators Metaplex allows on one metadata account.
pub const MAX_CREATORS: usize = 5;

/// `Key::MetadataV1`, the account's first byte.
const METADATA_V1_KEY: u8 = 4;
// Metaplex's string limits. Mainnet accounts pad the strings with NULs up to exactly these.
const MAX_NAME_LEN: usize = 32;
const MAX_SYMBOL_LEN: usize = 10;
const MAX_URI_LEN: usize = 200;

// `TokenStandard` values.
const NON_FUNGIBLE: u8 = 0;
const FUNGIBLE_ASSET: u8 = 1;
const FUNGIBLE: u8 = 2;
const NON_FUNGIBLE_EDITION: u8 = 3;
const PROGRAMMABLE_NON_FUNGIBLE: u8 = 4;
const PROGRAMMABLE_NON_FUNGIBLE_EDITION: u8 = 5;

/// Highest `UseMethod` value (`Burn`, `Multiple`, `Single`).
const MAX_USE_METHOD: u8 = 2;

/// One entry of the metadata's creators list (its royalty share is not needed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Creator {
    /// The creator's wallet.
    pub address: Key,
    /// True once the creator signed to verify it (only then does it prove anything).
    pub verified: bool,
}

/// The collection an NFT claims to belong to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Collection {
    /// True once the collection's update authority verified the NFT as a member.
    pub verified: bool,
    /// The collection NFT's mint.
    pub key: Key,
}

/// What staking needs from a metadata account.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MetadataView {
    /// The mint this metadata describes.
    pub mint: Key,
    /// The creators, in order, in the first slots; `None` in the unused slots.
    pub creators: [Option<Creator>; MAX_CREATORS],
    /// The raw `TokenStandard` value. Values above 5 are kept so that [`check_nft_metadata`]
    /// rejects them as malformed; Metaplex, unable to decode them, would drop the whole tail
    /// and read "no standard", which is more lenient than we want to be.
    /// `None` when absent or when the tail is corrupted (see `collection`).
    pub token_standard: Option<u8>,
    /// `None` when absent, or when the bytes from `token_standard` through `uses` cannot be
    /// parsed (corrupted or truncated tail): Metaplex then drops all three, and so do we.
    pub collection: Option<Collection>,
    /// Bump of the mint's edition PDA, which Token Metadata writes when it creates the
    /// metadata (`None` only in accounts older than that field).
    pub edition_nonce: Option<u8>,
}

impl MetadataView {
    /// Parses `MetadataV1` bytes from the front, tolerating trailing bytes (fee flag, zero
    /// padding to 607/679 bytes).
    ///
    /// Fails with `MalformedMetadata` when the key is not `MetadataV1`, when the data ends before
    /// `token_standard`, or on an invalid bool or option tag, an over-long string or more than
    /// [`MAX_CREATORS`] creators before it. After that point a failure only clears
    /// `token_standard` and `collection`.
    pub fn parse(data: &[u8]) -> Result<Self, StakingError> {
        let mut reader = Reader::new(data);
        let (mint, creators, edition_nonce) =
            read_head(&mut reader).map_err(|_| StakingError::MalformedMetadata)?;
        let (token_standard, collection) = read_tail(&mut reader).unwrap_or((None, None));
        Ok(Self {
            mint,
            creators,
            token_standard,
            collection,
            edition_nonce,
        })
    }

    /// True if some creator equals `key` and is verified.
    pub fn has_verified_creator(&self, key: &Key) -> bool {
        self.creators
            .iter()
            .flatten()
            .any(|creator| creator.verified && creator.address == *key)
    }

    fn has_creator(&self, key: &Key) -> bool {
        self.creators
            .iter()
            .flatten()
            .any(|creator| creator.address == *key)
    }
}

/// Runs the checks on a metadata account's bytes that `stake` needs, in this order:
/// 1. the bytes parse ([`MetadataView::parse`]), else `MalformedMetadata`;
/// 2. the metadata describes `mint`, else `MetadataMintMismatch`;
/// 3. the token standard moves with a plain SPL transfer (`None`, `NonFungible` or
///    `NonFungibleEdition`), else `ProgrammableNftNotSupported` (4, 5),
///    `UnsupportedTokenStandard` (1, 2) or `MalformedMetadata` (above 5);
/// 4. the NFT is in the pool: when `collection` is set and the metadata's collection has that
///    key, it must be verified; otherwise, when `creator` is set and is among the creators, it
///    must be verified (`CollectionNotVerified` if not); otherwise `WrongCollection`.
///
/// `collection` and `creator` are the pool's keys, [`NO_KEY`] when unset.
pub fn check_nft_metadata(
    data: &[u8],
    mint: &Key,
    collection: &Key,
    creator: &Key,
) -> Result<MetadataView, StakingError> {
    let view = MetadataView::parse(data)?;
    if view.mint != *mint {
        return Err(StakingError::MetadataMintMismatch);
    }
    match view.token_standard {
        None | Some(NON_FUNGIBLE | NON_FUNGIBLE_EDITION) => {}
        Some(PROGRAMMABLE_NON_FUNGIBLE | PROGRAMMABLE_NON_FUNGIBLE_EDITION) => {
            return Err(StakingError::ProgrammableNftNotSupported)
        }
        Some(FUNGIBLE_ASSET | FUNGIBLE) => return Err(StakingError::UnsupportedTokenStandard),
        Some(_) => return Err(StakingError::MalformedMetadata),
    }
    if *collection != NO_KEY {
        if let Some(claimed) = view.collection.filter(|claimed| claimed.key == *collection) {
            return if claimed.verified {
                Ok(view)
            } else {
                Err(StakingError::CollectionNotVerified)
            };
        }
    }
    if *creator != NO_KEY && view.has_creator(creator) {
        // Metaplex refuses duplicate creators, but if one ever appeared, any verified entry
        // proves the creator signed.
        return if view.has_verified_creator(creator) {
            Ok(view)
        } else {
            Err(StakingError::CollectionNotVerified)
        };
    }
    Err(StakingError::WrongCollection)
}

/// The mint, its creators and the edition bump read from the front of a metadata account.
type Head = (Key, [Option<Creator>; MAX_CREATORS], Option<u8>);

/// Reads `key` through `edition_nonce`, returning the mint, the creators and the edition
/// nonce. Metaplex fails on any error here too, so every error is fatal.
fn read_head(reader: &mut Reader) -> Result<Head, StakingError> {
    if reader.u8()? != METADATA_V1_KEY {
        return Err(StakingError::MalformedMetadata);
    }
    reader.array::<32>()?; // update_authority
    let mint = *reader.array::<32>()?;
    skip_string(reader, MAX_NAME_LEN)?;
    skip_string(reader, MAX_SYMBOL_LEN)?;
    skip_string(reader, MAX_URI_LEN)?;
    reader.array::<2>()?; // seller_fee_basis_points
    let mut creators = [None; MAX_CREATORS];
    if is_some(reader)? {
        let count = read_len(reader)?;
        if count > MAX_CREATORS {
            return Err(StakingError::MalformedMetadata);
        }
        for slot in creators.iter_mut().take(count) {
            let address = *reader.array::<32>()?;
            let verified = reader.bool()?;
            reader.u8()?; // share
            *slot = Some(Creator { address, verified });
        }
    }
    reader.bool()?; // primary_sale_happened
    reader.bool()?; // is_mutable
    let edition_nonce = if is_some(reader)? {
        Some(reader.u8()?)
    } else {
        None
    };
    Ok((mint, creators, edition_nonce))
}

/// Reads `token_standard` and `collection`, and checks that `uses` parses too: Metaplex keeps
/// these three only when all of them parse, so a corrupted `uses` voids the collection as well.
fn read_tail(reader: &mut Reader) -> Result<(Option<u8>, Option<Collection>), StakingError> {
    let token_standard = if is_some(reader)? {
        Some(reader.u8()?)
    } else {
        None
    };
    let collection = if is_some(reader)? {
        let verified = reader.bool()?;
        let key = *reader.array::<32>()?;
        Some(Collection { verified, key })
    } else {
        None
    };
    if is_some(reader)? {
        if reader.u8()? > MAX_USE_METHOD {
            return Err(StakingError::MalformedMetadata);
        }
        reader.array::<16>()?; // remaining, total (u64 each)
    }
    Ok((token_standard, collection))
}

/// Skips a Borsh `String` of at most `max_len` bytes. Its bytes are not checked for UTF-8
/// (Borsh would): they are never used, and the check would cost compute units per NFT.
fn skip_string(reader: &mut Reader, max_len: usize) -> Result<(), StakingError> {
    let len = read_len(reader)?;
    if len > max_len {
        return Err(StakingError::MalformedMetadata);
    }
    reader.bytes(len)?;
    Ok(())
}

/// Reads a Borsh length prefix (`u32`).
fn read_len(reader: &mut Reader) -> Result<usize, StakingError> {
    usize::try_from(reader.u32()?).map_err(|_| StakingError::MalformedMetadata)
}

/// Reads a Borsh `Option` tag: 0 is `None`, 1 is `Some`, anything else is invalid (the same
/// rule as a bool).
fn is_some(reader: &mut Reader) -> Result<bool, StakingError> {
    reader.bool()
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects)]
mod tests;
