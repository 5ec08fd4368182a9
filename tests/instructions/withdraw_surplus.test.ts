import { strict as assert } from "assert";
import { Keypair } from "@solana/web3.js";
import { ACC_SCALE, StreamMode, addRewardStreamInstruction } from "@nft-staking/sdk";
import {
  addStream,
  createRewardMint,
  fundStream,
  type PoolFixture,
  stakerState,
  type TestChain,
  tokenBalance,
  unstakeNfts,
} from "@nft-staking/dev-kit";
import { assertOk } from "../utils/assertions";
import { withdrawSurplusFixture, ceilDiv } from "./withdraw_surplus.fixture";

describe("withdraw_surplus", () => {
  const suite = withdrawSurplusFixture();
  const { vaultOf, sdkSurplus, withdrawIx, stakedHolder, claimAll, withdrawExactly } = suite;
  const { asAuthority, tokenAccountAt } = suite;
  let chain: TestChain, fixture: PoolFixture;
  beforeEach(() => ({ chain, fixture } = suite));

  /** A SharedEmission stream of 100/s for 1 000 s, funded with `fund`. */
  const sharedStream = (fund: bigint) =>
    addStream(fixture, { mode: StreamMode.SharedEmission, rate: 100n, duration: 1_000, fund });

  describe("happy paths", () => {
    it("FixedPerWeight before the end: vault − liability − totalWeight × rate × remaining, exactly", async () => {
      const { mint } = await addStream(fixture, { rate: 10n, duration: 1_000, fund: 1_000_000n });
      assert.equal(sdkSurplus(0), 1_000_000n, "no weight: nothing earned, nothing reserved");
      chain.warp(100);
      const a = await stakedHolder(2);
      const b = await stakedHolder(1);
      chain.warp(200); // stream at +300, weight 3 staked for 200 s

      const liability = 3n * 10n * 200n;
      const remaining = 1_000n - 300n;
      const expected = 1_000_000n - liability - 3n * 10n * remaining;
      assert.equal(expected, 973_000n);
      assert.equal(sdkSurplus(0), expected, "the SDK agrees with the hand computation");
      await withdrawExactly(0, mint, expected);
      assert.equal(tokenBalance(chain, vaultOf(0)), 27_000n);

      chain.warp(1_000);
      assert.equal(await claimAll(a.holder, mint), 2n * 10n * 900n);
      assert.equal(await claimAll(b.holder, mint), 1n * 10n * 900n);
      assert.equal(tokenBalance(chain, vaultOf(0)), 0n, "exactly what was reserved was earned");
    });

    it("FixedPerWeight: after the surplus is gone, a new stake stops accrual early, never what was earned", async () => {
      const { mint } = await addStream(fixture, { rate: 10n, duration: 1_000, fund: 1_000_000n });
      const a = await stakedHolder(1);
      chain.warp(100);
      // A earned 1 000; 900 s more at weight 1 reserve 9 000.
      await withdrawExactly(0, mint, 1_000_000n - 1_000n - 10n * 900n);
      assert.equal(tokenBalance(chain, vaultOf(0)), 10_000n);

      // B doubles the weight: the 9 000 left cover 450 s at 20/s (M-4), then accrual stops.
      const b = await stakedHolder(1);
      chain.warp(1_000); // past the end
      assert.equal(await claimAll(a.holder, mint), 1_000n + 10n * 450n);
      assert.equal(await claimAll(b.holder, mint), 10n * 450n);
      assert.equal(tokenBalance(chain, vaultOf(0)), 0n, "every earned unit was in the vault");
    });

    it("FixedPerWeight after the end: only the liability (unsettled and owed) stays", async () => {
      const { mint } = await addStream(fixture, { rate: 10n, duration: 1_000, fund: 100_000n });
      const a = await stakedHolder(2);
      const b = await stakedHolder(1);
      chain.warp(400);
      assert.equal(await claimAll(a.holder, mint), 8_000n);
      chain.warp(100);
      assertOk(await unstakeNfts(fixture, b.holder, b.nfts));
      assert.equal(stakerState(fixture, b.holder.publicKey)?.streams[0]?.owed.toString(), "5000");
      chain.warp(5_000); // long past the end

      // A earned 2 × 10 × 600 since claiming; B is owed 1 × 10 × 500; nothing remains to emit.
      const liability = 2n * 10n * 600n + 5_000n;
      const vault = 100_000n - 8_000n;
      assert.equal(tokenBalance(chain, vaultOf(0)), vault);
      const expected = vault - liability;
      assert.equal(expected, 75_000n);
      assert.equal(sdkSurplus(0), expected, "the SDK agrees with the hand computation");
      await withdrawExactly(0, mint, expected);

      assert.equal(await claimAll(a.holder, mint), 12_000n);
      assert.equal(await claimAll(b.holder, mint), 5_000n);
      assert.equal(tokenBalance(chain, vaultOf(0)), 0n);
    });

    it("SharedEmission with nothing staked: vault − rate × remaining; stakers still get it all", async () => {
      const { mint } = await sharedStream(150_000n);
      assert.equal(sdkSurplus(0), 150_000n - 100n * 1_000n, "the whole emission is reserved");
      chain.warp(300); // nothing staked: these 300 s emit to nobody

      const expected = 150_000n - 100n * (1_000n - 300n);
      assert.equal(expected, 80_000n);
      assert.equal(sdkSurplus(0), expected, "the SDK agrees with the hand computation");
      await withdrawExactly(0, mint, expected);

      const a = await stakedHolder(1);
      chain.warp(2_000);
      assert.equal(await claimAll(a.holder, mint), 100n * 700n);
      assert.equal(tokenBalance(chain, vaultOf(0)), 0n);
    });

    it("SharedEmission that ended with nothing ever staked: the whole vault", async () => {
      const { mint } = await sharedStream(150_000n);
      chain.warp(1_000);
      assert.equal(sdkSurplus(0), 150_000n);
      await withdrawExactly(0, mint, 150_000n);
      assert.equal(tokenBalance(chain, vaultOf(0)), 0n);
    });

    it("SharedEmission with holders before the end: liability rounded up plus rate × remaining", async () => {
      const { mint } = await sharedStream(200_000n);
      const a = await stakedHolder(1);
      const b = await stakedHolder(2);
      chain.warp(100);

      // acc = ⌊100 × 100 × 1e12 / 3⌋; unsettled = 3 × acc; liability = ⌈unsettled / 1e12⌉.
      const acc = (100n * 100n * ACC_SCALE) / 3n;
      const liability = ceilDiv(3n * acc, ACC_SCALE);
      assert.equal(liability, 10_000n);
      const expected = 200_000n - liability - 100n * (1_000n - 100n);
      assert.equal(expected, 100_000n);
      assert.equal(sdkSurplus(0), expected, "the SDK agrees with the hand computation");
      await withdrawExactly(0, mint, expected);

      chain.warp(1_000);
      // acc at the end = ⌊1e16 / 3⌋ + ⌊9e16 / 3⌋; A weight 1, B weight 2, rounded down.
      const finalAcc = acc + (100n * 900n * ACC_SCALE) / 3n;
      const paidA = await claimAll(a.holder, mint);
      const paidB = await claimAll(b.holder, mint);
      assert.equal(paidA, finalAcc / ACC_SCALE);
      assert.equal(paidB, (2n * finalAcc) / ACC_SCALE);
      assert.equal(paidA + paidB, 99_999n);
      assert.equal(tokenBalance(chain, vaultOf(0)), 1n, "rounding dust stays, never a shortfall");
    });

    it("SharedEmission after the end: only the liability stays, then the dust is surplus", async () => {
      const { mint } = await sharedStream(150_000n);
      const a = await stakedHolder(1);
      const b = await stakedHolder(2);
      chain.warp(1_500);

      const acc = (100n * 1_000n * ACC_SCALE) / 3n;
      const liability = ceilDiv(3n * acc, ACC_SCALE);
      assert.equal(liability, 100_000n);
      const expected = 150_000n - liability;
      assert.equal(sdkSurplus(0), expected, "the SDK agrees with the hand computation");
      await withdrawExactly(0, mint, expected);

      assert.equal(await claimAll(a.holder, mint), 33_333n);
      assert.equal(await claimAll(b.holder, mint), 66_666n);
      assert.equal(tokenBalance(chain, vaultOf(0)), 1n);
      assert.equal(sdkSurplus(0), 1n, "everything paid: the dust is surplus");
      await withdrawExactly(0, mint, 1n);
    });

    it("a stream that has not started yet reserves its whole schedule at the current weight", async () => {
      await stakedHolder(3);
      const mint = createRewardMint(chain);
      const now = chain.now();
      await asAuthority(
        addRewardStreamInstruction({
          pool: fixture.pool,
          authority: fixture.authority.publicKey,
          rewardMint: mint,
          streamIndex: 0,
          mode: StreamMode.FixedPerWeight,
          rate: 5n,
          startTs: now + 1_000n,
          endTs: now + 1_400n,
        }),
      );
      await fundStream(fixture, 0, mint, 10_000n);
      chain.warp(500); // still 500 s before the start

      const expected = 10_000n - 3n * 5n * 400n;
      assert.equal(sdkSurplus(0), expected, "the SDK agrees with the hand computation");
      await withdrawExactly(0, mint, expected);
    });

    it("withdraws from one stream without touching another, to any token account of the mint", async () => {
      await addStream(fixture, { rate: 1n, duration: 1_000, fund: 5_000n });
      const second = await addStream(fixture, { rate: 2n, duration: 1_000, fund: 7_000n });
      await stakedHolder(1);
      chain.warp(500);
      const destination = tokenAccountAt(Keypair.generate().publicKey, second.mint, 3n);
      const expected = 7_000n - 2n * 1_000n;
      assert.equal(sdkSurplus(1), expected);
      const ix = await withdrawIx(1, second.mint, expected, destination);
      assertOk(chain.send([ix], [fixture.authority]));
      assert.equal(tokenBalance(chain, destination), 3n + expected);
      assert.equal(tokenBalance(chain, vaultOf(1)), 2_000n);
      assert.equal(tokenBalance(chain, vaultOf(0)), 5_000n, "the other stream is untouched");
      assert.equal(sdkSurplus(0), 5_000n - 1_000n);
    });
  });
});
