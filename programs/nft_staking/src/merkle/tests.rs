//! Unit tests of `merkle` (host only).

use super::*;
use proptest::prelude::*;
use sha2::{Digest, Sha256};

/// Every level of the tree, sorted leaves first, root last (the SDK's construction).
fn levels(leaves: &[[u8; 32]]) -> Vec<Vec<[u8; 32]>> {
    let mut level = leaves.to_vec();
    level.sort();
    let mut tree = vec![level.clone()];
    while level.len() > 1 {
        level = level
            .chunks(2)
            .map(|pair| match pair {
                [a, b] => parent(a, b),
                [odd] => *odd,
                _ => unreachable!(),
            })
            .collect();
        tree.push(level.clone());
    }
    tree
}

fn proof(tree: &[Vec<[u8; 32]>], node: &[u8; 32]) -> Vec<u8> {
    let mut index = tree[0].iter().position(|n| n == node).unwrap();
    let mut siblings = Vec::new();
    for level in &tree[..tree.len() - 1] {
        if let Some(sibling) = level.get(index ^ 1) {
            siblings.extend_from_slice(sibling);
        }
        index /= 2;
    }
    siblings
}

fn root(tree: &[Vec<[u8; 32]>]) -> [u8; 32] {
    tree.last().unwrap()[0]
}

fn vectors() -> serde_json::Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/vectors/merkle.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn bytes(value: &serde_json::Value) -> Vec<u8> {
    let hex = value.as_str().unwrap();
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect()
}

fn hash(value: &serde_json::Value) -> [u8; 32] {
    bytes(value).try_into().unwrap()
}

fn entry(value: &serde_json::Value) -> ([u8; 32], u8) {
    let tier = u8::try_from(value["tier"].as_u64().unwrap()).unwrap();
    (hash(&value["mintHex"]), tier)
}

fn concat(siblings: &serde_json::Value) -> Vec<u8> {
    siblings
        .as_array()
        .unwrap()
        .iter()
        .flat_map(bytes)
        .collect()
}

#[test]
fn matches_shared_primitives() {
    let v = vectors();
    assert_eq!(v["maxProofLen"].as_u64(), Some(MAX_PROOF_LEN as u64));
    for case in v["leaves"].as_array().unwrap() {
        let (mint, tier) = entry(case);
        assert_eq!(leaf(&mint, tier), hash(&case["leaf"]), "{case}");
    }
    for case in v["parents"].as_array().unwrap() {
        let (a, b) = (hash(&case["a"]), hash(&case["b"]));
        assert_eq!(parent(&a, &b), hash(&case["parent"]), "{case}");
    }
}

#[test]
fn builds_the_shared_roots() {
    for case in vectors()["trees"].as_array().unwrap() {
        let leaves: Vec<_> = case["entries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                let (mint, tier) = entry(e);
                leaf(&mint, tier)
            })
            .collect();
        let tree = levels(&leaves);
        assert_eq!(root(&tree), hash(&case["root"]), "size {}", case["size"]);
        for p in case["proofs"].as_array().unwrap() {
            let (mint, tier) = entry(p);
            assert_eq!(proof(&tree, &leaf(&mint, tier)), concat(&p["proof"]));
        }
    }
}

#[test]
fn shared_proofs_verify_and_tampering_fails() {
    for case in vectors()["trees"].as_array().unwrap() {
        let root = hash(&case["root"]);
        for p in case["proofs"].as_array().unwrap() {
            let (mint, tier) = entry(p);
            let siblings = concat(&p["proof"]);
            assert!(verify(&siblings, &root, leaf(&mint, tier)), "{p}");

            for other in (0..=u8::MAX).filter(|t| *t != tier) {
                assert!(
                    !verify(&siblings, &root, leaf(&mint, other)),
                    "tier {other}"
                );
            }
            for byte in (0..siblings.len()).step_by(7) {
                let mut tampered = siblings.clone();
                tampered[byte] ^= 0x01;
                assert!(!verify(&tampered, &root, leaf(&mint, tier)), "byte {byte}");
            }
            // Not a multiple of 32: one byte cut or added.
            if let Some((_, cut)) = siblings.split_last() {
                assert!(!verify(cut, &root, leaf(&mint, tier)));
            }
            let mut longer = siblings.clone();
            longer.push(0);
            assert!(!verify(&longer, &root, leaf(&mint, tier)));
        }
    }
}

#[test]
fn an_inner_node_is_not_a_leaf() {
    for case in vectors()["trees"].as_array().unwrap() {
        let root = hash(&case["root"]);
        for p in case["proofs"].as_array().unwrap() {
            let (mint, tier) = entry(p);
            let siblings = concat(&p["proof"]);
            if siblings.len() < 2 * HASH_LEN {
                continue;
            }
            let (first, rest) = siblings.split_at(HASH_LEN);
            let inner = parent(&leaf(&mint, tier), first.try_into().unwrap());
            assert!(verify(rest, &root, inner), "the raw node does verify");
            // …but no (mint, tier) hashes to it: presenting it as a mint fails.
            for tier in 0..=u8::MAX {
                assert!(!verify(rest, &root, leaf(&inner, tier)));
            }
        }
    }
}

#[test]
fn single_leaf_tree_root_is_the_leaf() {
    let only = leaf(&[7; 32], 3);
    assert_eq!(root(&levels(&[only])), only);
    assert!(verify(&[], &only, only));
    assert!(!verify(&[], &only, leaf(&[7; 32], 4)));
}

#[test]
fn proof_length_is_capped() {
    // A chain of MAX_PROOF_LEN + 1 siblings that does lead to `root`: only the cap rejects it.
    let start = leaf(&[1; 32], 0);
    let siblings: Vec<[u8; 32]> = (0..=MAX_PROOF_LEN as u8)
        .map(|i| leaf(&[i; 32], 1))
        .collect();
    let flat: Vec<u8> = siblings.concat();
    let root = siblings.iter().fold(start, |node, s| parent(&node, s));
    assert!(!verify(&flat, &root, start));

    let root_at_cap = siblings[..MAX_PROOF_LEN]
        .iter()
        .fold(start, |node, s| parent(&node, s));
    assert!(verify(
        &flat[..MAX_PROOF_LEN * HASH_LEN],
        &root_at_cap,
        start
    ));
}

#[test]
fn host_hash_matches_sha2() {
    let parts: [&[u8]; 4] = [b"", b"\x01", &[0xab; 64], &[0x5c; 100]];
    let mut reference = Sha256::new();
    parts.iter().for_each(|p| reference.update(p));
    assert_eq!(sha256(&parts), <[u8; 32]>::from(reference.finalize()));
}

proptest! {
    #[test]
    fn every_leaf_verifies_and_a_flipped_tier_does_not(
        entries in prop::collection::btree_map(any::<[u8; 32]>(), 0u8..8, 1..80),
        flip in 1u8..8,
    ) {
        let leaves: Vec<_> = entries.iter().map(|(mint, tier)| leaf(mint, *tier)).collect();
        let tree = levels(&leaves);
        let root = root(&tree);
        for (mint, tier) in &entries {
            let siblings = proof(&tree, &leaf(mint, *tier));
            prop_assert!(siblings.len() <= MAX_PROOF_LEN * HASH_LEN);
            prop_assert!(verify(&siblings, &root, leaf(mint, *tier)));
            prop_assert!(!verify(&siblings, &root, leaf(mint, (tier + flip) % 8)));
        }
    }

    #[test]
    fn host_hash_matches_sha2_on_any_input(
        parts in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..200), 0..5),
    ) {
        let slices: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
        prop_assert_eq!(sha256(&slices), <[u8; 32]>::from(Sha256::digest(parts.concat())));
    }
}
