//! `Perk`: something holders buy with stake points (an allow-list spot, merch, a role).
//! PDA `["perk", pool, perk_id (u64 LE)]`.

use super::{Key, ZeroCopyAccount};
use crate::{
    constants::{MAX_PERK_NAME_LEN, MAX_URI_LEN},
    discriminator,
    error::StakingError,
};

/// A perk of one pool.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Perk {
    /// The pool it belongs to.
    pub pool: Key,
    /// Display name (`name[..name_len]`, UTF-8).
    pub name: [u8; MAX_PERK_NAME_LEN],
    /// Details URI (`uri[..uri_len]`).
    pub uri: [u8; MAX_URI_LEN],
    /// Creator-chosen id (PDA seed).
    pub perk_id: u64,
    /// Points spent per redemption.
    pub cost_points: u64,
    /// Redeemable from (unix seconds).
    pub start_ts: i64,
    /// Redeemable until (unix seconds).
    pub end_ts: i64,
    /// NFTs the holder must have staked in the pool to redeem.
    pub min_staked: u32,
    /// Total redemptions allowed; 0 = unlimited.
    pub supply_cap: u32,
    /// Redemptions so far.
    pub redeemed: u32,
    /// Canonical bump of the PDA.
    pub bump: u8,
    /// Length of `name`.
    pub name_len: u8,
    /// Length of `uri`.
    pub uri_len: u8,
    /// Explicit padding.
    pub padding: u8,
    /// Reserved for future fields; zero.
    pub reserved: [u8; 16],
}

// SAFETY: repr(C), integers and byte arrays only, no implicit padding (layout test vs the IDL).
unsafe impl ZeroCopyAccount for Perk {
    const DISCRIMINATOR: [u8; discriminator::LEN] = discriminator::account("Perk");
}

/// The editable terms of a perk (create and update take the same).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PerkTerms<'a> {
    /// Display name.
    pub name: &'a [u8],
    /// Details URI.
    pub uri: &'a [u8],
    /// Points per redemption.
    pub cost_points: u64,
    /// Minimum staked NFTs.
    pub min_staked: u32,
    /// Supply cap (0 = unlimited).
    pub supply_cap: u32,
    /// Window start.
    pub start_ts: i64,
    /// Window end.
    pub end_ts: i64,
}

impl<'a> PerkTerms<'a> {
    /// Reads the terms in Borsh order: `name: String, uri: String, cost_points: u64,
    /// min_staked: u32, supply_cap: u32, start_ts: i64, end_ts: i64`.
    pub fn parse(reader: &mut crate::borsh::Reader<'a>) -> Result<Self, StakingError> {
        let terms = Self {
            name: reader.string(MAX_PERK_NAME_LEN, StakingError::NameTooLong)?,
            uri: reader.string(MAX_URI_LEN, StakingError::UriTooLong)?,
            cost_points: reader.u64()?,
            min_staked: reader.u32()?,
            supply_cap: reader.u32()?,
            start_ts: reader.i64()?,
            end_ts: reader.i64()?,
        };
        if terms.end_ts <= terms.start_ts {
            return Err(StakingError::InvalidPerkWindow);
        }
        Ok(terms)
    }
}

impl Perk {
    /// Writes `terms`; the supply cap may not drop below what was already redeemed.
    pub fn apply(&mut self, terms: &PerkTerms) -> Result<(), StakingError> {
        if terms.supply_cap != 0 && terms.supply_cap < self.redeemed {
            return Err(StakingError::InvalidSupplyCap);
        }
        let mut name = [0u8; MAX_PERK_NAME_LEN];
        name.get_mut(..terms.name.len())
            .ok_or(StakingError::NameTooLong)?
            .copy_from_slice(terms.name);
        let mut uri = [0u8; MAX_URI_LEN];
        uri.get_mut(..terms.uri.len())
            .ok_or(StakingError::UriTooLong)?
            .copy_from_slice(terms.uri);
        self.name = name;
        self.name_len = u8::try_from(terms.name.len()).map_err(|_| StakingError::NameTooLong)?;
        self.uri = uri;
        self.uri_len = u8::try_from(terms.uri.len()).map_err(|_| StakingError::UriTooLong)?;
        self.cost_points = terms.cost_points;
        self.min_staked = terms.min_staked;
        self.supply_cap = terms.supply_cap;
        self.start_ts = terms.start_ts;
        self.end_ts = terms.end_ts;
        Ok(())
    }
}
