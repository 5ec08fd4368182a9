//! Token Metadata edition accounts: what proves an NFT's supply can never change.
//!
//! Token Metadata moves a mint's mint and freeze authorities to the mint's edition PDA when it
//! creates the master edition (or prints an edition), and it never mints to or freezes a token
//! account that has no delegate, which our escrow never has. A mint whose authorities are
//! anything else could get a second token minted into the escrow (unstake could then never
//! close it) or have the escrow frozen (review finding M-1), so `stake` requires the edition.

use crate::{
    error::StakingError,
    metadata::{METADATA_SEED, TOKEN_METADATA_PROGRAM_ID},
    pda,
    state::Key,
    token::MintInfo,
};
use pinocchio::AccountView;

/// Last seed of an edition PDA: `["metadata", token_metadata, mint, "edition"]`.
pub const EDITION_SEED: &[u8] = b"edition";

/// `Key::EditionV1`: a print of a master edition.
const EDITION_V1_KEY: u8 = 1;
/// `Key::MasterEditionV1` (pre-2021 accounts).
const MASTER_EDITION_V1_KEY: u8 = 2;
/// `Key::MasterEditionV2`.
const MASTER_EDITION_V2_KEY: u8 = 6;

/// Which kind of edition an NFT has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditionKind {
    /// The original (master edition): one of a kind, or the template prints are made from.
    Master,
    /// A numbered print of a master edition.
    Print,
}

/// Checks that `edition` is Token Metadata's edition account of `mint` (owned by Token
/// Metadata, at the PDA of the metadata's `edition_nonce`, with an edition key) and that the
/// mint's authorities belong to it: mint authority the edition, freeze authority none or the
/// edition. Returns whether it is a master or a print.
pub fn check_edition(
    edition: &AccountView,
    mint_key: &Key,
    mint: &MintInfo,
    edition_nonce: Option<u8>,
) -> Result<EditionKind, StakingError> {
    if !edition.owned_by(&TOKEN_METADATA_PROGRAM_ID) {
        return Err(StakingError::InvalidEditionAccount);
    }
    let seeds: [&[u8]; 4] = [
        METADATA_SEED,
        TOKEN_METADATA_PROGRAM_ID.as_ref(),
        mint_key,
        EDITION_SEED,
    ];
    // Token Metadata has recorded the edition bump in the metadata since 2021; NFTs older than
    // that have none, and for them (only) the bump is searched, which costs more compute.
    let expected = match edition_nonce {
        Some(nonce) => pda::derive(&seeds, nonce, &TOKEN_METADATA_PROGRAM_ID),
        None => pda::find(&seeds, &TOKEN_METADATA_PROGRAM_ID).map(|(address, _)| address),
    };
    if expected.as_ref() != Some(edition.address()) {
        return Err(StakingError::InvalidEditionAccount);
    }
    let kind = {
        let data = edition
            .try_borrow()
            .map_err(|_| StakingError::InvalidEditionAccount)?;
        match data.first() {
            Some(&MASTER_EDITION_V2_KEY | &MASTER_EDITION_V1_KEY) => EditionKind::Master,
            Some(&EDITION_V1_KEY) => EditionKind::Print,
            _ => return Err(StakingError::InvalidEditionAccount),
        }
    };
    let locked_by_edition = mint.mint_authority.as_ref() == Some(edition.address())
        && mint
            .freeze_authority
            .as_ref()
            .is_none_or(|freezer| freezer == edition.address());
    if !locked_by_edition {
        return Err(StakingError::NftMintNotLocked);
    }
    Ok(kind)
}
