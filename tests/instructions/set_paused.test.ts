import { strict as assert } from "assert";
import type { PublicKey, TransactionInstruction } from "@solana/web3.js";
import {
  DEFAULT_POOL_LIMITS,
  accountFieldOffset,
  setPausedInstruction,
  sunsetPoolInstruction,
} from "@nft-staking/sdk";
import {
  addStream,
  holderWithNfts,
  type PoolFixture,
  poolState,
  setTokenBalance,
  stakeNfts,
  stakerState,
  type TestChain,
  type TestNft,
  tokenBalance,
  isPaused as paused,
} from "@nft-staking/dev-kit";
import {
  accountMeta,
  assertOk,
  firstEvent,
  onlyEvent,
  padded,
  truncated,
} from "../utils/assertions";
import { START, poolSuite } from "../utils/suite";

describe("set_paused", () => {
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

  /** `set_paused(paused)` signed by `authority` (the pool's authority unless given). */
  const pauseIx = (paused: boolean, authority: PublicKey = fixture.authority.publicKey) =>
    setPausedInstruction({ pool: fixture.pool, authority, paused });

  /** Sets the pause flag as the pool's authority, asserting success. */
  const setPaused = (paused: boolean) => asAuthority(pauseIx(paused));

  describe("happy paths", () => {
    it("pauses the pool until now + max_pause_s: nothing else in the pool changes", async () => {
      const before = chain.svm.getAccount(fixture.pool);
      assert.ok(before);
      assert.equal(paused(fixture), false);
      await setPaused(true);
      const after = chain.svm.getAccount(fixture.pool);
      assert.ok(after);
      assert.equal(paused(fixture), true);
      assert.equal(
        poolState(fixture).pausedUntil.toString(),
        String(chain.now() + BigInt(DEFAULT_POOL_LIMITS.maxPauseS)),
      );
      assert.equal(after.lamports, before.lamports);
      assert.equal(after.data.length, before.data.length);
      const offset = accountFieldOffset("pool", "pausedUntil");
      const changed = Array.from(after.data).flatMap((byte, i) =>
        byte === before.data[i] ? [] : [i],
      );
      assert.ok(changed.length > 0);
      assert.ok(
        changed.every((i) => i >= offset && i < offset + 8),
        "only paused_until changed",
      );
    });

    it("ends a pause by itself after max_pause_s (L-7); pausing again renews it", async () => {
      await setPaused(true);
      chain.warp(DEFAULT_POOL_LIMITS.maxPauseS - 1);
      assert.equal(paused(fixture), true);
      await setPaused(true);
      chain.warp(DEFAULT_POOL_LIMITS.maxPauseS - 1);
      assert.equal(paused(fixture), true, "renewed from the second pause");
      chain.warp(1);
      assert.equal(paused(fixture), false);
      const { holder, nfts } = holderWithNfts(fixture, 1);
      assertOk(await stakeNfts(fixture, holder, nfts));
    });

    it("never blocks claims once the pool is sunset (L-7)", async () => {
      const { mint } = await addStream(fixture, { rate: 3n, fund: 1_000_000n });
      const { holder } = await stakedHolder(1);
      chain.warp(100);
      await setPaused(true);
      await asAuthority(
        sunsetPoolInstruction({ pool: fixture.pool, authority: fixture.authority.publicKey }),
      );
      assert.equal(paused(fixture), true);
      assert.deepEqual(await claimInto(holder, [mint]), [300n]);
    });

    it("emits PoolPauseUpdated on pause and on unpause", async () => {
      const event = onlyEvent(await setPaused(true), "poolPauseUpdated");
      assert.ok(event.pool.equals(fixture.pool));
      assert.equal(
        event.pausedUntil.toString(),
        String(chain.now() + BigInt(DEFAULT_POOL_LIMITS.maxPauseS)),
      );

      const again = firstEvent(await setPaused(false), "poolPauseUpdated");
      assert.ok(again.pool.equals(fixture.pool));
      assert.equal(again.pausedUntil.toString(), "0");
    });

    it("is idempotent: pausing twice or unpausing an active pool succeeds", async () => {
      await setPaused(false);
      assert.equal(paused(fixture), false);
      await setPaused(true);
      await setPaused(true);
      assert.equal(paused(fixture), true);
      await setPaused(false);
      await setPaused(false);
      assert.equal(paused(fixture), false);
    });

    it("refuses stake while paused (PoolPaused)", async () => {
      await setPaused(true);
      const { holder, nfts } = holderWithNfts(fixture, 1);
      expectRejected(await stakeIx(holder.publicKey, nfts), [holder], "PoolPaused");
      assert.equal(stakerState(fixture, holder.publicKey), null);
    });

    it("refuses claim while paused (PoolPaused), moving nothing", async () => {
      const { mint } = await addStream(fixture, { rate: 3n, fund: 1_000_000n });
      const { holder } = await stakedHolder(1);
      chain.warp(100);
      setTokenBalance(chain, holder.publicKey, mint, 0n);
      await setPaused(true);
      expectRejected(await claimIx(holder.publicKey), [holder], "PoolPaused");
    });

    it("lets holders unstake while paused", async () => {
      const { holder, nfts } = await stakedHolder(2);
      await setPaused(true);
      assertOk(chain.send([await unstakeIx(holder.publicKey, nfts)], [holder]));
      for (const nft of nfts) assert.equal(tokenBalance(chain, nft.tokenAccount), 1n);
      assert.equal(poolState(fixture).stakedCount.toString(), "0");
      assert.equal(poolState(fixture).totalWeight.toString(), "0");
      assert.equal(paused(fixture), true, "unstake does not touch the flag");
    });

    it("keeps rewards accruing while paused; after unpausing, claim pays the paused period too", async () => {
      const { mint } = await addStream(fixture, { rate: 3n, fund: 1_000_000n });
      const { holder, nfts } = await stakedHolder(2);
      const [first] = nfts as [TestNft, TestNft];
      chain.warp(100);
      await setPaused(true);
      chain.warp(200);
      // Unstaking one NFT mid-pause checkpoints what both earned so far.
      assertOk(chain.send([await unstakeIx(holder.publicKey, [first])], [holder]));
      assert.equal(
        stakerState(fixture, holder.publicKey)?.streams[0]?.owed.toString(),
        String(3 * 2 * 300),
      );
      chain.warp(100);
      const destination = setTokenBalance(chain, holder.publicKey, mint, 0n);
      expectRejected(await claimIx(holder.publicKey), [holder], "PoolPaused");
      await setPaused(false);

      const result = chain.send([await claimIx(holder.publicKey)], [holder]);
      assertOk(result);
      const expected = 3n * (2n * 300n + 1n * 100n);
      assert.equal(tokenBalance(chain, destination), expected, "3/s × (2 × 300 s + 1 × 100 s)");
      const paid = stakerState(fixture, holder.publicKey);
      assert.equal(paid?.streams[0]?.owed.toString(), "0");
      assert.equal(paid?.streams[0]?.claimedTotal.toString(), expected.toString());
      const event = firstEvent(result, "rewardsClaimed");
      assert.equal(event.amount.toString(), expected.toString());
    });

    it("restores stake and claim after unpausing", async () => {
      const { mint } = await addStream(fixture, { rate: 5n, fund: 1_000_000n });
      const { holder, nfts } = holderWithNfts(fixture, 2);
      const [early, late] = nfts as [TestNft, TestNft];
      assertOk(await stakeNfts(fixture, holder, [early]));
      await setPaused(true);
      expectRejected(await stakeIx(holder.publicKey, [late]), [holder], "PoolPaused");
      chain.warp(40);
      await setPaused(false);

      assertOk(await stakeNfts(fixture, holder, [late]));
      assert.equal(poolState(fixture).stakedCount.toString(), "2");
      assert.equal(stakerState(fixture, holder.publicKey)?.records.length, 2);
      chain.warp(10);
      assert.deepEqual(await claimInto(holder, [mint]), [5n * (40n + 2n * 10n)]);
    });
  });

  describe("rejections", () => {
    it("rejects a signer who is not the authority (Unauthorized)", async () => {
      const stranger = chain.fundedKeypair();
      expectRejected(await pauseIx(true, stranger.publicKey), [stranger], "Unauthorized");
      await setPaused(true);
      expectRejected(await pauseIx(false, stranger.publicKey), [stranger], "Unauthorized");
      assert.equal(paused(fixture), true);
    });

    it("rejects the authority not signing (MissingSignature)", async () => {
      const ix = await pauseIx(true);
      assert.ok(accountMeta(ix, 1).pubkey.equals(fixture.authority.publicKey));
      accountMeta(ix, 1).isSigner = false;
      expectRejected(ix, [], "MissingSignature");
    });

    it("rejects a bool byte other than 0 or 1 (InvalidInstructionData)", async () => {
      const ix = await pauseIx(true);
      assert.equal(ix.data.length, 9);
      const data = Buffer.from(ix.data);
      data[8] = 2;
      expectRejected(
        { ...ix, data } as TransactionInstruction,
        [fixture.authority],
        "InvalidInstructionData",
      );
    });

    it("rejects missing and trailing argument bytes (InvalidInstructionData)", async () => {
      const ix = await pauseIx(true);
      expectRejected(truncated(ix, 8), [fixture.authority], "InvalidInstructionData");
      expectRejected(padded(ix), [fixture.authority], "InvalidInstructionData");
    });

    it("rejects a pool account that is not owned by the program (InvalidPoolAccount)", async () => {
      const ix = await pauseIx(true);
      accountMeta(ix, 0).pubkey = fixture.collection.mint;
      expectRejected(ix, [fixture.authority], "InvalidPoolAccount", [fixture.pool]);
    });

    it("rejects a program account that is not a pool (InvalidPoolAccount)", async () => {
      const { holder } = await stakedHolder(1);
      const ix = await pauseIx(true);
      accountMeta(ix, 0).pubkey = stakerOf(holder.publicKey);
      expectRejected(ix, [fixture.authority], "InvalidPoolAccount", [fixture.pool]);
    });

    it("rejects a read-only pool (AccountNotWritable)", async () => {
      const ix = await pauseIx(true);
      accountMeta(ix, 0).isWritable = false;
      expectRejected(ix, [fixture.authority], "AccountNotWritable");
    });

    it("rejects too few accounts (NotEnoughAccounts)", async () => {
      const ix = await pauseIx(true);
      ix.keys = ix.keys.slice(0, 1);
      expectRejected(ix, [], "NotEnoughAccounts", [fixture.authority.publicKey]);
    });
  });
});
