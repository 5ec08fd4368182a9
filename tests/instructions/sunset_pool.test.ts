import { strict as assert } from "assert";
import type { PublicKey } from "@solana/web3.js";
import {
  FIXED_ACC_PER_RATE_SECOND,
  StreamMode,
  addRewardStreamInstruction,
  findRewardVaultAddress,
  sunsetPoolInstruction,
  updateRewardStreamInstruction,
  type PoolAccount,
} from "@nft-staking/sdk";
import {
  addStream,
  configurePool,
  createCollectionNfts,
  createRewardMint,
  fundStream,
  holderWithNfts,
  type PoolFixture,
  poolState,
  stakerState,
  type TestChain,
  type TestNft,
  tokenBalance,
} from "@nft-staking/dev-kit";
import { accountMeta, assertOk, onlyEvent, padded } from "../utils/assertions";
import { START, poolSuite } from "../utils/suite";

/** A stream's schedule and accrual cursor as strings. */
function schedule(pool: PoolAccount, index: number) {
  const stream = pool.streams[index];
  assert.ok(stream, `stream ${index}`);
  return {
    startTs: stream.startTs.toString(),
    endTs: stream.endTs.toString(),
    lastUpdateTs: stream.lastUpdateTs.toString(),
  };
}

describe("sunset_pool", () => {
  const suite = poolSuite({ start: START });
  const {
    asAuthority,
    stakerOf,
    stakedHolder,
    stakeIx,
    unstakeIx,
    claimIx,
    claimInto,
    expectRejected,
  } = suite;
  let chain: TestChain, fixture: PoolFixture;
  beforeEach(() => ({ chain, fixture } = suite));

  /** `sunset_pool` signed by `authority` (the pool's authority unless given). */
  const sunsetIx = (authority: PublicKey = fixture.authority.publicKey) =>
    sunsetPoolInstruction({ pool: fixture.pool, authority });

  /** Sunsets the pool as its authority, asserting success; returns the transaction result. */
  const sunset = () => asAuthority(sunsetIx());

  /** Adds a funded FixedPerWeight stream running from `start` to `end` (absolute unix times). */
  async function addScheduledStream(start: bigint, end: bigint, rate: bigint, fund: bigint) {
    const mint = createRewardMint(chain);
    const index = poolState(fixture).streamCount;
    const ix = await addRewardStreamInstruction({
      pool: fixture.pool,
      authority: fixture.authority.publicKey,
      rewardMint: mint,
      streamIndex: index,
      mode: StreamMode.FixedPerWeight,
      rate,
      startTs: start,
      endTs: end,
    });
    assertOk(chain.send([ix], [fixture.authority]));
    await fundStream(fixture, index, mint, fund);
    return { index, mint };
  }

  describe("happy paths", () => {
    it("marks the pool sunset and ends every stream now (a future stream at its start)", async () => {
      const t0 = chain.now();
      const ended = await addStream(fixture, { rate: 2n, duration: 50, fund: 1_000n });
      const running = await addStream(fixture, { rate: 3n, fund: 1_000_000n });
      const future = await addScheduledStream(t0 + 1_000n, t0 + 5_000n, 7n, 1_000_000n);
      await stakedHolder(1);
      chain.warp(100);
      const now = chain.now();
      const before = poolState(fixture);
      assert.equal(before.sunset, 0);

      await sunset();
      const pool = poolState(fixture);
      assert.equal(pool.sunset, 1);
      assert.equal(pool.pausedUntil.toString(), "0", "sunset does not pause");
      assert.equal(pool.streamCount, 3);
      assert.deepEqual(
        schedule(pool, ended.index),
        { startTs: String(t0), endTs: String(t0 + 50n), lastUpdateTs: String(t0 + 50n) },
        "a stream that already ended keeps its end",
      );
      assert.deepEqual(
        schedule(pool, running.index),
        { startTs: String(t0), endTs: String(now), lastUpdateTs: String(now) },
        "a running stream ends now, accrued up to now",
      );
      assert.equal(
        pool.streams[running.index]?.accPerWeight.toString(),
        String(3n * 100n * FIXED_ACC_PER_RATE_SECOND),
        "100 s at 3/s, per 1/10,000 of a weight",
      );
      assert.equal(
        schedule(pool, future.index).endTs,
        String(t0 + 1_000n),
        "a stream that had not started ends at its start",
      );
      assert.equal(schedule(pool, future.index).startTs, String(t0 + 1_000n));
      assert.equal(pool.streams[future.index]?.accPerWeight.toString(), "0");
      // Everything else about the pool is as it was.
      assert.ok(pool.authority.equals(before.authority));
      assert.equal(pool.totalWeight.toString(), before.totalWeight.toString());
      assert.equal(pool.stakedCount.toString(), before.stakedCount.toString());
      assert.deepEqual(
        pool.streams.slice(0, 3).map((stream) => stream.vaultBalance.toString()),
        ["1000", "1000000", "1000000"],
        "the books' vault balances are untouched",
      );
    });

    it("emits PoolSunset with the sunset time", async () => {
      const event = onlyEvent(await sunset(), "poolSunset");
      assert.ok(event.pool.equals(fixture.pool));
      assert.equal(event.sunsetAt.toString(), chain.now().toString());
    });

    it("works on a pool with no streams and nothing staked", async () => {
      await sunset();
      const pool = poolState(fixture);
      assert.equal(pool.sunset, 1);
      assert.equal(pool.streamCount, 0);
    });

    it("refuses new stakes afterwards (PoolSunset), also from holders already staked", async () => {
      const staked = await stakedHolder(1);
      await sunset();
      const { holder, nfts } = holderWithNfts(fixture, 1);
      expectRejected(await stakeIx(holder.publicKey, nfts), [holder], "PoolSunset");
      assert.equal(stakerState(fixture, holder.publicKey), null);
      const another = createCollectionNfts(
        chain,
        staked.holder.publicKey,
        fixture.collection.mint,
        1,
      );
      expectRejected(
        await stakeIx(staked.holder.publicKey, another),
        [staked.holder],
        "PoolSunset",
      );
      assert.equal(stakerState(fixture, staked.holder.publicKey)?.records.length, 1);
    });

    it("lifts locks: a locked NFT can be unstaked right away", async () => {
      await configurePool(fixture, { lockOptions: [{ durationS: 10_000, multiplierBps: 20_000 }] });
      const { holder, nfts } = await stakedHolder(1, 0);
      const [nft] = nfts as [TestNft];
      chain.warp(10);
      const record = stakerState(fixture, holder.publicKey)?.records[0];
      assert.ok(record && BigInt(record.lockUntil.toString()) > chain.now(), "still locked");
      expectRejected(await unstakeIx(holder.publicKey, nfts), [holder], "StakeLocked");

      await sunset();
      assertOk(chain.send([await unstakeIx(holder.publicKey, nfts)], [holder]));
      assert.equal(tokenBalance(chain, nft.tokenAccount), 1n);
      assert.equal(poolState(fixture).stakedCount.toString(), "0");
      assert.equal(poolState(fixture).totalWeight.toString(), "0");
      assert.equal(stakerState(fixture, holder.publicKey)?.records.length, 0);
    });

    it("pays exactly what was earned before sunset and nothing after", async () => {
      const fixed = await addStream(fixture, { rate: 3n, fund: 1_000_000n });
      const shared = await addStream(fixture, {
        mode: StreamMode.SharedEmission,
        rate: 10n,
        fund: 1_000_000n,
      });
      const t0 = chain.now();
      const future = await addScheduledStream(t0 + 500n, t0 + 5_000n, 7n, 1_000_000n);
      const mints = [fixed.mint, shared.mint, future.mint];
      const a = await stakedHolder(1);
      chain.warp(50);
      const b = await stakedHolder(1);
      chain.warp(50);
      await sunset();
      chain.warp(1_000); // past the future stream's planned start

      // fixed: 3/s per weight; shared: 10/s split by weight (A alone 50 s, then halves 50 s).
      assert.deepEqual(await claimInto(a.holder, mints), [300n, 750n, 0n]);
      assert.deepEqual(await claimInto(b.holder, mints), [150n, 250n, 0n]);
      const [futureVault] = findRewardVaultAddress(fixture.pool, future.index);
      assert.equal(
        tokenBalance(chain, futureVault),
        1_000_000n,
        "the unstarted stream paid nothing",
      );

      chain.warp(10_000);
      // Nothing accrues after: a claim has nothing to pay (and moves nothing).
      expectRejected(await claimIx(a.holder.publicKey), [a.holder], "NothingToClaim");
      // Unstaking after sunset settles nothing new either.
      assertOk(chain.send([await unstakeIx(b.holder.publicKey, b.nfts)], [b.holder]));
      assert.deepEqual(
        stakerState(fixture, b.holder.publicKey)
          ?.streams.slice(0, 3)
          .map((s) => s.owed.toString()),
        ["0", "0", "0"],
      );
      expectRejected(await claimIx(b.holder.publicKey), [b.holder], "NothingToClaim");
      const staker = stakerState(fixture, a.holder.publicKey);
      assert.deepEqual(
        staker?.streams.slice(0, 3).map((s) => s.claimedTotal.toString()),
        ["300", "750", "0"],
      );
    });

    it("keeps what was earned claimable even if the holder unstakes first", async () => {
      const { mint } = await addStream(fixture, { rate: 4n, fund: 1_000_000n });
      const { holder, nfts } = await stakedHolder(2);
      chain.warp(25);
      await sunset();
      chain.warp(500);
      assertOk(chain.send([await unstakeIx(holder.publicKey, nfts)], [holder]));
      assert.equal(
        stakerState(fixture, holder.publicKey)?.streams[0]?.owed.toString(),
        String(4 * 2 * 25),
      );
      assert.deepEqual(await claimInto(holder, [mint]), [200n]);
    });
  });

  describe("rejections", () => {
    it("rejects a second sunset (PoolAlreadySunset)", async () => {
      await addStream(fixture, { rate: 3n, fund: 1_000n });
      await sunset();
      chain.warp(100);
      expectRejected(await sunsetIx(), [fixture.authority], "PoolAlreadySunset");
    });

    it("keeps a sunset pool ended: adding or extending a stream is refused (PoolSunset)", async () => {
      const stream = await addStream(fixture, { rate: 3n, fund: 1_000n });
      await sunset();
      const now = chain.now();
      const add = await addRewardStreamInstruction({
        pool: fixture.pool,
        authority: fixture.authority.publicKey,
        rewardMint: stream.mint,
        streamIndex: 1,
        mode: StreamMode.FixedPerWeight,
        rate: 1n,
        startTs: now,
        endTs: now + 100n,
      });
      expectRejected(add, [fixture.authority], "PoolSunset");
      const extend = await updateRewardStreamInstruction({
        pool: fixture.pool,
        authority: fixture.authority.publicKey,
        streamIndex: 0,
        rate: 3n,
        endTs: now + 1_000n,
      });
      expectRejected(extend, [fixture.authority], "PoolSunset");
    });

    it("rejects a signer who is not the authority (Unauthorized)", async () => {
      const stranger = chain.fundedKeypair();
      expectRejected(await sunsetIx(stranger.publicKey), [stranger], "Unauthorized");
      assert.equal(poolState(fixture).sunset, 0);
    });

    it("rejects the authority not signing (MissingSignature)", async () => {
      const ix = await sunsetIx();
      assert.ok(accountMeta(ix, 1).pubkey.equals(fixture.authority.publicKey));
      accountMeta(ix, 1).isSigner = false;
      expectRejected(ix, [], "MissingSignature");
    });

    it("rejects instruction data after the discriminator (InvalidInstructionData)", async () => {
      const ix = await sunsetIx();
      assert.equal(ix.data.length, 8);
      expectRejected(padded(ix), [fixture.authority], "InvalidInstructionData");
    });

    it("rejects a pool account that is not owned by the program (InvalidPoolAccount)", async () => {
      const ix = await sunsetIx();
      accountMeta(ix, 0).pubkey = fixture.collection.mint;
      expectRejected(ix, [fixture.authority], "InvalidPoolAccount", [fixture.pool]);
    });

    it("rejects a program account that is not a pool (InvalidPoolAccount)", async () => {
      const { holder } = await stakedHolder(1);
      const ix = await sunsetIx();
      accountMeta(ix, 0).pubkey = stakerOf(holder.publicKey);
      expectRejected(ix, [fixture.authority], "InvalidPoolAccount", [fixture.pool]);
    });

    it("rejects a read-only pool (AccountNotWritable)", async () => {
      const ix = await sunsetIx();
      accountMeta(ix, 0).isWritable = false;
      expectRejected(ix, [fixture.authority], "AccountNotWritable");
    });

    it("rejects too few accounts (NotEnoughAccounts)", async () => {
      const ix = await sunsetIx();
      ix.keys = ix.keys.slice(0, 1);
      expectRejected(ix, [], "NotEnoughAccounts", [fixture.authority.publicKey]);
    });
  });
});
