import { strict as assert } from "assert";
import { Keypair, type PublicKey } from "@solana/web3.js";
import {
  FIXED_ACC_PER_RATE_SECOND,
  StreamMode,
  addRewardStreamInstruction,
  updateRewardStreamInstruction,
  type UpdateRewardStreamParams,
} from "@nft-staking/sdk";
import {
  addStream,
  createPool,
  createRewardMint,
  holderWithNfts,
  type PoolFixture,
  poolState,
  stakeNfts,
  TestChain,
  tokenBalance,
  unstakeNfts,
} from "@nft-staking/dev-kit";
import { accountMeta, assertOk, onlyEvent, padded, truncated } from "../utils/assertions";
import { START, poolSuite } from "../utils/suite";

describe("update_reward_stream", () => {
  const suite = poolSuite({ start: START }); // default tier weight 1
  const { asAuthority, stakedHolder, stakerOf, claimInto, expectRejected } = suite;
  let chain: TestChain, fixture: PoolFixture;
  beforeEach(() => ({ chain, fixture } = suite));

  const params = (overrides: Partial<UpdateRewardStreamParams> = {}): UpdateRewardStreamParams => ({
    pool: fixture.pool,
    authority: fixture.authority.publicKey,
    streamIndex: 0,
    rate: 20n,
    endTs: chain.now() + 1_000n,
    ...overrides,
  });

  /** Sends `update_reward_stream` signed by the authority and asserts it succeeded. */
  const update = (overrides: Partial<UpdateRewardStreamParams> = {}) =>
    asAuthority(updateRewardStreamInstruction(params(overrides)));

  /**
   * A funded FixedPerWeight stream at 10/s for `duration` seconds from now, and a holder
   * staking one NFT of weight 1 at the stream's start.
   */
  async function stakedStream(duration: number): Promise<{ holder: Keypair; mint: PublicKey }> {
    const { mint } = await addStream(fixture, {
      mode: StreamMode.FixedPerWeight,
      rate: 10n,
      duration,
      fund: 1_000_000n,
    });
    const { holder } = await stakedHolder(1);
    return { holder, mint };
  }

  /** Claims everything `holder` earned and returns what arrived in their new token account. */
  async function claim(holder: Keypair, mint: PublicKey): Promise<bigint> {
    const [received] = await claimInto(holder, [mint]);
    return received as bigint;
  }

  it("accrues at the old rate, then sets the new rate and end", async () => {
    const start = chain.now();
    await addStream(fixture, { rate: 10n, duration: 1_000, fund: 1_000_000n });
    const before = poolState(fixture).streams[0];
    assert.ok(before);
    chain.warp(100);
    const end = chain.now() + 5_000n;
    await update({ rate: 20n, endTs: end });

    const stream = poolState(fixture).streams[0];
    assert.ok(stream);
    assert.equal(stream.rate.toString(), "20");
    assert.equal(stream.endTs.toString(), end.toString());
    assert.equal(stream.startTs.toString(), start.toString(), "start unchanged");
    assert.equal(stream.lastUpdateTs.toString(), chain.now().toString());
    assert.equal(
      stream.accPerWeight.toString(),
      (10n * 100n * FIXED_ACC_PER_RATE_SECOND).toString(),
      "100 s at the old rate, per effective weight unit (1/10,000 of a weight)",
    );
    assert.equal(stream.unsettledScaled.toString(), "0", "nothing staked, nothing owed");
    assert.equal(stream.owedTotal.toString(), "0");
    assert.equal(stream.vaultBalance.toString(), "1000000", "the books' vault balance is kept");
    assert.ok(stream.mint.equals(before.mint));
    assert.ok(stream.vault.equals(before.vault));
    assert.equal(stream.mode, before.mode);
    assert.equal(stream.vaultBump, before.vaultBump);
    assert.equal(poolState(fixture).streamCount, 1);
  });

  it("emits StreamUpdated", async () => {
    await addStream(fixture);
    const end = chain.now() + 777n;
    const result = await update({ rate: 42n, endTs: end });
    const event = onlyEvent(result, "streamUpdated");
    assert.ok(event.pool.equals(fixture.pool));
    assert.equal(event.streamIndex, 0);
    assert.equal(event.rate.toString(), "42");
    assert.equal(event.endTs.toString(), end.toString());
  });

  it("applies a new rate only from now on", async () => {
    const { holder, mint } = await stakedStream(10_000);
    chain.warp(100);
    await update({ rate: 20n, endTs: chain.now() + 10_000n });
    chain.warp(100);
    assert.equal(await claim(holder, mint), 10n * 100n + 20n * 100n);
  });

  it("updates the named stream only", async () => {
    await addStream(fixture, { rate: 10n });
    await addStream(fixture, { rate: 30n });
    const untouched = JSON.stringify(poolState(fixture).streams[0]);
    const end = chain.now() + 99n;
    await update({ streamIndex: 1, rate: 31n, endTs: end });
    const pool = poolState(fixture);
    assert.equal(JSON.stringify(pool.streams[0]), untouched);
    assert.equal(pool.streams[1]?.rate.toString(), "31");
    assert.equal(pool.streams[1]?.endTs.toString(), end.toString());
  });

  // A 10/s stream of 1 000 s and one NFT of weight 1; 100 s in, the stream gets `rate` and an end
  // `endIn` seconds away; a claim `after` more seconds pays `paid` in all.
  for (const [title, rate, endIn, after, paid] of [
    ["stops accrual at a shortened end", 10n, 50n, 200, 10n * 150n],
    ["ends a stream right now (end = now)", 10n, 0n, 500, 10n * 100n],
    ["stops emission with a rate of zero", 0n, 500n, 300, 10n * 100n],
  ] as const) {
    it(title, async () => {
      const { holder, mint } = await stakedStream(1_000);
      chain.warp(100);
      await update({ rate, endTs: chain.now() + endIn });
      chain.warp(after);
      assert.equal(await claim(holder, mint), paid);
    });
  }

  it("extends a running stream", async () => {
    const { holder, mint } = await stakedStream(1_000);
    const start = chain.now();
    chain.warp(900);
    await update({ rate: 10n, endTs: start + 2_000n });
    chain.warp(1_500);
    assert.equal(await claim(holder, mint), 10n * 2_000n);
  });

  it("restarts an ended stream without paying for the gap", async () => {
    const { holder, mint } = await stakedStream(100);
    chain.warp(300); // ended 200 s ago
    await update({ rate: 10n, endTs: chain.now() + 100n });
    const stream = poolState(fixture).streams[0];
    assert.equal(stream?.lastUpdateTs.toString(), chain.now().toString(), "accrual resumes now");
    chain.warp(100);
    assert.equal(await claim(holder, mint), 10n * 100n + 10n * 100n, "not for the 200 s gap");
  });

  it("rejects a signer that is not the pool authority", async () => {
    await addStream(fixture);
    const other = chain.fundedKeypair();
    const ix = await updateRewardStreamInstruction(params({ authority: other.publicKey }));
    expectRejected(ix, [other], "Unauthorized");
  });

  it("rejects a missing authority signature", async () => {
    await addStream(fixture);
    const ix = await updateRewardStreamInstruction(params());
    assert.ok(accountMeta(ix, 1).pubkey.equals(fixture.authority.publicKey));
    accountMeta(ix, 1).isSigner = false;
    expectRejected(ix, [], "MissingSignature");
  });

  it("rejects a stream index out of range", async () => {
    const none = await updateRewardStreamInstruction(params({ streamIndex: 0 }));
    expectRejected(none, [fixture.authority], "InvalidStreamIndex");
    await addStream(fixture);
    for (const streamIndex of [1, 3, 255]) {
      const ix = await updateRewardStreamInstruction(params({ streamIndex }));
      expectRejected(ix, [fixture.authority], "InvalidStreamIndex");
    }
  });

  it("rejects an end in the past", async () => {
    await addStream(fixture, { duration: 1_000 });
    chain.warp(100);
    const ix = await updateRewardStreamInstruction(params({ endTs: chain.now() - 1n }));
    expectRejected(ix, [fixture.authority], "InvalidStreamSchedule");
  });

  it("rejects an end at or before the start", async () => {
    const now = chain.now();
    const start = now + 1_000n;
    await asAuthority(
      addRewardStreamInstruction({
        pool: fixture.pool,
        authority: fixture.authority.publicKey,
        rewardMint: createRewardMint(chain),
        streamIndex: 0,
        mode: StreamMode.FixedPerWeight,
        rate: 10n,
        startTs: start,
        endTs: start + 1_000n,
      }),
    );
    for (const endTs of [start, start - 1n, now]) {
      const bad = await updateRewardStreamInstruction(params({ endTs }));
      expectRejected(bad, [fixture.authority], "InvalidStreamSchedule");
    }
  });

  it("rejects a pool account not owned by the program", async () => {
    const { mint } = await addStream(fixture);
    for (const impostor of [mint, fixture.collection.mint, fixture.authority.publicKey]) {
      const ix = await updateRewardStreamInstruction(params({ pool: impostor }));
      expectRejected(ix, [fixture.authority], "InvalidPoolAccount");
    }
  });

  it("rejects a program account that is not a pool (a staker account)", async () => {
    const { holder } = await stakedStream(1_000);
    const ix = await updateRewardStreamInstruction(params({ pool: stakerOf(holder.publicKey) }));
    expectRejected(ix, [fixture.authority], "InvalidPoolAccount");
  });

  it("rejects a read-only pool account", async () => {
    await addStream(fixture);
    const ix = await updateRewardStreamInstruction(params());
    assert.ok(accountMeta(ix, 0).pubkey.equals(fixture.pool));
    accountMeta(ix, 0).isWritable = false;
    expectRejected(ix, [fixture.authority], "AccountNotWritable");
  });

  it("rejects truncated and padded arguments", async () => {
    await addStream(fixture);
    const ix = await updateRewardStreamInstruction(params());
    expectRejected(truncated(ix), [fixture.authority], "InvalidInstructionData");
    expectRejected(padded(ix), [fixture.authority], "InvalidInstructionData");
  });

  it("rejects too few accounts", async () => {
    await addStream(fixture);
    const ix = await updateRewardStreamInstruction(params());
    ix.keys = ix.keys.slice(0, 1);
    expectRejected(ix, [], "NotEnoughAccounts");
  });

  it("never lets a rate change trap staked NFTs: unstake works after an extreme rate", async () => {
    // Unstake must not depend on the creator (nft_unstake.rs). The largest accepted rate for
    // one day at weight 10^6 would owe more than u64::MAX within seconds; a stream accrues only
    // what its vault covers (M-4), here not a single second, and the holder can still leave.
    fixture = await createPool(chain, { defaultTierWeight: 1_000_000 });
    await addStream(fixture, { rate: 1n, fund: 1_000_000n });
    const { holder, nfts } = holderWithNfts(fixture, 1);
    assertOk(await stakeNfts(fixture, holder, nfts));
    const rate = (2n ** 64n - 1n) / 86_400n;
    const end = chain.now() + 86_400n;
    const update = await updateRewardStreamInstruction(params({ rate, endTs: end }));
    assertOk(chain.send([update], [fixture.authority]));
    chain.warp(60);
    assertOk(await unstakeNfts(fixture, holder, nfts));
    assert.equal(tokenBalance(chain, nfts[0]!.tokenAccount), 1n, "the NFT is back");
    const stream = poolState(fixture).streams[0];
    assert.ok(stream);
    assert.equal(stream.endTs.toString(), end.toString(), "the stream keeps its schedule");
    assert.equal(stream.lastUpdateTs.toString(), chain.now().toString());
    assert.equal(stream.accPerWeight.toString(), "0", "one second would cost more than the vault");
    assert.equal(stream.owedTotal.toString(), "0");
    assert.equal(stream.vaultBalance.toString(), "1000000");
    assert.equal(tokenBalance(chain, stream.vault), 1_000_000n);
  });

  it("rejects a rate × remaining duration that does not fit in 64 bits", async () => {
    await addStream(fixture, { rate: 1n });
    const rate = (2n ** 64n - 1n) / 86_400n + 1n;
    const ix = await updateRewardStreamInstruction(params({ rate, endTs: chain.now() + 86_400n }));
    expectRejected(ix, [fixture.authority], "RateTooHigh");
  });
});
