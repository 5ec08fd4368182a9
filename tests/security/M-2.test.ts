// Review finding M-2 (../shared/AUDIT.md): the authority could change a lock option just before
// a stake landed and lock the NFT for up to 136 years. A stake now carries the terms the holder
// saw, lock lengths are bounded by a pool limit (itself capped), and changing an option never
// changes an existing lock.
import { strict as assert } from "assert";
import {
  DEFAULT_POOL_LIMITS,
  MAX_LOCK_DURATION_S,
  findEscrowAddress,
  lockTermsOf,
  poolLimitsOf,
  stakeInstruction,
  updatePoolInstruction,
} from "@nft-staking/sdk";
import {
  configurePool,
  holderWithNfts,
  poolState,
  stakeNfts,
  stakerState,
  tokenBalance,
  type TestNft,
} from "@nft-staking/dev-kit";
import { assertOk } from "../utils/assertions";
import { START, poolSuite } from "../utils/suite";

const DAY = 86_400;
const SHOWN = { durationS: 7 * DAY, multiplierBps: 15_000 };

describe("security M-2: lock terms the holder never saw", () => {
  const suite = poolSuite({ start: START, lockOptions: [SHOWN] });
  const { unstakeIx, expectRejected } = suite;

  /** `update_pool` by the authority with these lock options (and limits), other settings kept. */
  const updateLocks = (
    lockOptions: { durationS: number; multiplierBps: number }[],
    limits = poolLimitsOf(poolState(suite.fixture)),
  ) =>
    updatePoolInstruction({
      pool: suite.fixture.pool,
      authority: suite.fixture.authority.publicKey,
      tierRoot: null,
      defaultTierWeight: 1,
      tierWeights: [],
      lockOptions,
      uri: "",
      limits,
    });

  it("M-2: refuses a stake whose lock terms changed after the holder saw them (LockTermsChanged)", async () => {
    const { chain, fixture } = suite;
    const { holder, nfts } = holderWithNfts(fixture, 1);
    const nft = nfts[0] as TestNft;
    // The holder's client reads the pool and builds the stake with what it showed.
    const stake = await stakeInstruction({
      pool: fixture.pool,
      owner: holder.publicKey,
      nfts: [{ mint: nft.mint }],
      lock: lockTermsOf(poolState(fixture), 0),
    });
    // The authority lands a change first: a year at ×1.1 instead of a week at ×1.5.
    assertOk(
      chain.send(
        [await updateLocks([{ durationS: 365 * DAY, multiplierBps: 11_000 }])],
        [fixture.authority],
      ),
    );
    const escrow = findEscrowAddress(fixture.pool, nft.mint)[0];
    expectRejected(stake, [holder], "LockTermsChanged", [escrow]);
    assert.equal(tokenBalance(chain, nft.tokenAccount), 1n, "the NFT stayed in the wallet");
    assert.equal(stakerState(fixture, holder.publicKey), null);
  });

  it("M-2: refuses a lock option longer than the pool's limit (LockTooLong): no 136-year lock", async () => {
    const { fixture } = suite;
    const before = suite.chain.svm.getAccount(fixture.pool);
    // 30 days typed in milliseconds, and u32::MAX seconds: both far beyond the 1-year default.
    for (const durationS of [30 * DAY * 1000, 0xffffffff]) {
      expectRejected(
        await updateLocks([{ durationS, multiplierBps: 15_000 }]),
        [fixture.authority],
        "LockTooLong",
      );
    }
    expectRejected(
      await updateLocks([{ durationS: DEFAULT_POOL_LIMITS.maxLockS + 1, multiplierBps: 15_000 }]),
      [fixture.authority],
      "LockTooLong",
    );
    assert.deepEqual(suite.chain.svm.getAccount(fixture.pool)?.data, before?.data);
  });

  it("M-2: caps the pool's own lock limit at MAX_LOCK_DURATION_S (2 years) (LockTooLong)", async () => {
    const { fixture } = suite;
    const limits = { ...DEFAULT_POOL_LIMITS, maxLockS: MAX_LOCK_DURATION_S + 1 };
    expectRejected(await updateLocks([SHOWN], limits), [fixture.authority], "LockTooLong");
    const atCap = { ...DEFAULT_POOL_LIMITS, maxLockS: MAX_LOCK_DURATION_S };
    assertOk(
      suite.chain.send(
        [await updateLocks([{ durationS: MAX_LOCK_DURATION_S, multiplierBps: 20_000 }], atCap)],
        [fixture.authority],
      ),
    );
    assert.equal(poolState(fixture).maxLockS, MAX_LOCK_DURATION_S);
  });

  it("M-2: refuses a zero-length lock with a multiplier (InvalidLockMultiplier)", async () => {
    expectRejected(
      await updateLocks([{ durationS: 0, multiplierBps: 50_000 }]),
      [suite.fixture.authority],
      "InvalidLockMultiplier",
    );
  });

  it("M-2: changing a lock option never changes an existing lock", async () => {
    const { chain, fixture } = suite;
    const { holder, nfts } = holderWithNfts(fixture, 1);
    assertOk(await stakeNfts(fixture, holder, nfts, 0));
    const record = () => stakerState(fixture, holder.publicKey)?.records[0];
    const lockUntil = record()?.lockUntil.toString();
    assert.equal(lockUntil, String(chain.now() + BigInt(SHOWN.durationS)));
    await configurePool(fixture, {
      lockOptions: [{ durationS: 300 * DAY, multiplierBps: 30_000 }],
    });
    assert.equal(record()?.lockUntil.toString(), lockUntil);
    assert.equal(record()?.multiplierBps, SHOWN.multiplierBps);
    chain.warp(SHOWN.durationS);
    assertOk(chain.send([await unstakeIx(holder.publicKey, nfts)], [holder]));
    assert.equal(tokenBalance(chain, (nfts[0] as TestNft).tokenAccount), 1n);
  });
});
