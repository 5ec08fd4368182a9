import { describe, expect, it } from "vitest";
import { Keypair } from "@solana/web3.js";
import { DEFAULT_POOL_LIMITS } from "@nft-staking/sdk";
import { previewTierCsv } from "../pool/tierList";
import { emptyDraft, parseSettings, type PoolSettingsDraft } from "./poolForm";

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
        limits: DEFAULT_POOL_LIMITS,
      },
    });
  });

  it("converts the limits and keeps locks within them", () => {
    const draft = {
      ...emptyDraft(),
      maxLockDays: "10",
      maxPauseDays: "2",
      acceptEditions: true,
      locks: [{ days: "30", multiplier: "1.5" }],
    };
    const refused = parseSettings(draft, null);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(Object.keys(refused.errors)).toEqual(["lock0days"]);
    const parsed = parseSettings({ ...draft, locks: [{ days: "10", multiplier: "2" }] }, null);
    expect(parsed.ok && parsed.value.limits).toEqual({
      maxLockS: 864_000,
      maxPauseS: 172_800,
      acceptEditions: true,
      requireTierProof: false,
    });
  });

  it("refuses a lock that adds nothing, a multiplier above ×10 and pauses of 0 or > 30 days", () => {
    const cases: [Partial<PoolSettingsDraft>, string][] = [
      [{ locks: [{ days: "7", multiplier: "1" }] }, "lock0multiplier"],
      [{ locks: [{ days: "7", multiplier: "10.5" }] }, "lock0multiplier"],
      [{ maxPauseDays: "0" }, "maxPauseDays"],
      [{ maxPauseDays: "31" }, "maxPauseDays"],
      [{ maxLockDays: "731" }, "maxLockDays"],
    ];
    for (const [patch, field] of cases) {
      const parsed = parseSettings({ ...emptyDraft(), ...patch }, null);
      expect(parsed.ok ? [] : Object.keys(parsed.errors)).toEqual([field]);
    }
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
