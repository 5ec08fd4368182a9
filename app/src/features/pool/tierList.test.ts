import { describe, expect, it } from "vitest";
import { Keypair } from "@solana/web3.js";
import { fetchTierList, isZeroRoot, previewTierCsv, tierListUrls, tierOf } from "./tierList";

const mints = Array.from({ length: 5 }, () => Keypair.generate().publicKey);
const csv = `mint,tier\n${mints.map((mint, i) => `${mint.toBase58()},${i % 3}`).join("\n")}\n`;

describe("previewTierCsv", () => {
  it("counts NFTs per tier and gives the root", () => {
    const preview = previewTierCsv(csv);
    if (!preview.ok) throw new Error(preview.error);
    expect(preview.size).toBe(5);
    expect(preview.counts.slice(0, 3)).toEqual([2, 2, 1]);
    expect(preview.root).toMatch(/^[0-9a-f]{64}$/);
  });
  it("reports the line of a bad entry", () => {
    const preview = previewTierCsv(`mint,tier\n${mints[0]!.toBase58()},9\n`);
    expect(preview.ok).toBe(false);
    if (!preview.ok) expect(preview.error).toContain("line 2");
  });
});

describe("tierListUrls", () => {
  it("tries config, metadata link, then tiers.csv next to the pool URI", () => {
    expect(
      tierListUrls({
        poolAddress: "P",
        poolUri: "http://127.0.0.1:8901/pool.json",
        metadataTiers: "lists/tiers-v2.csv",
        configPool: "P",
        configTiersUrl: "http://example.com/t.csv",
      }),
    ).toEqual([
      "http://example.com/t.csv",
      "http://127.0.0.1:8901/lists/tiers-v2.csv",
      "http://127.0.0.1:8901/tiers.csv",
    ]);
    expect(tierListUrls({ poolAddress: "P", poolUri: "" })).toEqual([]);
  });
});

describe("fetchTierList and tierOf", () => {
  const preview = previewTierCsv(csv);
  if (!preview.ok) throw new Error("bad fixture");
  const root = Array.from(preview.tree.root);
  const serve = (text: string) => (async () => new Response(text)) as unknown as typeof fetch;

  it("keeps a list whose root matches the pool", async () => {
    const state = await fetchTierList(["http://x/tiers.csv"], root, serve(csv));
    expect(state.kind).toBe("loaded");
    const pool = { tierWeights: [1, 3, 0, 0, 0, 0, 0, 0], defaultTierWeight: 1 };
    expect(tierOf(mints[1]!, pool, state, ["Common", "Rare"])).toEqual({
      tier: 1,
      weight: 3,
      label: "Rare",
    });
    // tier 2 has no weight in this pool: staked at the default tier instead
    expect(tierOf(mints[2]!, pool, state).tier).toBeNull();
    expect(tierOf(Keypair.generate().publicKey, pool, state).label).toBe("Default tier");
  });

  it("reports a list that does not match, and pools without tiers", async () => {
    const other = `${Keypair.generate().publicKey.toBase58()},0\n`;
    expect((await fetchTierList(["http://x/a.csv"], root, serve(other))).kind).toBe("mismatch");
    expect((await fetchTierList([], root)).kind).toBe("missing");
    expect(isZeroRoot(new Array(32).fill(0))).toBe(true);
    expect((await fetchTierList(["http://x"], new Array(32).fill(0))).kind).toBe("none");
  });
});
