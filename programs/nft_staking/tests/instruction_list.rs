//! The program's one instruction list (`instructions::ALL`) is what the docs show: the README's
//! instruction table has exactly one row per instruction, under its name, with its caller.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)] // test code

use nft_staking::instructions::{Caller, ALL};

/// `(name, who)` of every row of the README table under "## The program".
fn readme_rows() -> Vec<(String, String)> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md");
    let readme = std::fs::read_to_string(path).unwrap();
    let section = readme.split("## The program").nth(1).unwrap();
    section
        .lines()
        .skip_while(|line| !line.starts_with("| instruction |"))
        .skip(2) // header and separator
        .take_while(|line| line.starts_with('|'))
        .map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            (cells[1].trim_matches('`').to_string(), cells[2].to_string())
        })
        .collect()
}

fn who(caller: Caller) -> &'static str {
    match caller {
        Caller::Authority => "authority",
        Caller::ProposedAuthority => "proposed authority",
        Caller::Holder => "holder",
        Caller::Anyone => "anyone",
    }
}

#[test]
fn readme_table_lists_every_instruction_once_with_its_caller() {
    let rows = readme_rows();
    assert_eq!(
        rows.len(),
        ALL.len(),
        "one README row per instruction: {rows:?}"
    );
    for info in ALL {
        let row = rows.iter().find(|(name, _)| name == info.name);
        let (_, caller) = row.unwrap_or_else(|| panic!("README has no row for {}", info.name));
        assert_eq!(caller, who(info.caller), "who sends {}", info.name);
    }
}

#[test]
fn every_instruction_lives_in_the_file_named_after_it() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/instructions");
    for info in ALL {
        let file = format!("{dir}/{}.rs", info.name);
        let text = std::fs::read_to_string(&file).unwrap_or_else(|_| panic!("{file} missing"));
        assert!(
            text.contains(&format!("discriminator::instruction(\"{}\")", info.name)),
            "{file} defines the discriminator of {}",
            info.name
        );
    }
}
