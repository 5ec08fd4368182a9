//! The IDL's `constants` section is the program's `constants.rs`: same names, types, values and
//! docs (the SDK reads its constants from the IDL, so they cannot drift from the program).
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)] // test code: a panic is a failed assertion

mod common;

use common::{find, idl};

/// How Anchor writes a Rust constant in an IDL's `constants`: its type and its value as text.
trait IdlConstant {
    const IDL_TYPE: &'static str;
    fn idl_value(&self) -> String;
}

impl IdlConstant for u8 {
    const IDL_TYPE: &'static str = "u8";
    fn idl_value(&self) -> String {
        self.to_string()
    }
}

impl IdlConstant for u32 {
    const IDL_TYPE: &'static str = "u32";
    fn idl_value(&self) -> String {
        self.to_string()
    }
}

impl IdlConstant for u64 {
    const IDL_TYPE: &'static str = "u64";
    fn idl_value(&self) -> String {
        self.to_string()
    }
}

/// `usize` is 64 bits on SBF; IDL types have no `usize`, so it is written `u64`.
impl IdlConstant for usize {
    const IDL_TYPE: &'static str = "u64";
    fn idl_value(&self) -> String {
        self.to_string()
    }
}

/// Seeds: `"type": "bytes"`, `"value": "[112, 111, 111, 108]"`.
impl IdlConstant for &[u8] {
    const IDL_TYPE: &'static str = "bytes";
    fn idl_value(&self) -> String {
        format!("{self:?}")
    }
}

fn idl_constant<T: IdlConstant>(value: &T) -> (&'static str, String) {
    (T::IDL_TYPE, value.idl_value())
}

/// Every `pub const` of `constants.rs` with its doc lines, read from the source, so a constant
/// added there without an IDL entry (or a test entry below) fails the test.
fn constants_in_source() -> Vec<(String, Vec<String>)> {
    let source = include_str!("../src/constants.rs");
    let mut docs = Vec::new();
    let mut out = Vec::new();
    for line in source.lines().map(str::trim) {
        if let Some(doc) = line.strip_prefix("///") {
            docs.push(doc.strip_prefix(' ').unwrap_or(doc).to_string());
        } else if let Some(rest) = line.strip_prefix("pub const ") {
            let name = rest.split(':').next().unwrap().trim().to_string();
            out.push((name, std::mem::take(&mut docs)));
        } else {
            docs.clear();
        }
    }
    out
}

#[test]
fn constants_match_constants_rs() {
    use std::collections::BTreeSet;
    macro_rules! program_constants {
        ($($name:ident),+ $(,)?) => {
            [$((stringify!($name), idl_constant(&nft_staking::constants::$name))),+]
        };
    }
    let program = program_constants![
        POOL_SEED,
        MAX_URI_LEN,
        MAX_TIERS,
        MAX_LOCK_OPTIONS,
        MAX_STREAMS,
        STAKER_SEED,
        ESCROW_SEED,
        REWARD_VAULT_SEED,
        MAX_BATCH,
        BPS,
        DEFAULT_TIER,
        NO_LOCK,
        PERK_SEED,
        RECEIPT_SEED,
        MAX_PERK_NAME_LEN,
        MAX_TIER_WEIGHT,
        MAX_LOCK_MULTIPLIER_BPS,
        MAX_LOCK_DURATION_S,
        MAX_PAUSE_S,
    ];
    let idl = idl();
    let entries = idl["constants"].as_array().unwrap();
    let source = constants_in_source();
    let idl_names: BTreeSet<&str> = entries
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    let source_names: BTreeSet<&str> = source.iter().map(|(name, _)| name.as_str()).collect();
    let test_names: BTreeSet<&str> = program.iter().map(|(name, _)| *name).collect();
    assert_eq!(
        idl_names, source_names,
        "IDL constants = pub consts of constants.rs"
    );
    assert_eq!(test_names, source_names, "this test lists every constant");
    assert_eq!(
        entries.len(),
        idl_names.len(),
        "no constant twice in the IDL"
    );
    for (name, (ty, value)) in program {
        let entry = find(&idl["constants"], name);
        assert_eq!(entry["type"], ty, "{name}: type");
        assert_eq!(entry["value"], value.as_str(), "{name}: value");
        let docs: Vec<&str> = entry["docs"]
            .as_array()
            .map(|docs| docs.iter().map(|d| d.as_str().unwrap()).collect())
            .unwrap_or_default();
        let (_, source_docs) = source.iter().find(|(n, _)| n == name).unwrap();
        assert_eq!(docs, *source_docs, "{name}: docs");
    }
}
