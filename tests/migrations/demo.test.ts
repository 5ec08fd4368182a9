import { strict as assert } from "assert";
import fs from "fs";
import os from "os";
import path from "path";
import { Keypair, PublicKey } from "@solana/web3.js";
import {
  TierTree,
  decodePool,
  findRewardVaultAddress,
  lockTermsOf,
  stakeInstruction,
} from "@nft-staking/sdk";
import { seedDemo } from "../../migrations/lib/demo";
import { TestChain, tokenBalance } from "@nft-staking/dev-kit";
import { assertOk } from "../utils/assertions";
import { chainAccess } from "../utils/cluster";

describe("migrations/lib/demo (local chain seeding)", () => {
  it("seeds a collection, a demo wallet with NFTs, and a configured pool the wallet can stake in", async () => {
    const chain = new TestChain();
    chain.warp(1_700_000_000);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "demo-"));
    const demo = await seedDemo(
      { svm: chain.svm, airdrop: (address, lamports) => chain.svm.airdrop(address, lamports) },
      chainAccess(chain),
      { dataDir, assetsUrl: "http://127.0.0.1:8901" },
    );
    const pool = decodePool(
      chain.svm.getAccount(new PublicKey(demo.pool))?.data ?? new Uint8Array(),
    );
    assert.equal(pool.streamCount, 2);
    assert.deepEqual(pool.tierWeights.slice(0, 3), [1, 3, 10]);
    assert.ok(tokenBalance(chain, findRewardVaultAddress(new PublicKey(demo.pool), 0)[0]) > 0n);
    const image = JSON.parse(
      fs.readFileSync(path.join(dataDir, "assets", "nft", "1.json"), "utf8"),
    );
    assert.equal(image.image, "http://127.0.0.1:8901/nft/1.svg");

    const wallet = Keypair.fromSecretKey(
      Uint8Array.from(JSON.parse(fs.readFileSync(demo.walletKeypairPath, "utf8"))),
    );
    const tiers = TierTree.fromCsv(fs.readFileSync(path.join(dataDir, "demo-tiers.csv"), "utf8"));
    const csvLines = fs
      .readFileSync(path.join(dataDir, "demo-tiers.csv"), "utf8")
      .trim()
      .split("\n");
    const firstMint = new PublicKey(csvLines[1]?.split(",")[0] ?? "");
    const ix = await stakeInstruction({
      pool: new PublicKey(demo.pool),
      owner: wallet.publicKey,
      nfts: [{ mint: firstMint, tier: tiers.tierOf(firstMint), proof: tiers.proof(firstMint) }],
      lock: lockTermsOf(
        decodePool(chain.svm.getAccount(new PublicKey(demo.pool))?.data ?? new Uint8Array()),
        1,
      ),
    });
    assertOk(chain.send([ix], [wallet]));
  });
});
