import { strict as assert } from "assert";
import {
  decodePerk,
  decodePool,
  findPerkAddress,
  findRewardVaultAddress,
  perkName,
} from "@nft-staking/sdk";
import { parseArgs } from "../../migrations/configure-pool";
import { configurePool, type PoolConfig } from "../../migrations/lib/pool-config";
import { chainAccess } from "../utils/cluster";
import {
  createCollection,
  createCollectionNfts,
  createRewardMint,
  setTokenBalance,
  TestChain,
  tokenBalance,
} from "@nft-staking/dev-kit";

describe("migrations/configure-pool", () => {
  it("creates and configures a pool from a description, idempotently", async () => {
    const chain = new TestChain();
    chain.warp(1_700_000_000);
    const authority = chain.fundedKeypair(100);
    const collection = createCollection(chain, authority.publicKey);
    const nfts = createCollectionNfts(chain, authority.publicKey, collection.mint, 3);
    const rewardMint = createRewardMint(chain);
    setTokenBalance(chain, authority.publicKey, rewardMint, 10n ** 12n);
    const config: PoolConfig = {
      poolId: 7,
      collection: collection.mint.toBase58(),
      uri: "https://example.org/pool.json",
      defaultTierWeight: 1,
      tierWeights: [1, 3, 10],
      tiersCsv: `mint,tier\n${nfts.map((nft, i) => `${nft.mint.toBase58()},${i}`).join("\n")}`,
      lockOptions: [{ durationS: 604_800, multiplierBps: 12_500 }],
      streams: [
        {
          rewardMint: rewardMint.toBase58(),
          mode: "SharedEmission",
          rate: "1000",
          durationDays: 30,
          fund: "5000000",
        },
      ],
      perks: [
        { id: 1, name: "Allow-list spot", costPoints: "86400", durationDays: 14, supplyCap: 10 },
      ],
    };
    const cluster = chainAccess(chain);
    const dry = await configurePool(cluster, authority, config, { dryRun: true });
    assert.equal(cluster.sent, 0, "a dry run sends nothing");
    assert.equal(chain.svm.getAccount(dry.pool), null);

    const { pool, tiers } = await configurePool(cluster, authority, config);
    const state = decodePool(chain.svm.getAccount(pool)?.data ?? new Uint8Array());
    assert.equal(state.poolId.toString(), "7");
    assert.deepEqual(Buffer.from(state.tierRoot), tiers?.root);
    assert.equal(state.streamCount, 1);
    assert.equal(state.lockOptions[0]?.multiplierBps, 12_500);
    assert.equal(tokenBalance(chain, findRewardVaultAddress(pool, 0)[0]), 5_000_000n);
    const perkData = chain.svm.getAccount(findPerkAddress(pool, 1)[0])?.data;
    assert.equal(perkName(decodePerk(perkData ?? new Uint8Array())), "Allow-list spot");

    const again = { ...config, streams: config.streams?.map((s) => ({ ...s, fund: "0" })) };
    await configurePool(cluster, authority, again);
    const after = decodePool(chain.svm.getAccount(pool)?.data ?? new Uint8Array());
    assert.equal(after.streamCount, 1, "no duplicate stream");
  });

  it("requires a keypair and a config on the command line", () => {
    assert.throws(() => parseArgs(["--config", "pool.json"]), /--keypair/);
    assert.throws(() => parseArgs(["--keypair", "k.json"]), /--config/);
    assert.equal(
      parseArgs(["--keypair", "k.json", "--config", "p.json", "--dry-run"]).dryRun,
      true,
    );
  });
});
