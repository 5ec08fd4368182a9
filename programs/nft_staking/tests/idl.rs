//! The IDL JSON (`sdk/src/idl/nft_staking.json`) is what every client decodes with; these tests
//! hold it to the program: address, discriminators, account layouts byte for byte, errors.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    missing_docs
)] // test code: a panic is a failed assertion

use core::mem::offset_of;
use nft_staking::{
    error::StakingError,
    events, instructions,
    state::{
        LockOption, Perk, PerkReceipt, Pool, RewardStream, StakeRecord, Staker, StakerStream,
        ZeroCopyAccount,
    },
};
mod common;

use common::{find, idl};
use serde_json::Value;
use sha2::{Digest, Sha256};

fn discriminator_of(value: &Value) -> Vec<u8> {
    value["discriminator"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b.as_u64().unwrap() as u8)
        .collect()
}

fn sha8(preimage: &str) -> Vec<u8> {
    Sha256::digest(preimage.as_bytes())[..8].to_vec()
}

/// Borsh size of a fixed-size IDL type.
fn borsh_size(idl: &Value, ty: &Value) -> usize {
    match ty {
        Value::String(name) => match name.as_str() {
            "u8" | "i8" | "bool" => 1,
            "u16" | "i16" => 2,
            "u32" | "i32" => 4,
            "u64" | "i64" => 8,
            "u128" | "i128" => 16,
            "pubkey" => 32,
            other => panic!("variable or unknown type {other}"),
        },
        // Only the trailing `records` vec of `Staker` appears in an account: its u32 prefix.
        Value::Object(map) if map.contains_key("vec") => 4,
        Value::Object(map) if map.contains_key("array") => {
            let array = map["array"].as_array().unwrap();
            borsh_size(idl, &array[0]) * array[1].as_u64().unwrap() as usize
        }
        Value::Object(map) if map.contains_key("defined") => {
            let name = map["defined"]["name"].as_str().unwrap();
            struct_fields(idl, name)
                .iter()
                .map(|field| borsh_size(idl, &field["type"]))
                .sum()
        }
        other => panic!("unsupported type {other}"),
    }
}

fn struct_fields<'a>(idl: &'a Value, name: &str) -> &'a Vec<Value> {
    find(&idl["types"], name)["type"]["fields"]
        .as_array()
        .unwrap()
}

/// Checks that the IDL lays `name` out exactly as Rust does: same fields, offsets and size.
fn assert_layout(idl: &Value, name: &str, rust_offsets: &[(&str, usize)], rust_size: usize) {
    let fields = struct_fields(idl, name);
    assert_eq!(fields.len(), rust_offsets.len(), "{name}: field count");
    let mut offset = 0;
    for (field, (rust_name, rust_offset)) in fields.iter().zip(rust_offsets) {
        assert_eq!(field["name"], *rust_name, "{name}: field order");
        assert_eq!(offset, *rust_offset, "{name}.{rust_name}: offset");
        offset += borsh_size(idl, &field["type"]);
    }
    assert_eq!(
        offset, rust_size,
        "{name}: size (implicit padding in Rust?)"
    );
}

#[test]
fn address_matches_declare_id() {
    assert_eq!(
        idl()["address"].as_str().unwrap(),
        nft_staking::ID.to_string()
    );
}

#[test]
fn instruction_discriminators_match() {
    let idl = idl();
    // The program's one instruction list (instructions/mod.rs), so a new instruction cannot be
    // dispatched without an IDL entry or the other way round.
    let program: Vec<(&str, [u8; 8])> = instructions::ALL
        .iter()
        .map(|info| (info.name, info.discriminator))
        .collect();
    let instructions = idl["instructions"].as_array().unwrap();
    assert_eq!(
        instructions.len(),
        program.len(),
        "every IDL instruction is dispatched"
    );
    for (name, discriminator) in program {
        let entry = find(&idl["instructions"], name);
        assert_eq!(discriminator_of(entry), discriminator, "{name}");
        assert_eq!(
            discriminator_of(entry),
            sha8(&format!("global:{name}")),
            "{name}"
        );
    }
}

#[test]
fn account_discriminators_and_sizes_match() {
    let idl = idl();
    let pool = find(&idl["accounts"], "Pool");
    assert_eq!(discriminator_of(pool), Pool::DISCRIMINATOR);
    assert_eq!(discriminator_of(pool), sha8("account:Pool"));
    let size = borsh_size(&idl, &serde_json::json!({"defined": {"name": "Pool"}}));
    assert_eq!(8 + size, Pool::SPACE);
    let staker = find(&idl["accounts"], "Staker");
    assert_eq!(discriminator_of(staker), Staker::DISCRIMINATOR);
    assert_eq!(discriminator_of(staker), sha8("account:Staker"));
    let record = borsh_size(
        &idl,
        &serde_json::json!({"defined": {"name": "StakeRecord"}}),
    );
    assert_eq!(record, size_of::<StakeRecord>());
}

#[test]
fn perk_layouts_match_idl_field_by_field() {
    let idl = idl();
    for (name, discriminator) in [
        ("Perk", Perk::DISCRIMINATOR),
        ("PerkReceipt", PerkReceipt::DISCRIMINATOR),
    ] {
        let account = find(&idl["accounts"], name);
        assert_eq!(discriminator_of(account), discriminator, "{name}");
        assert_eq!(
            discriminator_of(account),
            sha8(&format!("account:{name}")),
            "{name}"
        );
    }
    assert_layout(
        &idl,
        "Perk",
        &[
            ("pool", offset_of!(Perk, pool)),
            ("name", offset_of!(Perk, name)),
            ("uri", offset_of!(Perk, uri)),
            ("perk_id", offset_of!(Perk, perk_id)),
            ("cost_points", offset_of!(Perk, cost_points)),
            ("start_ts", offset_of!(Perk, start_ts)),
            ("end_ts", offset_of!(Perk, end_ts)),
            ("min_staked", offset_of!(Perk, min_staked)),
            ("supply_cap", offset_of!(Perk, supply_cap)),
            ("redeemed", offset_of!(Perk, redeemed)),
            ("bump", offset_of!(Perk, bump)),
            ("name_len", offset_of!(Perk, name_len)),
            ("uri_len", offset_of!(Perk, uri_len)),
            ("padding", offset_of!(Perk, padding)),
            ("reserved", offset_of!(Perk, reserved)),
        ],
        size_of::<Perk>(),
    );
    assert_layout(
        &idl,
        "PerkReceipt",
        &[
            ("perk", offset_of!(PerkReceipt, perk)),
            ("owner", offset_of!(PerkReceipt, owner)),
            (
                "last_redeemed_at",
                offset_of!(PerkReceipt, last_redeemed_at),
            ),
            ("count", offset_of!(PerkReceipt, count)),
            ("bump", offset_of!(PerkReceipt, bump)),
            ("padding", offset_of!(PerkReceipt, padding)),
        ],
        size_of::<PerkReceipt>(),
    );
    const {
        assert!(
            Perk::SPACE <= 256 && PerkReceipt::SPACE <= 96,
            "size budgets"
        )
    };
}

#[test]
fn staker_layout_matches_idl_field_by_field() {
    let idl = idl();
    assert_layout(
        &idl,
        "Staker",
        &[
            ("owner", offset_of!(Staker, owner)),
            ("pool", offset_of!(Staker, pool)),
            ("total_weight", offset_of!(Staker, total_weight)),
            ("points", offset_of!(Staker, points)),
            ("points_updated_ts", offset_of!(Staker, points_updated_ts)),
            ("streams", offset_of!(Staker, streams)),
            ("bump", offset_of!(Staker, bump)),
            ("version", offset_of!(Staker, version)),
            ("reserved", offset_of!(Staker, reserved)),
            // The IDL's `records: Vec<StakeRecord>` starts with its u32 length: `record_count`.
            ("records", offset_of!(Staker, record_count)),
        ],
        size_of::<Staker>(),
    );
    assert_layout(
        &idl,
        "StakerStream",
        &[
            ("checkpoint_acc", offset_of!(StakerStream, checkpoint_acc)),
            ("owed", offset_of!(StakerStream, owed)),
            ("claimed_total", offset_of!(StakerStream, claimed_total)),
        ],
        size_of::<StakerStream>(),
    );
    assert_layout(
        &idl,
        "StakeRecord",
        &[
            ("mint", offset_of!(StakeRecord, mint)),
            ("lock_until", offset_of!(StakeRecord, lock_until)),
            ("staked_at", offset_of!(StakeRecord, staked_at)),
            ("weight", offset_of!(StakeRecord, weight)),
            ("multiplier_bps", offset_of!(StakeRecord, multiplier_bps)),
            ("tier", offset_of!(StakeRecord, tier)),
            ("lock_option", offset_of!(StakeRecord, lock_option)),
            ("escrow_bump", offset_of!(StakeRecord, escrow_bump)),
            ("reserved", offset_of!(StakeRecord, reserved)),
        ],
        size_of::<StakeRecord>(),
    );
}

#[test]
fn pool_layout_matches_idl_field_by_field() {
    let idl = idl();
    assert_layout(
        &idl,
        "Pool",
        &[
            ("authority", offset_of!(Pool, authority)),
            ("pending_authority", offset_of!(Pool, pending_authority)),
            ("seed_authority", offset_of!(Pool, seed_authority)),
            ("collection", offset_of!(Pool, collection)),
            ("creator", offset_of!(Pool, creator)),
            ("tier_root", offset_of!(Pool, tier_root)),
            ("pool_id", offset_of!(Pool, pool_id)),
            ("created_at", offset_of!(Pool, created_at)),
            ("staked_count", offset_of!(Pool, staked_count)),
            ("total_weight", offset_of!(Pool, total_weight)),
            ("paused_until", offset_of!(Pool, paused_until)),
            ("default_tier_weight", offset_of!(Pool, default_tier_weight)),
            ("tier_weights", offset_of!(Pool, tier_weights)),
            ("max_lock_s", offset_of!(Pool, max_lock_s)),
            ("lock_options", offset_of!(Pool, lock_options)),
            ("max_pause_s", offset_of!(Pool, max_pause_s)),
            ("bump", offset_of!(Pool, bump)),
            ("version", offset_of!(Pool, version)),
            ("sunset", offset_of!(Pool, sunset)),
            ("stream_count", offset_of!(Pool, stream_count)),
            ("uri_len", offset_of!(Pool, uri_len)),
            ("flags", offset_of!(Pool, flags)),
            ("padding", offset_of!(Pool, padding)),
            ("streams", offset_of!(Pool, streams)),
            ("uri", offset_of!(Pool, uri)),
            ("reserved", offset_of!(Pool, reserved)),
        ],
        size_of::<Pool>(),
    );
    assert_layout(
        &idl,
        "RewardStream",
        &[
            ("mint", offset_of!(RewardStream, mint)),
            ("vault", offset_of!(RewardStream, vault)),
            ("acc_per_weight", offset_of!(RewardStream, acc_per_weight)),
            (
                "unsettled_scaled",
                offset_of!(RewardStream, unsettled_scaled),
            ),
            ("rate", offset_of!(RewardStream, rate)),
            ("start_ts", offset_of!(RewardStream, start_ts)),
            ("end_ts", offset_of!(RewardStream, end_ts)),
            ("last_update_ts", offset_of!(RewardStream, last_update_ts)),
            ("owed_total", offset_of!(RewardStream, owed_total)),
            ("vault_balance", offset_of!(RewardStream, vault_balance)),
            ("mode", offset_of!(RewardStream, mode)),
            ("vault_bump", offset_of!(RewardStream, vault_bump)),
            ("padding", offset_of!(RewardStream, padding)),
        ],
        size_of::<RewardStream>(),
    );
    assert_layout(
        &idl,
        "LockOption",
        &[
            ("duration_s", offset_of!(LockOption, duration_s)),
            ("multiplier_bps", offset_of!(LockOption, multiplier_bps)),
        ],
        size_of::<LockOption>(),
    );
}

#[test]
fn events_match_names_discriminators_and_fields() {
    let idl = idl();
    // Generated by `events!`, like the errors' list.
    let program: Vec<(&str, [u8; 8], &[&str])> = events::ALL
        .iter()
        .map(|info| (info.name, info.discriminator, info.fields))
        .collect();
    assert_eq!(idl["events"].as_array().unwrap().len(), program.len());
    for (name, discriminator, fields) in program {
        let event = find(&idl["events"], name);
        assert_eq!(discriminator_of(event), discriminator, "{name}");
        assert_eq!(
            discriminator_of(event),
            sha8(&format!("event:{name}")),
            "{name}"
        );
        let idl_fields: Vec<&str> = struct_fields(&idl, name)
            .iter()
            .map(|f| f["name"].as_str().unwrap())
            .collect();
        assert_eq!(idl_fields, fields, "{name} fields");
    }
}

#[test]
fn errors_match_codes_names_and_messages() {
    let idl = idl();
    let errors = idl["errors"].as_array().unwrap();
    assert_eq!(errors.len(), StakingError::ALL.len());
    for (entry, error) in errors.iter().zip(StakingError::ALL) {
        assert_eq!(entry["code"].as_u64().unwrap(), u64::from(error.code()));
        assert_eq!(entry["name"].as_str().unwrap(), error.name());
        assert_eq!(entry["msg"].as_str().unwrap(), error.message());
    }
}
