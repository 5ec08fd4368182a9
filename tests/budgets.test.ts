import { strict as assert } from "assert";
import fs from "fs";
import path from "path";
import { SCENARIOS } from "../bench/scenarios";
import { recordComputeUnits } from "./utils/compute";

// Compute units are deterministic in LiteSVM, so a budget is a hard limit, not a flaky timing.
const budgets = JSON.parse(
  fs.readFileSync(path.join(__dirname, "..", "bench", "budgets.json"), "utf8"),
) as Record<string, number>;

describe("compute-unit budgets (bench/budgets.json)", () => {
  it("has a budget for every benchmark scenario", () => {
    assert.deepEqual(Object.keys(budgets).sort(), Object.keys(SCENARIOS).sort());
  });

  for (const [name, run] of Object.entries(SCENARIOS)) {
    it(`${name} stays within its budget`, async () => {
      const { cu } = await run();
      recordComputeUnits(name, cu);
      const budget = budgets[name];
      assert.ok(budget !== undefined);
      assert.ok(cu <= budget, `${name} used ${cu} CU, budget ${budget}`);
    });
  }
});
