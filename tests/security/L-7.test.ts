// Review finding L-7 (../shared/AUDIT.md): a pause had no end, even after sunset, so a paused
// pool held every holder's earned rewards (and their Staker rent) indefinitely. A pause now
// ends by itself after the pool's `max_pause_s` (≤ 30 days) unless renewed, and claims are
// always allowed once the pool is sunset.
import { strict as assert } from "assert";
import {
  DEFAULT_POOL_LIMITS,
  MAX_PAUSE_S,
  closeStakerInstruction,
  setPausedInstruction,
  sunsetPoolInstruction,
  updatePoolInstruction,
} from "@nft-staking/sdk";
import { addStream, isPaused, poolState, unstakeNfts } from "@nft-staking/dev-kit";
import { assertOk } from "../utils/assertions";
import { START, poolSuite } from "../utils/suite";

const YEAR = 365 * 86_400;

describe("security L-7: pauses that never end", () => {
  const suite = poolSuite({ start: START });
  const { asAuthority, stakedHolder, claimInto, claimIx, expectRejected } = suite;
  const pause = () =>
    asAuthority(
      setPausedInstruction({
        pool: suite.fixture.pool,
        authority: suite.fixture.authority.publicKey,
        paused: true,
      }),
    );

  it("L-7: a paused, sunset pool pays its holders a year later, and they can close", async () => {
    const { chain, fixture } = suite;
    const { mint } = await addStream(fixture, { rate: 3n, fund: 1_000_000n });
    const { holder, nfts } = await stakedHolder(1);
    chain.warp(100);
    await pause();
    await asAuthority(
      sunsetPoolInstruction({ pool: fixture.pool, authority: fixture.authority.publicKey }),
    );
    chain.warp(YEAR);
    assert.deepEqual(await claimInto(holder, [mint]), [300n]);
    assertOk(await unstakeNfts(fixture, holder, nfts));
    assertOk(
      chain.send(
        [await closeStakerInstruction({ pool: fixture.pool, owner: holder.publicKey })],
        [holder],
      ),
    );
  });

  it("L-7: a pause ends by itself after max_pause_s; claims refused only until then", async () => {
    const { chain, fixture } = suite;
    const { mint } = await addStream(fixture, { rate: 3n, fund: 10_000_000n });
    const { holder } = await stakedHolder(1);
    chain.warp(100);
    await pause();
    const until = BigInt(poolState(fixture).pausedUntil.toString());
    assert.equal(until, chain.now() + BigInt(DEFAULT_POOL_LIMITS.maxPauseS));
    chain.warp(DEFAULT_POOL_LIMITS.maxPauseS - 1);
    expectRejected(await claimIx(holder.publicKey), [holder], "PoolPaused");
    chain.warp(1);
    assert.equal(isPaused(fixture), false);
    const [paid] = await claimInto(holder, [mint]);
    assert.equal(paid, 3n * (100n + BigInt(DEFAULT_POOL_LIMITS.maxPauseS)));
  });

  it("L-7: no pool can pause for longer than MAX_PAUSE_S (30 days) at a time (PauseTooLong)", async () => {
    const { fixture } = suite;
    const limitsIx = (maxPauseS: number) =>
      updatePoolInstruction({
        pool: fixture.pool,
        authority: fixture.authority.publicKey,
        tierRoot: null,
        defaultTierWeight: 1,
        tierWeights: [],
        lockOptions: [],
        uri: "",
        limits: { ...DEFAULT_POOL_LIMITS, maxPauseS },
      });
    for (const maxPauseS of [0, MAX_PAUSE_S + 1]) {
      expectRejected(await limitsIx(maxPauseS), [fixture.authority], "PauseTooLong");
    }
    await asAuthority(limitsIx(MAX_PAUSE_S));
    await pause();
    assert.equal(
      poolState(fixture).pausedUntil.toString(),
      String(suite.chain.now() + BigInt(MAX_PAUSE_S)),
    );
  });
});
