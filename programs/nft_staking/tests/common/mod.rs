//! What the IDL tests share: the IDL JSON as every client reads it, and lookups by name.
#![allow(dead_code, clippy::unwrap_used, clippy::panic)] // each test crate uses a part

use serde_json::Value;

/// `sdk/src/idl/nft_staking.json`, parsed.
pub fn idl() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../sdk/src/idl/nft_staking.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The entry called `name` in an IDL list (instructions, accounts, types, constants…).
pub fn find<'a>(list: &'a Value, name: &str) -> &'a Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|item| item["name"] == name)
        .unwrap_or_else(|| panic!("{name} missing from IDL"))
}
