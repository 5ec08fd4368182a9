import { strict as assert } from "assert";
import {
  IDL,
  WEIGHT_SCALE,
  decodePerkReceipt,
  findReceiptAddress,
  projectedPoints,
} from "@nft-staking/sdk";
import {
  addStream,
  createCollectionNfts,
  type PoolFixture,
  poolState,
  stakeNfts,
  type TestChain,
  type TestNft,
  tokenBalance,
  unstakeNfts,
} from "@nft-staking/dev-kit";
import { assertOk, onlyEvent } from "../utils/assertions";
import { redeemPerkFixture, RECEIPT_SIZE, WEIGHT } from "./redeem_perk.fixture";

describe("redeem_perk", () => {
  const suite = redeemPerkFixture();
  const { createPerk, stakedHolder, redeemIx, receiptOf, staker, perkState, receiptState } = suite;
  const { checkpoint, points, lamports, claimInto } = suite;
  let chain: TestChain, fixture: PoolFixture, now: bigint;
  beforeEach(() => ({ chain, fixture, now } = suite));

  describe("happy paths", () => {
    it("accrues weight × seconds of points, exactly as projectedPoints projects", async () => {
      // A funded stream, so that a claim pays something and may settle the points.
      await addStream(fixture, { rate: 1n, fund: 1_000_000n });
      const { holder } = await stakedHolder(2);
      const start = staker(holder.publicKey);
      assert.equal(start.points.toString(), "0");
      assert.equal(start.pointsUpdatedTs.toString(), now.toString());
      assert.equal(
        BigInt(start.totalWeight.toString()),
        2n * WEIGHT * WEIGHT_SCALE,
        "effective weight in 1/10,000 units",
      );

      chain.warp(100);
      const projected = projectedPoints(staker(holder.publicKey), chain.now());
      assert.equal(projected, 2n * WEIGHT * 100n, "whole-weight-seconds");
      assert.deepEqual(await checkpoint(holder), [2n * WEIGHT * 100n]);
      assert.equal(points(holder.publicKey), projected);
      assert.equal(staker(holder.publicKey).pointsUpdatedTs.toString(), chain.now().toString());

      // A third NFT: staking checkpoints at the old weight, then the new weight accrues.
      const [extra] = createCollectionNfts(chain, holder.publicKey, fixture.collection.mint, 1);
      assertOk(await stakeNfts(fixture, holder, [extra as TestNft]));
      assert.equal(points(holder.publicKey), projected);
      chain.warp(50);
      const later = projectedPoints(staker(holder.publicKey), chain.now());
      assert.equal(later, projected + 3n * WEIGHT * 50n);
      assert.deepEqual(await checkpoint(holder), [3n * WEIGHT * 50n]);
      assert.equal(points(holder.publicKey), later);
    });

    it("spends the cost, counts the redemption, and creates the receipt at the holder's expense", async () => {
      const perk = await createPerk({ costPoints: 1_000n });
      const { holder } = await stakedHolder(2);
      chain.warp(1_000);
      const at = chain.now();
      const projected = projectedPoints(staker(holder.publicKey), at);
      assert.equal(projected, 6_000n);
      const holderBefore = lamports(holder.publicKey);
      const feePayer = chain.fundedKeypair();

      assertOk(chain.send([await redeemIx(perk, holder.publicKey)], [feePayer, holder]));

      const after = staker(holder.publicKey);
      assert.equal(after.points.toString(), (projected - 1_000n).toString());
      assert.equal(after.pointsUpdatedTs.toString(), at.toString());
      assert.equal(perkState(perk).redeemed, 1);

      const [receipt, bump] = findReceiptAddress(perk, holder.publicKey);
      const account = chain.svm.getAccount(receipt);
      assert.ok(account);
      assert.equal(account.owner.toBase58(), IDL.address);
      assert.equal(account.data.length, RECEIPT_SIZE);
      const rent = chain.svm.minimumBalanceForRentExemption(BigInt(RECEIPT_SIZE));
      assert.equal(BigInt(account.lamports), rent, "rent-exempt, and not a lamport more");
      assert.equal(lamports(holder.publicKey), holderBefore - rent, "the holder paid the rent");
      const state = decodePerkReceipt(account.data);
      assert.ok(state.perk.equals(perk));
      assert.ok(state.owner.equals(holder.publicKey));
      assert.equal(state.count, 1);
      assert.equal(state.lastRedeemedAt.toString(), at.toString());
      assert.equal(state.bump, bump);
    });

    it("increments the receipt on a second redemption without creating anything", async () => {
      const perk = await createPerk({ costPoints: 1_000n });
      const { holder } = await stakedHolder(2);
      chain.warp(1_000);
      assertOk(chain.send([await redeemIx(perk, holder.publicKey)], [holder]));
      const receipt = receiptOf(perk, holder.publicKey);
      const receiptLamports = lamports(receipt);

      chain.warp(10);
      const holderBefore = lamports(holder.publicKey);
      const feePayer = chain.fundedKeypair();
      assertOk(chain.send([await redeemIx(perk, holder.publicKey)], [feePayer, holder]));

      assert.equal(lamports(holder.publicKey), holderBefore, "nothing to pay the second time");
      assert.equal(lamports(receipt), receiptLamports);
      assert.equal(chain.svm.getAccount(receipt)?.data.length, RECEIPT_SIZE);
      const state = receiptState(perk, holder.publicKey);
      assert.equal(state.count, 2);
      assert.equal(state.lastRedeemedAt.toString(), chain.now().toString());
      assert.equal(perkState(perk).redeemed, 2);
      assert.equal(points(holder.publicKey), 6n * 1_010n - 2_000n);
    });

    it("emits PerkRedeemed with the points spent and the holder's count", async () => {
      const perk = await createPerk({ costPoints: 250n });
      const { holder } = await stakedHolder(2);
      chain.warp(100);

      for (const count of [1, 2]) {
        const result = chain.send([await redeemIx(perk, holder.publicKey)], [holder]);
        assertOk(result);
        const event = onlyEvent(result, "perkRedeemed");
        assert.ok(event.pool.equals(fixture.pool));
        assert.ok(event.perk.equals(perk));
        assert.ok(event.owner.equals(holder.publicKey));
        assert.equal(event.pointsSpent.toString(), "250");
        assert.equal(event.count, count);
        assert.equal(event.redeemedAt.toString(), chain.now().toString());
      }
    });

    it("redeems at the edges: first second, exact points, exactly min staked, last unit of the cap", async () => {
      const perk = await createPerk({
        costPoints: 600n,
        minStaked: 2,
        supplyCap: 2,
        startTs: now + 100n,
        endTs: now + 200n,
      });
      const a = await stakedHolder(2);
      const b = await stakedHolder(2);
      chain.warp(100); // now == start_ts: 2 × 3 × 100 = 600 points each
      assertOk(chain.send([await redeemIx(perk, a.holder.publicKey)], [a.holder]));
      assert.equal(points(a.holder.publicKey), 0n, "every point spent");

      chain.warp(99); // end_ts − 1, and the last redemption the cap allows
      assertOk(chain.send([await redeemIx(perk, b.holder.publicKey)], [b.holder]));
      assert.equal(perkState(perk).redeemed, 2);
      assert.equal(points(b.holder.publicKey), 6n * 199n - 600n);
    });

    it("keeps points after unstaking: a holder with nothing staked may redeem a perk without minimum", async () => {
      const perk = await createPerk({ costPoints: 500n, minStaked: 0 });
      const { holder, nfts } = await stakedHolder(1);
      chain.warp(200);
      assertOk(await unstakeNfts(fixture, holder, nfts));
      assert.equal(staker(holder.publicKey).records.length, 0);
      assert.equal(points(holder.publicKey), 600n);
      chain.warp(1_000); // nothing staked: no more points
      assertOk(chain.send([await redeemIx(perk, holder.publicKey)], [holder]));
      assert.equal(points(holder.publicKey), 100n);
    });

    it("gives each holder their own receipt; an uncapped perk counts them all", async () => {
      const perk = await createPerk({ costPoints: 10n });
      const holders = [await stakedHolder(2), await stakedHolder(3), await stakedHolder(4)];
      chain.warp(10);
      for (const { holder } of holders) {
        assertOk(chain.send([await redeemIx(perk, holder.publicKey)], [holder]));
      }
      assert.equal(perkState(perk).redeemed, 3);
      for (const { holder } of holders) {
        const state = receiptState(perk, holder.publicKey);
        assert.ok(state.owner.equals(holder.publicKey));
        assert.equal(state.count, 1);
      }
    });

    it("affects neither rewards nor unstaking", async () => {
      const { mint } = await addStream(fixture, { rate: 5n, fund: 10_000_000n });
      const perk = await createPerk({ costPoints: 1_000n });
      const spender = await stakedHolder(2);
      const saver = await stakedHolder(2);
      chain.warp(200);
      assertOk(chain.send([await redeemIx(perk, spender.holder.publicKey)], [spender.holder]));
      assert.equal(points(spender.holder.publicKey), 6n * 200n - 1_000n);
      chain.warp(100);

      const paid: bigint[] = [];
      for (const { holder } of [spender, saver]) {
        paid.push(...(await claimInto(holder, [mint])));
      }
      assert.deepEqual(paid, [5n * 6n * 300n, 5n * 6n * 300n], "both paid the same");

      assertOk(await unstakeNfts(fixture, spender.holder, spender.nfts));
      for (const nft of spender.nfts) assert.equal(tokenBalance(chain, nft.tokenAccount), 1n);
      assert.equal(
        BigInt(poolState(fixture).totalWeight.toString()),
        2n * WEIGHT * WEIGHT_SCALE,
        "only the saver's weight is left",
      );
      assert.equal(staker(spender.holder.publicKey).records.length, 0);
    });
  });
});
