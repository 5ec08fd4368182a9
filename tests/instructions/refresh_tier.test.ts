import { strict as assert } from "assert";
import {
  addStream,
  configurePool,
  holderWithNfts,
  type PoolFixture,
  poolState,
  stakeNfts,
  type TestChain,
  type TestNft,
  unstakeNfts,
} from "@nft-staking/dev-kit";
import { assertOk, assertProgramError, firstEvent, onlyEvent } from "../utils/assertions";
import { refreshTierFixture, LOCK_2X } from "./refresh_tier.fixture";

describe("refresh_tier", () => {
  const suite = refreshTierFixture();
  const { lamports, staker, recordOf, publish, refreshIx, stakedHolder, claimInto } = suite;
  let chain: TestChain, fixture: PoolFixture;
  beforeEach(() => ({ chain, fixture } = suite));

  describe("happy paths", () => {
    it("re-weights a staked NFT under the new tree, paid and signed by a third party", async () => {
      const a = await stakedHolder(2);
      const b = await stakedHolder(1);
      const [raised, kept] = a.nfts as [TestNft, TestNft];
      const [bNft] = b.nfts as [TestNft];
      assert.equal(poolState(fixture).totalWeight.toString(), "30000");
      const tree = await publish(
        [
          { mint: raised.mint, tier: 2 },
          { mint: kept.mint, tier: 0 },
          { mint: bNft.mint, tier: 0 },
        ],
        [1, 0, 5],
      );
      const keptBefore = recordOf(a.holder.publicKey, kept.mint);
      const raisedBefore = recordOf(a.holder.publicKey, raised.mint);
      const holderLamports = lamports(a.holder.publicKey);

      const anyone = chain.fundedKeypair();
      const ix = await refreshIx(a.holder.publicKey, raised.mint, 2, tree.proof(raised.mint));
      assert.ok(
        ix.keys.every((key) => !key.isSigner),
        "no owner signature is needed",
      );
      assertOk(chain.send([ix], [anyone]));

      const record = recordOf(a.holder.publicKey, raised.mint);
      assert.equal(record.weight.toString(), "50000");
      assert.equal(record.multiplierBps, 10_000, "unlocked: 1x, as staked");
      assert.equal(record.tier, 2);
      assert.equal(record.stakedAt.toString(), raisedBefore.stakedAt.toString());
      assert.equal(record.lockUntil.toString(), raisedBefore.lockUntil.toString());
      assert.equal(record.lockOption, raisedBefore.lockOption);
      assert.deepEqual(recordOf(a.holder.publicKey, kept.mint), keptBefore, "other record kept");
      assert.equal(staker(a.holder.publicKey).totalWeight.toString(), "60000");
      assert.equal(staker(b.holder.publicKey).totalWeight.toString(), "10000");
      const pool = poolState(fixture);
      assert.equal(pool.totalWeight.toString(), "70000", "(3 − 1 + 5) × 10,000");
      assert.equal(pool.stakedCount.toString(), "3");
      assert.equal(lamports(a.holder.publicKey), holderLamports, "the holder paid nothing");
    });

    it("emits TierRefreshed with the old and new weight", async () => {
      const { holder, nfts } = await stakedHolder(2);
      const [nft, other] = nfts as [TestNft, TestNft];
      const tree = await publish(
        [
          { mint: nft.mint, tier: 3 },
          { mint: other.mint, tier: 0 },
        ],
        [1, 0, 0, 4],
      );
      const result = chain.send(
        [await refreshIx(holder.publicKey, nft.mint, 3, tree.proof(nft.mint))],
        [chain.fundedKeypair()],
      );
      assertOk(result);
      const event = onlyEvent(result, "tierRefreshed");
      assert.ok(event.pool.equals(fixture.pool));
      assert.ok(event.owner.equals(holder.publicKey));
      assert.ok(event.mint.equals(nft.mint));
      assert.equal(event.tier, 3);
      assert.equal(event.oldWeight.toString(), "10000");
      assert.equal(event.newWeight.toString(), "40000");
    });

    it("checkpoints rewards at the old weight: claim = rate × (w1 t1 + w2 t2)", async () => {
      const { mint } = await addStream(fixture, { rate: 7n, fund: 10n ** 12n });
      const { holder, nfts } = await stakedHolder(2);
      const [nft, other] = nfts as [TestNft, TestNft];
      const tree = await publish(
        [
          { mint: nft.mint, tier: 1 },
          { mint: other.mint, tier: 0 },
        ],
        [1, 4],
      );
      chain.warp(100); // w1 = 2 for t1 = 100 s
      const ix = await refreshIx(holder.publicKey, nft.mint, 1, tree.proof(nft.mint));
      assertOk(chain.send([ix], [chain.fundedKeypair()]));
      const afterRefresh = staker(holder.publicKey);
      assert.equal(afterRefresh.totalWeight.toString(), "50000");
      assert.equal(afterRefresh.streams[0]?.owed.toString(), String(7 * 2 * 100), "checkpointed");
      assert.equal(afterRefresh.points.toString(), String(2 * 100), "points at the old weight");
      assert.equal(afterRefresh.pointsUpdatedTs.toString(), chain.now().toString());

      chain.warp(50); // w2 = 5 for t2 = 50 s
      assert.deepEqual(await claimInto(holder, [mint]), [7n * (2n * 100n + 5n * 50n)]);
    });

    it("lowers a weight as well, and a second refresh with the same proof changes nothing", async () => {
      await addStream(fixture, { rate: 3n, fund: 10n ** 12n });
      const { holder, nfts } = holderWithNfts(fixture, 2);
      const [nft, other] = nfts as [TestNft, TestNft];
      const first = await publish(
        [
          { mint: nft.mint, tier: 2 },
          { mint: other.mint, tier: 0 },
        ],
        [1, 0, 6],
      );
      assertOk(
        await stakeNfts(fixture, holder, [
          { mint: nft.mint, tier: 2, proof: first.proof(nft.mint) },
        ]),
      );
      assert.equal(poolState(fixture).totalWeight.toString(), "60000");
      const second = await publish(
        [
          { mint: nft.mint, tier: 1 },
          { mint: other.mint, tier: 0 },
        ],
        [1, 2, 6],
      );
      chain.warp(10);
      const ix = await refreshIx(holder.publicKey, nft.mint, 1, second.proof(nft.mint));
      assertOk(chain.send([ix], [chain.fundedKeypair()]));
      assert.equal(recordOf(holder.publicKey, nft.mint).weight.toString(), "20000");
      assert.equal(poolState(fixture).totalWeight.toString(), "20000");
      assert.equal(staker(holder.publicKey).streams[0]?.owed.toString(), String(3 * 6 * 10));

      chain.warp(10);
      const again = await refreshIx(holder.publicKey, nft.mint, 1, second.proof(nft.mint));
      const result = chain.send([again], [chain.fundedKeypair()]);
      assertOk(result);
      const event = firstEvent(result, "tierRefreshed");
      assert.equal(event.oldWeight.toString(), "20000");
      assert.equal(event.newWeight.toString(), "20000");
      assert.equal(poolState(fixture).totalWeight.toString(), "20000");
      assert.equal(
        staker(holder.publicKey).streams[0]?.owed.toString(),
        String(3 * (6 * 10 + 2 * 10)),
      );
    });

    it("keeps a locked NFT's lock multiplier: tier weight × the option's 2x", async () => {
      await configurePool(fixture, { lockOptions: [LOCK_2X] });
      const { holder, nfts } = await stakedHolder(2, 0);
      const [nft, other] = nfts as [TestNft, TestNft];
      const before = recordOf(holder.publicKey, nft.mint);
      assert.equal(before.weight.toString(), "20000");
      assert.equal(before.multiplierBps, 20_000);
      const tree = await publish(
        [
          { mint: nft.mint, tier: 1 },
          { mint: other.mint, tier: 0 },
        ],
        [1, 3],
        [LOCK_2X],
      );
      const ix = await refreshIx(holder.publicKey, nft.mint, 1, tree.proof(nft.mint));
      assertOk(chain.send([ix], [chain.fundedKeypair()]));
      const record = recordOf(holder.publicKey, nft.mint);
      assert.equal(record.weight.toString(), "60000", "3 × 2x");
      assert.equal(record.multiplierBps, 20_000);
      assert.equal(record.lockOption, 0);
      assert.equal(record.lockUntil.toString(), before.lockUntil.toString(), "still locked");
      assert.equal(staker(holder.publicKey).totalWeight.toString(), "80000");
      assert.equal(poolState(fixture).totalWeight.toString(), "80000");

      assertProgramError(await unstakeNfts(fixture, holder, [nft]), "StakeLocked");
    });

    it("keeps the record's own multiplier when the option changes or is removed (M-3)", async () => {
      await configurePool(fixture, { lockOptions: [LOCK_2X] });
      const { holder, nfts } = await stakedHolder(2, 0);
      const [nft, other] = nfts as [TestNft, TestNft];
      const entries = [
        { mint: nft.mint, tier: 1 },
        { mint: other.mint, tier: 0 },
      ];
      // The option the NFT was locked under now pays 1.5x: the record keeps its 2x.
      const tree = await publish(entries, [1, 3], [{ durationS: 1_000, multiplierBps: 15_000 }]);
      const ix = await refreshIx(holder.publicKey, nft.mint, 1, tree.proof(nft.mint));
      assertOk(chain.send([ix], [chain.fundedKeypair()]));
      const record = recordOf(holder.publicKey, nft.mint);
      assert.equal(record.weight.toString(), "60000", "3 × the 2x it was staked with");
      assert.equal(record.multiplierBps, 20_000);
      assert.equal(poolState(fixture).totalWeight.toString(), String(60_000 + 20_000));

      // The option is gone: still 2x, never stripped back to 1x by anyone's refresh.
      await publish(entries, [1, 3], []);
      const again = await refreshIx(holder.publicKey, nft.mint, 1, tree.proof(nft.mint));
      assertOk(chain.send([again], [chain.fundedKeypair()]));
      assert.equal(recordOf(holder.publicKey, nft.mint).weight.toString(), "60000");
      assert.equal(recordOf(holder.publicKey, nft.mint).multiplierBps, 20_000);
      assert.equal(poolState(fixture).totalWeight.toString(), String(60_000 + 20_000));
    });

    it("never gives an unlocked NFT a multiplier it did not lock for (M-3)", async () => {
      const { holder, nfts } = await stakedHolder(2);
      const [nft, other] = nfts as [TestNft, TestNft];
      // Option 0 (2x) exists, and the unlocked record still says "no lock" (255) at 1x.
      const tree = await publish(
        [
          { mint: nft.mint, tier: 1 },
          { mint: other.mint, tier: 0 },
        ],
        [1, 3],
        [LOCK_2X],
      );
      const ix = await refreshIx(holder.publicKey, nft.mint, 1, tree.proof(nft.mint));
      assertOk(chain.send([ix], [chain.fundedKeypair()]));
      const record = recordOf(holder.publicKey, nft.mint);
      assert.equal(record.weight.toString(), "30000", "3 × 1x");
      assert.equal(record.multiplierBps, 10_000);
      assert.equal(record.lockOption, 255);
      assert.equal(record.lockUntil.toString(), "0");
      assert.equal(poolState(fixture).totalWeight.toString(), String(30_000 + 10_000));
    });

    it("unstaking afterwards removes the new weight: the pool's total weight returns to 0", async () => {
      const a = await stakedHolder(1);
      const b = await stakedHolder(1);
      const [aNft] = a.nfts as [TestNft];
      const [bNft] = b.nfts as [TestNft];
      const tree = await publish(
        [
          { mint: aNft.mint, tier: 4 },
          { mint: bNft.mint, tier: 5 },
        ],
        [1, 0, 0, 0, 9, 2],
      );
      for (const [holder, nft, tier] of [
        [a.holder, aNft, 4],
        [b.holder, bNft, 5],
      ] as const) {
        const ix = await refreshIx(holder.publicKey, nft.mint, tier, tree.proof(nft.mint));
        assertOk(chain.send([ix], [chain.fundedKeypair()]));
      }
      assert.equal(poolState(fixture).totalWeight.toString(), "110000");

      for (const { holder, nfts } of [a, b]) {
        assertOk(await unstakeNfts(fixture, holder, nfts));
        assert.equal(staker(holder.publicKey).totalWeight.toString(), "0");
      }
      const pool = poolState(fixture);
      assert.equal(pool.totalWeight.toString(), "0");
      assert.equal(pool.stakedCount.toString(), "0");
    });
  });
});
