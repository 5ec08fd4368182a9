import { strict as assert } from "assert";
import { BN } from "@coral-xyz/anchor";
import { PublicKey } from "@solana/web3.js";
import {
  decodePerk,
  decodePerkReceipt,
  decodePool,
  decodeStaker,
  toBigIntView,
  toPerkReceiptView,
  toPerkView,
  toPoolView,
  toStakerView,
  toStreamState,
  type PoolView,
  type StakerView,
} from "@nft-staking/sdk";
import { addStream } from "@nft-staking/dev-kit";
import { buildWorld, dataOf, type World } from "./world";

/** Asserts `view` is `raw` with every BN as the same bigint, and nothing else changed. */
function assertBigIntOf(raw: unknown, view: unknown, path = "account"): number {
  if (BN.isBN(raw)) {
    assert.equal(typeof view, "bigint", path);
    assert.equal((view as bigint).toString(), raw.toString(), path);
    return 1;
  }
  if (raw instanceof PublicKey) {
    assert.ok(view instanceof PublicKey && view.equals(raw), path);
    return 0;
  }
  if (Array.isArray(raw)) {
    assert.ok(Array.isArray(view) && view.length === raw.length, path);
    return raw.reduce<number>((n, item, i) => n + assertBigIntOf(item, view[i], `${path}.${i}`), 0);
  }
  if (typeof raw === "object" && raw !== null) {
    const record = view as Record<string, unknown>;
    assert.deepEqual(Object.keys(record), Object.keys(raw), path);
    return Object.entries(raw).reduce(
      (n, [key, item]) => n + assertBigIntOf(item, record[key], `${path}.${key}`),
      0,
    );
  }
  assert.equal(view, raw, path);
  return 0;
}

describe("sdk bigint views of decoded accounts", () => {
  let world: World;
  before(async () => {
    world = await buildWorld();
    await addStream(world.own, { rate: 7n, fund: 1_000_000n });
  });

  it("converts every u64/i64/u128 of a pool, its streams and lock options", () => {
    const raw = decodePool(dataOf(world, world.own.pool));
    const view: PoolView = toPoolView(raw);
    const converted = assertBigIntOf(raw, view);
    // pool_id, created_at, staked_count, total_weight, paused_until + 4 streams × 8 wide fields
    assert.equal(converted, 5 + 4 * 8);
    assert.equal(view.stakedCount, 1n);
    assert.equal(view.streams[0]!.rate, 7n);
    assert.equal(typeof view.streamCount, "number");
    assert.ok(BN.isBN(raw.stakedCount), "the decoded account is left as it was");
    // the math's stream state is the same numbers
    const state = toStreamState(raw.streams[0]!);
    assert.equal(state.rate, view.streams[0]!.rate);
    assert.equal(state.accPerWeight, view.streams[0]!.accPerWeight);
  });

  it("converts a staker with its stream checkpoints and records", () => {
    const { address } = world.stakers[0]!;
    const raw = decodeStaker(dataOf(world, address));
    const view: StakerView = toStakerView(raw);
    // points, points_updated_ts, total_weight + 4 streams × 3 + per record lock_until,
    // staked_at and weight (u64: tier weight × multiplier in basis points)
    assert.equal(assertBigIntOf(raw, view), 3 + 4 * 3 + raw.records.length * 3);
    assert.equal(view.records.length, 2);
    assert.equal(typeof view.records[0]!.stakedAt, "bigint");
    assert.equal(typeof view.records[0]!.weight, "bigint");
    assert.equal(typeof view.records[0]!.multiplierBps, "number");
    assert.ok(view.owner.equals(world.holder.publicKey));
  });

  it("converts perks and receipts", () => {
    const perk = decodePerk(dataOf(world, world.ownPerk));
    assert.equal(assertBigIntOf(perk, toPerkView(perk)), 4);
    assert.equal(toPerkView(perk).perkId, 1n);
    const receipt = decodePerkReceipt(dataOf(world, world.receipt));
    assert.equal(assertBigIntOf(receipt, toPerkReceiptView(receipt)), 1);
    assert.equal(toPerkReceiptView(receipt).count, 1);
  });

  it("passes through what is not a BN", () => {
    const bytes = Uint8Array.from([1, 2]);
    assert.deepEqual(toBigIntView({ a: null, b: [new BN(5)], c: bytes, d: "x" }), {
      a: null,
      b: [5n],
      c: bytes,
      d: "x",
    });
  });
});
