import { strict as assert } from "assert";
import { Keypair, type PublicKey, type TransactionInstruction } from "@solana/web3.js";
import {
  DEFAULT_TIER,
  MAX_URI_LEN,
  poolUri,
  updatePoolInstruction,
  type PoolAccount,
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
  });
}

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
      { durationS: 86_400, multiplierBps: 10_000 },
      { durationS: 2_592_000, multiplierBps: 15_000 },
      { durationS: 0, multiplierBps: 0 },
      { durationS: 31_536_000, multiplierBps: 30_000 },
    ],
    uri: "https://example.org/pool-v2.json",
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
        [86_400, 10_000],
        [2_592_000, 15_000],
        [0, 0],
        [31_536_000, 30_000],
      ],
    );
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

  it("accepts a 96-byte URI, a multiplier of exactly 1x and unused (0) lock slots", async () => {
    const uri = "u".repeat(MAX_URI_LEN);
    await update({
      uri,
      lockOptions: [
        { durationS: 60, multiplierBps: 10_000 },
        { durationS: 120, multiplierBps: 0 },
      ],
    });
    const pool = poolState(fixture);
    assert.equal(poolUri(pool), uri);
    assert.deepEqual(
      pool.lockOptions.map((o) => [o.durationS, o.multiplierBps]),
      [
        [60, 10_000],
        [120, 0],
        [0, 0],
        [0, 0],
      ],
    );
  });

  it("keeps the weight of NFTs staked before a change; later stakes get the new weight", async () => {
    const { holder, nfts } = holderWithNfts(fixture, 2);
    const [first, second] = nfts as [TestNft, TestNft];
    await stake(holder, [first]);
    assert.equal(recordOf(holder.publicKey, first.mint).weight, 3);

    await update({ tierRoot: null, defaultTierWeight: 7, tierWeights: [], lockOptions: [] });
    assert.equal(recordOf(holder.publicKey, first.mint).weight, 3, "record untouched");
    assert.equal(stakerState(fixture, holder.publicKey)?.totalWeight.toString(), "3");
    assert.equal(poolState(fixture).totalWeight.toString(), "3");

    await stake(holder, [second]);
    assert.equal(recordOf(holder.publicKey, second.mint).weight, 7);
    assert.equal(poolState(fixture).totalWeight.toString(), "10");

    assertOk(await unstake(holder, [first]));
    assert.equal(poolState(fixture).totalWeight.toString(), "7", "removes the old weight, 3");
    assert.equal(stakerState(fixture, holder.publicKey)?.totalWeight.toString(), "7");
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
    assert.equal(staked.weight, 6);
    assert.equal(staked.lockOption, 0);
    assert.equal(staked.tier, DEFAULT_TIER);
    assert.equal(staked.lockUntil.toString(), (chain.now() + 1_000n).toString());

    await update({ tierRoot: null, defaultTierWeight: 1, tierWeights: [], lockOptions: [] });
    const after = recordOf(holder.publicKey, nfts[0]!.mint);
    assert.equal(after.weight, 6);
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

  it("rejects a lock multiplier below 1x", async () => {
    const lockOptions = [
      { durationS: 60, multiplierBps: 10_000 },
      { durationS: 60, multiplierBps: 0 },
      { durationS: 60, multiplierBps: 20_000 },
      { durationS: 60, multiplierBps: 9_999 },
    ];
    const ix = await updatePoolInstruction(params({ lockOptions }));
    expectRejected(ix, [fixture.authority], "InvalidLockMultiplier");
    const one = await updatePoolInstruction(
      params({ lockOptions: [{ durationS: 60, multiplierBps: 1 }] }),
    );
    expectRejected(one, [fixture.authority], "InvalidLockMultiplier");
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
