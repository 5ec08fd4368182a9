import { strict as assert } from "assert";
import { createHash } from "crypto";
import fs from "fs";
import path from "path";
import { Keypair, PublicKey } from "@solana/web3.js";
import {
  MAX_PROOF_LEN,
  TierTree,
  tierLeaf,
  verifyTierProof,
  type TierEntry,
} from "@nft-staking/sdk";

interface VectorEntry {
  mint: string;
  mintHex: string;
  tier: number;
}

interface Vectors {
  maxProofLen: number;
  leaves: (VectorEntry & { leaf: string })[];
  parents: { a: string; b: string; parent: string }[];
  trees: {
    size: number;
    root: string;
    counts: number[];
    entries: VectorEntry[];
    proofs: (VectorEntry & { proof: string[] })[];
  }[];
}

// The same vectors `cargo test` checks the program's `merkle.rs` against (computed by Python).
const vectors = JSON.parse(
  fs.readFileSync(path.join(__dirname, "..", "vectors", "merkle.json"), "utf8"),
) as Vectors;

const hex = (value: string) => Buffer.from(value, "hex");
const toEntry = ({ mint, tier }: VectorEntry): TierEntry => ({ mint: new PublicKey(mint), tier });
const mints = (n: number) => Array.from({ length: n }, () => Keypair.generate().publicKey);

/** A parent node computed independently of the SDK (node:crypto). */
function innerNode(a: Buffer, b: Buffer): Buffer {
  const [low, high] = Buffer.compare(a, b) <= 0 ? [a, b] : [b, a];
  return createHash("sha256")
    .update(Buffer.from([1]))
    .update(low)
    .update(high)
    .digest();
}

describe("sdk merkle (shared vectors with the program)", () => {
  it("uses the program's proof length cap", () => {
    assert.equal(MAX_PROOF_LEN, vectors.maxProofLen);
  });

  it("encodes mints as the vectors do", () => {
    for (const tree of vectors.trees) {
      for (const entry of tree.entries) {
        assert.equal(new PublicKey(entry.mint).toBuffer().toString("hex"), entry.mintHex);
      }
    }
  });

  it("hashes leaves as the program does", () => {
    for (const { mint, tier, leaf } of vectors.leaves.filter(({ tier }) => tier < 8)) {
      assert.equal(tierLeaf(new PublicKey(mint), tier).toString("hex"), leaf);
    }
  });

  it("builds the shared roots, proofs and counts", () => {
    for (const vector of vectors.trees) {
      const tree = TierTree.fromEntries(vector.entries.map(toEntry));
      assert.equal(tree.root.toString("hex"), vector.root, `size ${vector.size}`);
      assert.equal(tree.size, vector.size);
      assert.deepEqual(tree.counts(), vector.counts);
      for (const p of vector.proofs) {
        const mint = new PublicKey(p.mint);
        assert.equal(tree.tierOf(mint), p.tier);
        assert.deepEqual(
          tree.proof(mint).map((sibling) => sibling.toString("hex")),
          p.proof,
        );
      }
    }
  });

  it("gives the same root whatever the entry order", () => {
    const vector = vectors.trees.find(({ size }) => size === 100);
    assert.ok(vector);
    const reversed = TierTree.fromEntries(vector.entries.map(toEntry).reverse());
    assert.equal(reversed.root.toString("hex"), vector.root);
  });

  it("verifies every shared proof, and rejects the wrong tier or a tampered sibling", () => {
    for (const vector of vectors.trees) {
      const root = hex(vector.root);
      for (const p of vector.proofs) {
        const mint = new PublicKey(p.mint);
        const proof = p.proof.map(hex);
        assert.ok(verifyTierProof(proof, root, mint, p.tier));
        for (let tier = 0; tier < 8; tier++) {
          if (tier !== p.tier) assert.ok(!verifyTierProof(proof, root, mint, tier), `${tier}`);
        }
        proof.forEach((sibling, i) => {
          const flipped = Buffer.from(sibling);
          flipped.writeUInt8(flipped.readUInt8(31) ^ 0x80, 31);
          const tampered = proof.map((s, j) => (j === i ? flipped : s));
          assert.ok(!verifyTierProof(tampered, root, mint, p.tier), `sibling ${i}`);
        });
      }
    }
  });

  it("error: an inner node passed off as a mint does not verify", () => {
    let checked = 0;
    for (const vector of vectors.trees) {
      for (const p of vector.proofs.filter(({ proof }) => proof.length >= 2)) {
        const [first, ...rest] = p.proof.map(hex);
        const inner = innerNode(tierLeaf(new PublicKey(p.mint), p.tier), first!);
        for (let tier = 0; tier < 8; tier++) {
          assert.ok(!verifyTierProof(rest, hex(vector.root), new PublicKey(inner), tier));
        }
        checked++;
      }
    }
    assert.ok(checked > 0);
  });

  it("error: malformed proofs are rejected, never thrown", () => {
    const entries = mints(4).map((mint, tier) => ({ mint, tier }));
    const tree = TierTree.fromEntries(entries);
    const { mint } = entries[2]!;
    const proof = tree.proof(mint);
    assert.ok(verifyTierProof(proof, tree.root, mint, 2));
    for (const tier of [8, -1, 1.5]) assert.ok(!verifyTierProof(proof, tree.root, mint, tier));
    assert.ok(!verifyTierProof(proof, tree.root.subarray(1), mint, 2));
    assert.ok(!verifyTierProof([proof[0]!.subarray(1), ...proof.slice(1)], tree.root, mint, 2));
  });

  it("error: a proof longer than MAX_PROOF_LEN is rejected even when it leads to the root", () => {
    const [mint] = mints(1);
    const siblings = mints(MAX_PROOF_LEN + 1).map((key) => key.toBuffer());
    const roots = siblings.reduce<Buffer[]>(
      (path, sibling) => [...path, innerNode(path[path.length - 1]!, sibling)],
      [tierLeaf(mint!, 4)],
    );
    assert.ok(verifyTierProof(siblings.slice(0, MAX_PROOF_LEN), roots[MAX_PROOF_LEN]!, mint!, 4));
    assert.ok(!verifyTierProof(siblings, roots[MAX_PROOF_LEN + 1]!, mint!, 4));
  });

  it("a one-NFT tree's root is its leaf and its proof is empty", () => {
    const [mint] = mints(1);
    const tree = TierTree.fromEntries([{ mint: mint!, tier: 5 }]);
    assert.ok(tree.root.equals(tierLeaf(mint!, 5)));
    assert.deepEqual(tree.proof(mint!), []);
    assert.ok(verifyTierProof([], tree.root, mint!, 5));
  });

  it("every entry of random trees verifies", () => {
    for (const size of [1, 2, 3, 4, 7, 16, 33]) {
      const entries = mints(size).map((mint, i) => ({ mint, tier: i % 8 }));
      const tree = TierTree.fromEntries(entries);
      for (const { mint, tier } of entries) {
        const proof = tree.proof(mint);
        assert.ok(proof.length <= Math.ceil(Math.log2(size)));
        assert.ok(verifyTierProof(proof, tree.root, mint, tier), `size ${size}`);
        assert.ok(!verifyTierProof(proof, tree.root, mint, (tier + 1) % 8));
      }
    }
  });

  it("error: fromEntries rejects an empty list, a duplicate mint and a bad tier", () => {
    const [a, b] = mints(2);
    assert.throws(() => TierTree.fromEntries([]), /empty/);
    assert.throws(
      () =>
        TierTree.fromEntries([
          { mint: a!, tier: 1 },
          { mint: new PublicKey(a!.toBase58()), tier: 2 },
        ]),
      new RegExp(`duplicate mint ${a!.toBase58()}`),
    );
    for (const tier of [8, -1, 1.5, NaN]) {
      assert.throws(() => TierTree.fromEntries([{ mint: b!, tier }]), RangeError, `${tier}`);
    }
  });

  it("error: proof and tierLeaf refuse what they cannot answer", () => {
    const [a, b] = mints(2);
    const tree = TierTree.fromEntries([{ mint: a!, tier: 0 }]);
    assert.equal(tree.tierOf(b!), undefined);
    assert.throws(() => tree.proof(b!), /not in the tree/);
    assert.throws(() => tierLeaf(a!, 8), RangeError);
  });
});

describe("sdk merkle CSV", () => {
  const [a, b, c] = mints(3).map((mint) => mint.toBase58());

  it("parses lines with an optional header, blank lines and whitespace", () => {
    const plain = TierTree.fromCsv(`${a},0\n${b},3\n${c},7`);
    const decorated = TierTree.fromCsv(
      `\n  mint , tier \r\n\n   ${c} ,7\r\n\t${a},  0  \n\n${b},3\n   \n`,
    );
    assert.ok(plain.root.equals(decorated.root));
    assert.equal(decorated.size, 3);
    assert.equal(decorated.tierOf(new PublicKey(c!)), 7);
    assert.deepEqual(decorated.counts(), [1, 0, 0, 1, 0, 0, 0, 1]);
  });

  it("matches fromEntries on the shared vectors", () => {
    const vector = vectors.trees.find(({ size }) => size === 100);
    assert.ok(vector);
    const csv = ["mint,tier", ...vector.entries.map(({ mint, tier }) => `${mint},${tier}`)];
    assert.equal(TierTree.fromCsv(csv.join("\n")).root.toString("hex"), vector.root);
  });

  it("error: a bad line is reported with its line number", () => {
    const cases: [string, RegExp][] = [
      [`mint,tier\n${a},1\n\nnot-a-mint,2`, /line 4: invalid mint address "not-a-mint"/],
      [`${a},1\n${b},8`, /line 2: tier must be an integer 0\.\.7, not "8"/],
      [`${a},1\n${b},one`, /line 2: tier must be an integer 0\.\.7/],
      [`${a},1\n${b},-1`, /line 2: tier must be an integer 0\.\.7/],
      [`${a},1\n${b},1.5`, /line 2: tier must be an integer 0\.\.7/],
      [`${a},1\n${b}`, /line 2: expected "mint,tier"/],
      [`${a},1,extra`, /line 1: expected "mint,tier"/],
      [`${a},1\nmint,tier`, /line 2: invalid mint address "mint"/],
    ];
    for (const [csv, message] of cases) {
      assert.throws(() => TierTree.fromCsv(csv), message, csv);
    }
  });

  it("error: a duplicate mint names both lines", () => {
    assert.throws(
      () => TierTree.fromCsv(`mint,tier\n${a},1\n${b},2\n${a},1`),
      new RegExp(`line 4: duplicate mint ${a} \\(first on line 2\\)`),
    );
  });

  it("error: a file with no entries", () => {
    assert.throws(() => TierTree.fromCsv("mint,tier\n\n"), /no entries/);
    assert.throws(() => TierTree.fromCsv(""), /no entries/);
  });
});
