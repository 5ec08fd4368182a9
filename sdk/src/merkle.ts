/**
 * Tier allowlists as Merkle trees, built exactly as the program's `merkle.rs` verifies them:
 *
 * - leaf = sha256(0x00 ‖ mint (32 bytes) ‖ tier (1 byte));
 * - parent = sha256(0x01 ‖ min(a, b) ‖ max(a, b)), the pair sorted by byte order;
 * - leaves are sorted ascending (the root depends only on the set of entries, not their order);
 *   neighbours pair up level by level, an odd node at the end of a level is promoted unchanged;
 * - a proof lists the sibling hashes from the leaf up to the root, at most {@link MAX_PROOF_LEN}.
 *
 * Checked against the shared vectors in `tests/vectors/merkle.json` (computed by Python).
 */
import { sha256 } from "@noble/hashes/sha2";
import { PublicKey } from "@solana/web3.js";

/**
 * Most siblings a proof may have (the program rejects longer ones): a tree of up to 2^24 NFTs.
 *
 * @example
 * if (tree.size > 2 ** MAX_PROOF_LEN) throw new Error("too many NFTs");
 */
export const MAX_PROOF_LEN = 24;

/** Tier indices are 0..TIER_COUNT-1, one per tier weight slot of a pool. */
const TIER_COUNT = 8;
const HASH_LEN = 32;
const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);
const CSV_HEADER = /^mint\s*,\s*tier$/i;

/**
 * One NFT of an allowlist and its tier index (0..7).
 *
 * @example
 * const entry: TierEntry = { mint: new PublicKey("So11111111111111111111111111111111111111112"), tier: 2 };
 */
export interface TierEntry {
  mint: PublicKey;
  tier: number;
}

function hash(...parts: Uint8Array[]): Buffer {
  const hasher = sha256.create();
  for (const part of parts) hasher.update(part);
  return Buffer.from(hasher.digest());
}

function parent(a: Uint8Array, b: Uint8Array): Buffer {
  return Buffer.compare(a, b) <= 0 ? hash(NODE_PREFIX, a, b) : hash(NODE_PREFIX, b, a);
}

function isTier(tier: number): boolean {
  return Number.isInteger(tier) && tier >= 0 && tier < TIER_COUNT;
}

function checkTier(tier: number, mint: PublicKey): void {
  if (!isTier(tier)) {
    throw new RangeError(`tier of ${mint.toBase58()} must be an integer 0..7, got ${tier}`);
  }
}

function csvError(lineNumber: number, line: string, why: string): Error {
  return new Error(`TierTree CSV line ${lineNumber}: ${why} (got "${line}")`);
}

function parseCsvLine(line: string, lineNumber: number): TierEntry {
  const fields = line.split(",").map((field) => field.trim());
  const [mintText, tierText] = fields;
  if (fields.length !== 2 || mintText === undefined || tierText === undefined) {
    throw csvError(lineNumber, line, 'expected "mint,tier"');
  }
  let mint: PublicKey;
  try {
    mint = new PublicKey(mintText);
  } catch {
    throw csvError(lineNumber, line, `invalid mint address "${mintText}"`);
  }
  const tier = /^\d+$/.test(tierText) ? Number(tierText) : NaN;
  if (!isTier(tier)) {
    throw csvError(lineNumber, line, `tier must be an integer 0..7, not "${tierText}"`);
  }
  return { mint, tier };
}

/**
 * The leaf hash of `(mint, tier)`, as the program computes it. Throws a `RangeError` when
 * `tier` is not an integer 0..7.
 *
 * @example
 * tierLeaf(mint, 3).toString("hex");
 */
export function tierLeaf(mint: PublicKey, tier: number): Buffer {
  checkTier(tier, mint);
  return hash(LEAF_PREFIX, mint.toBytes(), Uint8Array.of(tier));
}

/**
 * A pool creator's tier allowlist: its Merkle root goes on chain, and each holder stakes with
 * `proof(mint)`.
 *
 * @example
 * const tree = TierTree.fromCsv(fs.readFileSync("tiers.csv", "utf8"));
 * const root = tree.root; // 32 bytes for the pool
 * const proof = tree.proof(mint); // siblings for the stake instruction
 */
export class TierTree {
  /**
   * The Merkle root (32 bytes).
   *
   * @example
   * tree.root.toString("hex");
   */
  readonly root: Buffer;

  private constructor(
    /** Every level, sorted leaves first, root last. */
    private readonly levels: Buffer[][],
    /** Tier and leaf index by mint (base58). */
    private readonly byMint: Map<string, { tier: number; index: number }>,
  ) {
    const top = levels[levels.length - 1]?.[0];
    if (top === undefined) throw new Error("TierTree: no leaves");
    this.root = Buffer.from(top);
  }

  /**
   * Builds the tree. Throws on an empty list, a duplicate mint, a tier outside 0..7, or more
   * than 2^{@link MAX_PROOF_LEN} entries.
   *
   * @example
   * const tree = TierTree.fromEntries([{ mint: mintA, tier: 0 }, { mint: mintB, tier: 3 }]);
   */
  static fromEntries(entries: readonly TierEntry[]): TierTree {
    if (entries.length === 0) throw new Error("TierTree: the entry list is empty");
    if (entries.length > 2 ** MAX_PROOF_LEN) {
      throw new Error(`TierTree: ${entries.length} entries, at most 2^${MAX_PROOF_LEN}`);
    }
    const seen = new Set<string>();
    const leaves = entries.map(({ mint, tier }) => {
      const key = mint.toBase58();
      if (seen.has(key)) throw new Error(`TierTree: duplicate mint ${key}`);
      seen.add(key);
      return { key, tier, leaf: tierLeaf(mint, tier) };
    });
    leaves.sort((a, b) => Buffer.compare(a.leaf, b.leaf));
    const byMint = new Map(leaves.map(({ key, tier }, index) => [key, { tier, index }]));

    let level = leaves.map(({ leaf }) => leaf);
    const levels = [level];
    while (level.length > 1) {
      const up: Buffer[] = [];
      for (let i = 0; i < level.length; i += 2) {
        const [left, right] = [level[i], level[i + 1]];
        if (left === undefined) break;
        up.push(right === undefined ? left : parent(left, right));
      }
      levels.push(up);
      level = up;
    }
    return new TierTree(levels, byMint);
  }

  /**
   * Parses `mint,tier` lines (base58 mint, tier 0..7) and builds the tree. A `mint,tier` header
   * line is optional; blank lines and whitespace around lines and fields are ignored. Errors
   * name the 1-based line number.
   *
   * @example
   * const tree = TierTree.fromCsv("mint,tier\nSo11111111111111111111111111111111111111112,1\n");
   */
  static fromCsv(csv: string): TierTree {
    const entries: TierEntry[] = [];
    const firstLine = new Map<string, number>();
    let headerAllowed = true;
    csv.split(/\r?\n/).forEach((raw, i) => {
      const line = raw.trim();
      if (line === "") return;
      const isHeader = headerAllowed && CSV_HEADER.test(line);
      headerAllowed = false;
      if (isHeader) return;
      const entry = parseCsvLine(line, i + 1);
      const key = entry.mint.toBase58();
      const first = firstLine.get(key);
      if (first !== undefined) {
        throw csvError(i + 1, line, `duplicate mint ${key} (first on line ${first})`);
      }
      firstLine.set(key, i + 1);
      entries.push(entry);
    });
    if (entries.length === 0) throw new Error("TierTree CSV: no entries");
    return TierTree.fromEntries(entries);
  }

  /**
   * Number of NFTs in the tree.
   *
   * @example
   * console.log(`${tree.size} NFTs`);
   */
  get size(): number {
    return this.byMint.size;
  }

  /**
   * The tier of `mint`, or `undefined` when it is not in the tree.
   *
   * @example
   * tree.tierOf(mint) ?? "not eligible";
   */
  tierOf(mint: PublicKey): number | undefined {
    return this.byMint.get(mint.toBase58())?.tier;
  }

  /**
   * The sibling hashes from `mint`'s leaf up to the root (empty for a one-NFT tree). Throws
   * when `mint` is not in the tree.
   *
   * @example
   * const proof = tree.proof(mint);
   * verifyTierProof(proof, tree.root, mint, tree.tierOf(mint)!); // true
   */
  proof(mint: PublicKey): Buffer[] {
    const found = this.byMint.get(mint.toBase58());
    if (found === undefined)
      throw new Error(`TierTree: mint ${mint.toBase58()} is not in the tree`);
    const siblings: Buffer[] = [];
    let index = found.index;
    for (const level of this.levels.slice(0, -1)) {
      const sibling = level[index ^ 1];
      if (sibling !== undefined) siblings.push(Buffer.from(sibling));
      index >>= 1;
    }
    return siblings;
  }

  /**
   * How many NFTs each tier index 0..7 has (for the creator's preview).
   *
   * @example
   * tree.counts().forEach((n, tier) => console.log(`tier ${tier}: ${n} NFTs`));
   */
  counts(): number[] {
    const counts = new Array<number>(TIER_COUNT).fill(0);
    for (const { tier } of this.byMint.values()) counts[tier] = (counts[tier] ?? 0) + 1;
    return counts;
  }
}

/**
 * Whether `proof` shows that `(mint, tier)` is in the tree with `root`, as the program checks
 * it. False (never a throw) for a tier outside 0..7, a malformed root or sibling, or more than
 * {@link MAX_PROOF_LEN} siblings.
 *
 * @example
 * verifyTierProof(tree.proof(mint), tree.root, mint, 3);
 */
export function verifyTierProof(
  proof: readonly Uint8Array[],
  root: Uint8Array,
  mint: PublicKey,
  tier: number,
): boolean {
  if (!isTier(tier) || root.length !== HASH_LEN || proof.length > MAX_PROOF_LEN) return false;
  if (proof.some((sibling) => sibling.length !== HASH_LEN)) return false;
  const computed = proof.reduce<Buffer>(
    (node, sibling) => parent(node, sibling),
    tierLeaf(mint, tier),
  );
  return computed.equals(root);
}
