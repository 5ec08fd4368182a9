import { strict as assert } from "assert";
import { createHash } from "crypto";
import fs from "fs";
import { IDL } from "@nft-staking/sdk";
import { PROGRAM_SO } from "@nft-staking/dev-kit";

const sha8 = (preimage: string) => [
  ...createHash("sha256").update(preimage).digest().subarray(0, 8),
];

describe("IDL and program binary", () => {
  it("uses Anchor discriminators for every instruction, account and event", () => {
    for (const ix of IDL.instructions)
      assert.deepEqual(ix.discriminator, sha8(`global:${ix.name}`));
    for (const account of IDL.accounts)
      assert.deepEqual(account.discriminator, sha8(`account:${account.name}`));
    for (const event of IDL.events)
      assert.deepEqual(event.discriminator, sha8(`event:${event.name}`));
  });

  it("numbers errors from 6000 without gaps", () => {
    IDL.errors.forEach((error, index) => assert.equal(error.code, 6000 + index));
  });

  it("tests a real SBF ELF (EM_BPF, SBPF v0), not a host build", () => {
    const elf = fs.readFileSync(PROGRAM_SO);
    assert.equal(elf.subarray(0, 4).toString("latin1"), "\x7fELF");
    assert.equal(elf.readUInt16LE(18), 247, "e_machine is EM_BPF");
    assert.equal(elf.readUInt32LE(48), 0, "e_flags 0: SBPF v0");
  });
});
