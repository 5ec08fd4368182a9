import { strict as assert } from "assert";
import { Keypair } from "@solana/web3.js";
import { decodePool } from "@nft-staking/sdk";
import { buildCreatePool, parseArgs } from "../../migrations/create-pool";
import { TestChain } from "../utils/chain";
import { assertOk } from "../utils/assertions";

describe("migrations/create-pool", () => {
  it("parses flags and builds a transaction the program accepts", async () => {
    const chain = new TestChain();
    const authority = chain.fundedKeypair();
    const collection = Keypair.generate().publicKey;
    const options = parseArgs([
      "--keypair",
      "unused.json",
      "--collection",
      collection.toBase58(),
      "--pool-id",
      "9",
      "--weight",
      "3",
      "--uri",
      "ipfs://pool",
      "--dry-run",
    ]);
    assert.equal(options.dryRun, true);
    const { pool, transaction } = await buildCreatePool(options, authority.publicKey);
    assertOk(chain.send(transaction.instructions, [authority]));
    const decoded = decodePool(chain.svm.getAccount(pool)?.data ?? new Uint8Array());
    assert.equal(decoded.poolId.toString(), "9");
    assert.equal(decoded.defaultTierWeight, 3);
    assert.ok(decoded.collection.equals(collection));
  });

  it("rejects a command line without a keypair, a collection or a valid weight", () => {
    const collection = Keypair.generate().publicKey.toBase58();
    assert.throws(() => parseArgs(["--collection", collection]), /--keypair/);
    assert.throws(() => parseArgs(["--keypair", "k.json"]), /--collection or --creator/);
    assert.throws(
      () => parseArgs(["--keypair", "k.json", "--collection", collection, "--weight", "0"]),
      /--weight/,
    );
  });
});
