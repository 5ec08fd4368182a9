import { describe, expect, it } from "vitest";
import { Keypair } from "@solana/web3.js";
import { previewTierCsv } from "../pool/tierList";
import { emptyDraft, parseSettings } from "./poolForm";

const csv = `mint,tier\n${Keypair.generate().publicKey.toBase58()},0\n${Keypair.generate().publicKey.toBase58()},2\n`;

describe("parseSettings", () => {
  it("converts days and multipliers to seconds and basis points", () => {
    const draft = {
      ...emptyDraft(),
      tierWeights: ["1", "", "10", "", "", "", "", ""],
      locks: [{ days: "30", multiplier: "1.5" }],
      uri: "https://example.com/pool.json",
    };
    const parsed = parseSettings(draft, previewTierCsv(csv));
    expect(parsed).toEqual({
      ok: true,
      value: {
        defaultTierWeight: 1,
        tierWeights: [1, 0, 10, 0, 0, 0, 0, 0],
        lockOptions: [{ durationS: 2_592_000, multiplierBps: 15_000 }],
        uri: "https://example.com/pool.json",
      },
    });
  });

  it("refuses what the program would refuse", () => {
    const draft = {
      ...emptyDraft(),
      defaultTierWeight: "0",
      locks: [{ days: "7", multiplier: "0.5" }],
      uri: "x".repeat(97),
    };
    const parsed = parseSettings(draft, previewTierCsv(csv));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(Object.keys(parsed.errors).sort()).toEqual(
        ["defaultTierWeight", "lock0multiplier", "tier0", "tier2", "uri"].sort(),
      );
    }
  });
});
