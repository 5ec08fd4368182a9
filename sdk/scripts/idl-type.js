// Writes src/idl/nft_staking.ts: the IDL as a TypeScript type with camelCase names, exactly what
// `anchor build` puts in target/types (it uses Anchor's own `convertIdlToCamelCase`), so
// `Program<NftStaking>` is fully typed. The JSON stays the single source of truth; this file is
// regenerated on every build and not committed.
const fs = require("fs");
const path = require("path");
const { convertIdlToCamelCase } = require("@coral-xyz/anchor/dist/cjs/idl");

const dir = path.join(__dirname, "..", "src", "idl");
const idl = JSON.parse(fs.readFileSync(path.join(dir, "nft_staking.json"), "utf8"));
const type = JSON.stringify(convertIdlToCamelCase(idl), null, 2);
// Errors keep their IDL (PascalCase) names: those are what the program logs and clients match on.
const errors = JSON.stringify(idl.errors, null, 2);
const out =
  `// Generated from nft_staking.json by sdk/scripts/idl-type.js. Do not edit.\n` +
  `export type NftStaking = ${type};\n\n` +
  `/** The program's errors as declared in the IDL. */\n` +
  `export const ERRORS = ${errors} as const;\n`;
const target = path.join(dir, "nft_staking.ts");
if (!fs.existsSync(target) || fs.readFileSync(target, "utf8") !== out)
  fs.writeFileSync(target, out);
