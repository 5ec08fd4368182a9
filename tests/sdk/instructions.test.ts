import { strict as assert } from "assert";
import fs from "fs";
import path from "path";
import * as sdk from "@nft-staking/sdk";
import { IDL } from "@nft-staking/sdk";

const DIR = path.join(__dirname, "..", "..", "sdk", "src", "instructions");
/** Files of the folder that are not builders. */
const HELPERS = ["index.ts", "batch.ts", "perkTerms.ts"];
const camel = (name: string) => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

describe("sdk instruction builders", () => {
  it("has one file per IDL instruction, named as it, exporting `<name>Instruction`", () => {
    const names = IDL.instructions.map((ix) => camel(ix.name));
    assert.equal(names.length, 19);
    const files = fs.readdirSync(DIR).filter((file) => !HELPERS.includes(file));
    assert.deepEqual(files.sort(), names.map((name) => `${name}.ts`).sort());
    const index = fs.readFileSync(path.join(DIR, "index.ts"), "utf8");
    const exported = sdk as unknown as Record<string, unknown>;
    for (const name of names) {
      assert.ok(index.includes(`export * from "./${name}";`), `index re-exports ${name}`);
      assert.equal(typeof exported[`${name}Instruction`], "function", name);
      const source = fs.readFileSync(path.join(DIR, `${name}.ts`), "utf8");
      assert.match(source, new RegExp(`export async function ${name}Instruction\\(`), name);
      assert.match(source, new RegExp(`\\.${name}\\(`), `${name}.ts builds ${name}`);
    }
  });
});
