import { strict as assert } from "assert";
import fs from "fs";
import path from "path";
import { IDL } from "@nft-staking/sdk";
import { SCENARIOS, type Measurement } from "../bench/scenarios";
import { recordComputeUnits } from "./utils/compute";

// Compute units are deterministic in LiteSVM, so a budget is a hard limit, not a flaky timing.
const budgets = JSON.parse(
  fs.readFileSync(path.join(__dirname, "..", "bench", "budgets.json"), "utf8"),
) as Record<string, number>;

describe("compute-unit budgets (bench/budgets.json)", function () {
  this.timeout(120_000);
  const measured = new Map<string, Measurement>();

  it("has a budget for every benchmark scenario", () => {
    assert.deepEqual(Object.keys(budgets).sort(), Object.keys(SCENARIOS).sort());
  });

  it("names every scenario after its instruction, and measures every instruction", () => {
    const instructions = IDL.instructions.map((instruction) => instruction.name as string);
    const of = (scenario: string) =>
      instructions.find((name) => scenario === name || scenario.startsWith(`${name}_`));
    for (const scenario of Object.keys(SCENARIOS)) assert.ok(of(scenario), scenario);
    const measuredInstructions = new Set(Object.keys(SCENARIOS).map(of));
    for (const name of instructions) assert.ok(measuredInstructions.has(name), name);
  });

  for (const [name, run] of Object.entries(SCENARIOS)) {
    it(`${name} stays within its budget`, async () => {
      const result = await run();
      measured.set(name, result);
      recordComputeUnits(name, result.cu);
      const budget = budgets[name];
      assert.ok(budget !== undefined);
      assert.ok(result.cu <= budget, `${name} used ${result.cu} CU, budget ${budget}`);
    });
  }

  it("claim costs the same with 50 NFTs as with 1 (O(1) in staked NFTs)", () => {
    const one = measured.get("claim_with_1_nft")?.cu;
    const fifty = measured.get("claim_with_50_nfts")?.cu;
    assert.ok(one !== undefined && fifty !== undefined);
    // A few CU of difference come from the division's correction steps on other numbers.
    assert.ok(Math.abs(fifty - one) <= 16, `1 NFT: ${one} CU, 50 NFTs: ${fifty} CU`);
  });

  // Stake carries 5 accounts per NFT since the edition check (review finding M-1): 5 fit a
  // legacy transaction (a v0 transaction with a lookup table fits the 16 of a batch).
  it("fits at least 5 NFTs per legacy stake transaction and 12 per unstake", () => {
    assert.ok((measured.get("stake_max")?.nfts ?? 0) >= 5);
    assert.ok((measured.get("unstake_max")?.nfts ?? 0) >= 12);
  });
});
