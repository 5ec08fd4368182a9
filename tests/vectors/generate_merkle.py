#!/usr/bin/env python3
"""Writes merkle.json: tier-allowlist Merkle tree vectors computed with Python's hashlib, an
implementation independent of both the program (`merkle.rs`) and the SDK (`merkle.ts`).
`cargo test` and the TypeScript suite both check them.

The tree (documented in `programs/nft_staking/src/merkle.rs`):
  leaf   = sha256(0x00 || mint (32 bytes) || tier (1 byte))
  parent = sha256(0x01 || min(a, b) || max(a, b))
Leaves are sorted ascending before pairing; an odd node at the end of a level is promoted
unchanged. A proof lists the sibling hashes from the leaf up to the root."""
import hashlib
import json
import random
from pathlib import Path

MAX_PROOF_LEN = 24
TIER_COUNT = 8
SIZES = (1, 2, 3, 5, 8, 100)
PROOFS_PER_TREE = 6
BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
rng = random.Random(20261201)


def base58(data: bytes) -> str:
    n = int.from_bytes(data, "big")
    digits = ""
    while n:
        n, digit = divmod(n, 58)
        digits = BASE58_ALPHABET[digit] + digits
    leading_zeros = len(data) - len(data.lstrip(b"\0"))
    return "1" * leading_zeros + digits


def leaf(mint: bytes, tier: int) -> bytes:
    return hashlib.sha256(b"\x00" + mint + bytes([tier])).digest()


def parent(a: bytes, b: bytes) -> bytes:
    low, high = sorted((a, b))
    return hashlib.sha256(b"\x01" + low + high).digest()


def levels(leaves):
    """Every level of the tree, leaves (sorted) first, root last."""
    level = sorted(leaves)
    tree = [level]
    while len(level) > 1:
        up = [parent(level[i], level[i + 1]) for i in range(0, len(level) - 1, 2)]
        if len(level) % 2:
            up.append(level[-1])
        tree.append(up)
        level = up
    return tree


def proof(tree, node: bytes):
    index = tree[0].index(node)
    siblings = []
    for level in tree[:-1]:
        if index ^ 1 < len(level):
            siblings.append(level[index ^ 1])
        index //= 2
    return siblings


def mint_json(mint: bytes, tier: int):
    return {"mint": base58(mint), "mintHex": mint.hex(), "tier": tier}


# Mints with leading zero bytes (base58 '1' prefixes), the all-zero and all-ones keys, and
# random ones.
special_mints = [bytes(32), b"\xff" * 32, b"\0\0" + rng.randbytes(30), b"\0" + rng.randbytes(31)]

primitives_leaves = []
for mint, tier in [(bytes(32), 0), (b"\xff" * 32, 7), (rng.randbytes(32), 3), (rng.randbytes(32), 255)]:
    primitives_leaves.append({**mint_json(mint, tier), "leaf": leaf(mint, tier).hex()})
primitives_parents = []
for a, b in [(bytes(32), b"\xff" * 32), (b"\xff" * 32, bytes(32)), (rng.randbytes(32), rng.randbytes(32))]:
    primitives_parents.append({"a": a.hex(), "b": b.hex(), "parent": parent(a, b).hex()})

trees = []
for size in SIZES:
    mints = [special_mints[i] for i in range(len(special_mints)) if size >= 5 and i < size]
    while len(mints) < size:
        mints.append(rng.randbytes(32))
    rng.shuffle(mints)
    entries = [(mint, rng.randrange(TIER_COUNT)) for mint in mints]
    if size >= 2:
        entries[0] = (entries[0][0], 0)
        entries[-1] = (entries[-1][0], TIER_COUNT - 1)
    tree = levels([leaf(mint, tier) for mint, tier in entries])
    assert len(tree) - 1 <= MAX_PROOF_LEN
    picked = sorted(rng.sample(range(size), min(size, PROOFS_PER_TREE)))
    counts = [sum(1 for _, tier in entries if tier == t) for t in range(TIER_COUNT)]
    trees.append({
        "size": size,
        "root": tree[-1][0].hex(),
        "counts": counts,
        "entries": [mint_json(mint, tier) for mint, tier in entries],
        "proofs": [
            {**mint_json(*entries[i]), "proof": [s.hex() for s in proof(tree, leaf(*entries[i]))]}
            for i in picked
        ],
    })

vectors = {
    "maxProofLen": MAX_PROOF_LEN,
    "leaves": primitives_leaves,
    "parents": primitives_parents,
    "trees": trees,
}
out = Path(__file__).with_name("merkle.json")
out.write_text(json.dumps(vectors, indent=1) + "\n")
print(f"wrote {out}: {len(trees)} trees")
