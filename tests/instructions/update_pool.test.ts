import { strict as assert } from "assert";
import { Keypair, type PublicKey, type TransactionInstruction } from "@solana/web3.js";
import {
  DEFAULT_POOL_LIMITS,
  DEFAULT_TIER,
  MAX_LOCK_DURATION_S,
  MAX_LOCK_MULTIPLIER_BPS,
  MAX_PAUSE_S,
  MAX_URI_LEN,
  poolLimitsOf,
  poolUri,
  setPausedInstruction,
  updatePoolInstruction,
  type LockOptionInput,
  type PoolAccount,
  type PoolLimitsInput,
  type UpdatePoolParams,
} from "@nft-staking/sdk";
import {
  holderWithNfts,
  type PoolFixture,
  poolState,
  stakeNfts,
  stakerState,
  TestChain,
  type TestNft,
  unstakeNfts,
} from "@nft-staking/dev-kit";
import {
  accountMeta,
  assertOk,
  assertProgramError,
  onlyEvent,
  padded,
  truncated,
} from "../utils/assertions";
import { poolSuite } from "../utils/suite";

/** A recognisable 32-byte root (1, 2, …, 32). */
const ROOT = Uint8Array.from({ length: 32 }, (_, i) => i + 1);

/** Every pool field `update_pool` does not write, serialized (keys as base58, numbers as hex). */
function untouchedFields(pool: PoolAccount): string {
  return JSON.stringify({
    ...pool,
    tierRoot: undefined,
    defaultTierWeight: undefined,
    tierWeights: undefined,
    lockOptions: undefined,
    uriLen: undefined,
    uri: undefined,
    maxLockS: undefined,
    maxPauseS: undefined,
    flags: undefined,
  });
}

/** Two years and thirty days: the program's caps on `maxLockS` and `maxPauseS`. */
const TWO_YEARS = 2 * 365 * 86_400;
const THIRTY_DAYS = 30 * 86_400;

describe("update_pool", () => {
  const suite = poolSuite({ defaultTierWeight: 3 });
  const { asAuthority, stakerOf, expectRejected } = suite;
  let chain: TestChain, fixture: PoolFixture;
  beforeEach(() => ({ chain, fixture } = suite));

  const params = (overrides: Partial<UpdatePoolParams> = {}): UpdatePoolParams => ({
    pool: fixture.pool,
    authority: fixture.authority.publicKey,
    tierRoot: ROOT,
    defaultTierWeight: 2,
    tierWeights: [5, 0, 7, 1, 2, 3, 4, 9],
    lockOptions: [
      { durationS: 86_400, multiplierBps: 11_000 },
      { durationS: 2_592_000, multiplierBps: 15_000 },
      { durationS: 0, multiplierBps: 0 },
      { durationS: 31_536_000, multiplierBps: 30_000 },
    ],
    uri: "https://example.org/pool-v2.json",
    limits: DEFAULT_POOL_LIMITS,
    ...overrides,
  });

  /** Sends `update_pool` signed by the authority and asserts it succeeded. */
  const update = (overrides: Partial<UpdatePoolParams> = {}) =>
    asAuthority(updatePoolInstruction(params(overrides)));

  /** Stakes `nfts` for `holder` (optionally locked) and asserts it succeeded. */
  async function stake(holder: Keypair, nfts: TestNft[], lockOption?: number) {
    assertOk(await stakeNfts(fixture, holder, nfts, lockOption));
  }

  /** Unstakes `nfts` of `holder`. */
  const unstake = (holder: Keypair, nfts: TestNft[]) => unstakeNfts(fixture, holder, nfts);

  /** The weight recorded for `mint` in `owner`'s staker account. */
  function recordOf(owner: PublicKey, mint: PublicKey) {
    const record = stakerState(fixture, owner)?.records.find((r) => r.mint.equals(mint));
    assert.ok(record, `no stake record for ${mint.toBase58()}`);
    return record;
  }

  it("sets the tier root, default and tier weights, lock options and URI", async () => {
    const before = poolState(fixture);
    await update();

    const pool = poolState(fixture);
    assert.deepEqual(pool.tierRoot, Array.from(ROOT));
    assert.equal(pool.defaultTierWeight, 2);
    assert.deepEqual(pool.tierWeights, [5, 0, 7, 1, 2, 3, 4, 9]);
    assert.deepEqual(
      pool.lockOptions.map((o) => [o.durationS, o.multiplierBps]),
      [
        [86_400, 11_000],
        [2_592_000, 15_000],
        [0, 0],
        [31_536_000, 30_000],
      ],
    );
    assert.deepEqual(poolLimitsOf(pool), DEFAULT_POOL_LIMITS, "the same limits, rewritten");
    assert.equal(pool.uriLen, "https://example.org/pool-v2.json".length);
    assert.equal(poolUri(pool), "https://example.org/pool-v2.json");
    assert.ok(
      pool.uri.slice(pool.uriLen).every((byte) => byte === 0),
      "URI tail zero",
    );
    assert.equal(untouchedFields(pool), untouchedFields(before), "nothing else changed");
  });

  it("emits PoolUpdated with the new weights and lock options (audit I-5)", async () => {
    const result = await update({
      defaultTierWeight: 11,
      tierWeights: [2, 5],
      lockOptions: [{ durationS: 86_400, multiplierBps: 15_000 }],
      limits: { maxLockS: 86_400, maxPauseS: 3_600, acceptEditions: true, requireTierProof: false },
    });
    const event = onlyEvent(result, "poolUpdated");
    assert.ok(event.pool.equals(fixture.pool));
    assert.deepEqual(event.tierRoot, Array.from(ROOT));
    assert.equal(event.defaultTierWeight, 11);
    assert.deepEqual(event.tierWeights, [2, 5, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual(
      event.lockOptions.map((option: { durationS: number; multiplierBps: number }) => [
        option.durationS,
        option.multiplierBps,
      ]),
      [
        [86_400, 15_000],
        [0, 0],
        [0, 0],
        [0, 0],
      ],
    );
    assert.equal(event.maxLockS, 86_400);
    assert.equal(event.maxPauseS, 3_600);
    assert.equal(event.flags, 1, "accepts editions");
  });

  it("replaces everything: no root, no tiers, no locks and an empty URI clear the old values", async () => {
    await update({ uri: "u".repeat(MAX_URI_LEN) });
    await update({
      tierRoot: null,
      defaultTierWeight: 1,
      tierWeights: [],
      lockOptions: [],
      uri: "",
    });

    const pool = poolState(fixture);
    assert.deepEqual(pool.tierRoot, new Array(32).fill(0));
    assert.equal(pool.defaultTierWeight, 1);
    assert.deepEqual(pool.tierWeights, new Array(8).fill(0));
    assert.deepEqual(
      pool.lockOptions.map((o) => [o.durationS, o.multiplierBps]),
      new Array(4).fill([0, 0]),
    );
    assert.equal(pool.uriLen, 0);
    assert.deepEqual(pool.uri, new Array(MAX_URI_LEN).fill(0), "old URI bytes wiped");
  });

  it("accepts a 96-byte URI, the bounds of a lock (1 s to maxLockS, ×1.0001 to ×10) and unused (0, 0) slots", async () => {
    const uri = "u".repeat(MAX_URI_LEN);
    assert.equal(MAX_LOCK_MULTIPLIER_BPS, 100_000);
    await update({
      uri,
      lockOptions: [
        { durationS: 1, multiplierBps: 10_001 },
        { durationS: 0, multiplierBps: 0 },
        { durationS: DEFAULT_POOL_LIMITS.maxLockS, multiplierBps: 100_000 },
      ],
    });
    const pool = poolState(fixture);
    assert.equal(poolUri(pool), uri);
    assert.deepEqual(
      pool.lockOptions.map((o) => [o.durationS, o.multiplierBps]),
      [
        [1, 10_001],
        [0, 0],
        [31_536_000, 100_000],
        [0, 0],
      ],
    );
  });

  it("stores the limits it is given, and replaces them on the next update", async () => {
    const before = poolState(fixture);
    assert.deepEqual(poolLimitsOf(before), DEFAULT_POOL_LIMITS);
    const limits: PoolLimitsInput = {
      maxLockS: TWO_YEARS,
      maxPauseS: THIRTY_DAYS,
      acceptEditions: true,
      requireTierProof: true,
    };
    const result = await update({
      limits,
      lockOptions: [{ durationS: TWO_YEARS, multiplierBps: 40_000 }],
    });
    const pool = poolState(fixture);
    assert.equal(pool.maxLockS, TWO_YEARS);
    assert.equal(pool.maxPauseS, THIRTY_DAYS);
    assert.equal(pool.flags, 3, "accepts editions | requires tier proofs");
    assert.deepEqual(poolLimitsOf(pool), limits);
    assert.deepEqual(pool.lockOptions[0], { durationS: TWO_YEARS, multiplierBps: 40_000 });
    assert.equal(untouchedFields(pool), untouchedFields(before), "nothing else changed");
    const event = onlyEvent(result, "poolUpdated");
    assert.equal(event.maxLockS, TWO_YEARS);
    assert.equal(event.maxPauseS, THIRTY_DAYS);
    assert.equal(event.flags, 3);

    // The stored pause limit is the one set_paused applies.
    const authority = fixture.authority.publicKey;
    await asAuthority(setPausedInstruction({ pool: fixture.pool, authority, paused: true }));
    assert.equal(
      poolState(fixture).pausedUntil.toString(),
      String(chain.now() + BigInt(THIRTY_DAYS)),
    );

    const smaller: PoolLimitsInput = {
      maxLockS: 0,
      maxPauseS: 1,
      acceptEditions: false,
      requireTierProof: false,
    };
    await update({ limits: smaller, lockOptions: [] });
    const after = poolState(fixture);
    assert.deepEqual(poolLimitsOf(after), smaller, "a pool without locks, pausing for 1 s");
    assert.equal(after.flags, 0);
  });

  it("keeps the weight of NFTs staked before a change; later stakes get the new weight", async () => {
    const { holder, nfts } = holderWithNfts(fixture, 2);
    const [first, second] = nfts as [TestNft, TestNft];
    await stake(holder, [first]);
    assert.equal(recordOf(holder.publicKey, first.mint).weight.toString(), "30000");

    await update({ tierRoot: null, defaultTierWeight: 7, tierWeights: [], lockOptions: [] });
    assert.equal(
      recordOf(holder.publicKey, first.mint).weight.toString(),
      "30000",
      "record untouched",
    );
    assert.equal(stakerState(fixture, holder.publicKey)?.totalWeight.toString(), "30000");
    assert.equal(poolState(fixture).totalWeight.toString(), "30000");

    await stake(holder, [second]);
    assert.equal(recordOf(holder.publicKey, second.mint).weight.toString(), "70000");
    assert.equal(poolState(fixture).totalWeight.toString(), "100000");

    assertOk(await unstake(holder, [first]));
    assert.equal(
      poolState(fixture).totalWeight.toString(),
      "70000",
      "removes the old weight, 30,000",
    );
    assert.equal(stakerState(fixture, holder.publicKey)?.totalWeight.toString(), "70000");
    const [record] = stakerState(fixture, holder.publicKey)?.records ?? [];
    assert.ok(record?.mint.equals(second.mint));
  });

  it("keeps the lock and boosted weight of NFTs staked under a lock option it removes", async () => {
    await update({
      tierRoot: null,
      defaultTierWeight: 3,
      tierWeights: [],
      lockOptions: [{ durationS: 1_000, multiplierBps: 20_000 }],
    });
    const { holder, nfts } = holderWithNfts(fixture, 1);
    await stake(holder, nfts, 0);
    const staked = recordOf(holder.publicKey, nfts[0]!.mint);
    assert.equal(staked.weight.toString(), "60000");
    assert.equal(staked.multiplierBps, 20_000);
    assert.equal(staked.lockOption, 0);
    assert.equal(staked.tier, DEFAULT_TIER);
    assert.equal(staked.lockUntil.toString(), (chain.now() + 1_000n).toString());

    await update({ tierRoot: null, defaultTierWeight: 1, tierWeights: [], lockOptions: [] });
    const after = recordOf(holder.publicKey, nfts[0]!.mint);
    assert.equal(after.weight.toString(), "60000");
    assert.equal(after.multiplierBps, 20_000);
    assert.equal(after.lockUntil.toString(), staked.lockUntil.toString());

    assertProgramError(await unstake(holder, nfts), "StakeLocked");
    chain.warp(1_000);
    assertOk(await unstake(holder, nfts));
    assert.equal(poolState(fixture).totalWeight.toString(), "0");
    assert.equal(poolState(fixture).stakedCount.toString(), "0");
  });

  it("rejects a signer that is not the pool authority", async () => {
    const other = chain.fundedKeypair();
    const ix = await updatePoolInstruction(params({ authority: other.publicKey }));
    expectRejected(ix, [other], "Unauthorized");
  });

  it("rejects a missing authority signature", async () => {
    const ix = await updatePoolInstruction(params());
    assert.ok(accountMeta(ix, 1).pubkey.equals(fixture.authority.publicKey));
    accountMeta(ix, 1).isSigner = false;
    expectRejected(ix, [], "MissingSignature");
  });

  it("rejects a default tier weight of zero", async () => {
    const ix = await updatePoolInstruction(params({ defaultTierWeight: 0 }));
    expectRejected(ix, [fixture.authority], "InvalidTierWeight");
  });

  /** `update_pool` whose only lock options are `lockOptions` (after a valid first one). */
  const withLocks = (...lockOptions: LockOptionInput[]) =>
    updatePoolInstruction(
      params({ lockOptions: [{ durationS: 60, multiplierBps: 20_000 }, ...lockOptions] }),
    );

  it("rejects a lock multiplier of 1x or less: a lock that adds nothing (InvalidLockMultiplier)", async () => {
    for (const multiplierBps of [10_000, 9_999, 1]) {
      const ix = await withLocks({ durationS: 60, multiplierBps });
      expectRejected(ix, [fixture.authority], "InvalidLockMultiplier");
    }
  });

  it("rejects a lock multiplier above 10x (InvalidLockMultiplier)", async () => {
    const ix = await withLocks({ durationS: 60, multiplierBps: MAX_LOCK_MULTIPLIER_BPS + 1 });
    expectRejected(ix, [fixture.authority], "InvalidLockMultiplier");
  });

  it("rejects a half-used lock slot: a duration without multiplier or the reverse (InvalidLockMultiplier)", async () => {
    for (const option of [
      { durationS: 60, multiplierBps: 0 },
      { durationS: 0, multiplierBps: 20_000 },
    ]) {
      expectRejected(await withLocks(option), [fixture.authority], "InvalidLockMultiplier");
    }
  });

  it("rejects a lock option longer than the pool's maxLockS (LockTooLong)", async () => {
    const tooLong = await withLocks({
      durationS: DEFAULT_POOL_LIMITS.maxLockS + 1,
      multiplierBps: 20_000,
    });
    expectRejected(tooLong, [fixture.authority], "LockTooLong");
    // The limit checked is the one sent in the same update, raised or lowered.
    const lowered = await updatePoolInstruction(
      params({
        limits: { ...DEFAULT_POOL_LIMITS, maxLockS: 1_000 },
        lockOptions: [{ durationS: 1_001, multiplierBps: 20_000 }],
      }),
    );
    expectRejected(lowered, [fixture.authority], "LockTooLong");
    const noLocks = await updatePoolInstruction(
      params({
        limits: { ...DEFAULT_POOL_LIMITS, maxLockS: 0 },
        lockOptions: [{ durationS: 1, multiplierBps: 20_000 }],
      }),
    );
    expectRejected(noLocks, [fixture.authority], "LockTooLong");
  });

  it("rejects a maxLockS above the 2-year cap (LockTooLong)", async () => {
    assert.equal(MAX_LOCK_DURATION_S, TWO_YEARS);
    const ix = await updatePoolInstruction(
      params({ limits: { ...DEFAULT_POOL_LIMITS, maxLockS: TWO_YEARS + 1 }, lockOptions: [] }),
    );
    expectRejected(ix, [fixture.authority], "LockTooLong");
  });

  it("rejects a maxPauseS of 0 or above 30 days (PauseTooLong)", async () => {
    assert.equal(MAX_PAUSE_S, THIRTY_DAYS);
    for (const maxPauseS of [0, THIRTY_DAYS + 1]) {
      const ix = await updatePoolInstruction(
        params({ limits: { ...DEFAULT_POOL_LIMITS, maxPauseS } }),
      );
      expectRejected(ix, [fixture.authority], "PauseTooLong");
    }
  });

  it("rejects a URI longer than 96 bytes", async () => {
    const ix = await updatePoolInstruction(params({ uri: "u".repeat(MAX_URI_LEN + 1) }));
    expectRejected(ix, [fixture.authority], "UriTooLong");
  });

  it("rejects a pool account not owned by the program", async () => {
    for (const impostor of [fixture.authority.publicKey, fixture.collection.mint]) {
      const ix = await updatePoolInstruction(params({ pool: impostor }));
      expectRejected(ix, [fixture.authority], "InvalidPoolAccount");
    }
  });

  it("rejects a program account that is not a pool (a staker account)", async () => {
    const { holder, nfts } = holderWithNfts(fixture, 1);
    await stake(holder, nfts);
    const ix = await updatePoolInstruction(params({ pool: stakerOf(holder.publicKey) }));
    expectRejected(ix, [fixture.authority], "InvalidPoolAccount");
  });

  it("rejects a read-only pool account", async () => {
    const ix = await updatePoolInstruction(params());
    assert.ok(accountMeta(ix, 0).pubkey.equals(fixture.pool));
    accountMeta(ix, 0).isWritable = false;
    expectRejected(ix, [fixture.authority], "AccountNotWritable");
  });

  it("rejects truncated and padded arguments", async () => {
    const ix = await updatePoolInstruction(params());
    expectRejected(truncated(ix), [fixture.authority], "InvalidInstructionData");
    expectRejected(padded(ix), [fixture.authority], "InvalidInstructionData");
  });

  it("rejects a URI that is not UTF-8", async () => {
    const ix = await updatePoolInstruction(params({ uri: "abc" }));
    const data = Buffer.from(ix.data);
    data[data.length - 1] = 0xff;
    expectRejected(
      { ...ix, data } as TransactionInstruction,
      [fixture.authority],
      "InvalidInstructionData",
    );
  });

  it("rejects too few accounts", async () => {
    const ix = await updatePoolInstruction(params());
    ix.keys = ix.keys.slice(0, 1);
    expectRejected(ix, [], "NotEnoughAccounts");
  });
});
