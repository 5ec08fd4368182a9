import { strict as assert } from "assert";
import { BN, utils } from "@coral-xyz/anchor";
import type { IdlType } from "@coral-xyz/anchor/dist/cjs/idl";
import { PublicKey, type GetProgramAccountsFilter } from "@solana/web3.js";
import * as sdk from "@nft-staking/sdk";
import {
  IDL,
  POOL_SIZE,
  STAKER_HEADER_SIZE,
  STAKE_RECORD_SIZE,
  accountDiscriminator,
  accountFieldLayout,
  accountFieldOffset,
  accountSize,
  discriminatorFilter,
  fieldFilter,
  idlFieldLayout,
  idlTypeSize,
  stakingProgram,
  type StakingAccountName,
} from "@nft-staking/sdk";
import { buildWorld, dataOf, type World } from "./world";

/** The camelCased IDL: its field names are the decoded objects' keys. */
const idl = stakingProgram().idl;

/** Every fixed-size leaf of a decoded value, as its dotted path and its expected bytes. */
function leaves(type: IdlType, value: unknown, path: string[] = []): [string, Buffer][] {
  if (typeof type === "string") return [[path.join("."), encodeLeaf(type, value)]];
  if ("array" in type) {
    const [inner] = type.array;
    const items = value as unknown[];
    if (inner === "u8") return [[path.join("."), Buffer.from(items as number[])]];
    return items.flatMap((item, index) => leaves(inner, item, [...path, String(index)]));
  }
  if ("defined" in type) {
    const def = idl.types?.find((candidate) => candidate.name === type.defined.name);
    assert.ok(def && def.type.kind === "struct", `struct ${type.defined.name}`);
    const record = value as Record<string, unknown>;
    return (def.type.fields as { name: string; type: IdlType }[]).flatMap((field) =>
      leaves(field.type, record[field.name], [...path, field.name]),
    );
  }
  return []; // the Staker's records vec: checked record by record below
}

function encodeLeaf(type: string, value: unknown): Buffer {
  const size = idlTypeSize(type as IdlType);
  assert.ok(size !== null, type);
  if (type === "pubkey") return (value as PublicKey).toBuffer();
  if (BN.isBN(value)) return value.toTwos(size * 8).toArrayLike(Buffer, "le", size);
  const out = Buffer.alloc(size);
  if (type === "bool") out[0] = value ? 1 : 0;
  else if (type.startsWith("i")) out.writeIntLE(value as number, 0, size);
  else out.writeUIntLE(value as number, 0, size);
  return out;
}

/** The decoded accounts of the world, by account type. */
function accountsOf(world: World): [StakingAccountName, PublicKey][] {
  return [
    ...[world.handed.pool, world.own.pool, world.proposed.pool].map(
      (address): [StakingAccountName, PublicKey] => ["pool", address],
    ),
    ...world.stakers.map((staker): [StakingAccountName, PublicKey] => ["staker", staker.address]),
    ...[...world.handedPerks.values(), world.ownPerk].map(
      (address): [StakingAccountName, PublicKey] => ["perk", address],
    ),
    ["perkReceipt", world.receipt],
  ];
}

/** Whether a memcmp filter matches the data, as a validator checks it. */
function matches(filter: GetProgramAccountsFilter, data: Buffer): boolean {
  assert.ok("memcmp" in filter);
  const bytes = Buffer.from(utils.bytes.bs58.decode(filter.memcmp.bytes));
  return bytes.equals(data.subarray(filter.memcmp.offset, filter.memcmp.offset + bytes.length));
}

describe("sdk layout (offsets from the IDL) against accounts written by the program", () => {
  let world: World;
  before(async () => {
    world = await buildWorld();
  });

  it("finds every fixed-size field (nested ones too) where the program wrote it", () => {
    let checked = 0;
    for (const [account, address] of accountsOf(world)) {
      const data = dataOf(world, address);
      assert.ok(data.subarray(0, 8).equals(accountDiscriminator(account)), `${account} tag`);
      const decoded = stakingProgram().coder.accounts.decode(account, data);
      const def = idl.accounts.find((entry) => entry.name === account);
      assert.ok(def);
      for (const [path, expected] of leaves({ defined: { name: account } }, decoded)) {
        const { offset, size } = accountFieldLayout(account, path as never);
        assert.equal(size, expected.length, `${account}.${path}: size`);
        assert.deepEqual(data.subarray(offset, offset + expected.length), expected, path);
        checked++;
      }
    }
    assert.ok(checked > 300, `${checked} fields checked`);
  });

  it("finds the staker's records after its header, one record size apart", () => {
    let records = 0;
    for (const { address } of world.stakers) {
      const data = dataOf(world, address);
      const staker = sdk.decodeStaker(data);
      assert.equal(
        data.readUInt32LE(accountFieldOffset("staker", "records")),
        staker.records.length,
      );
      assert.equal(data.length, STAKER_HEADER_SIZE + STAKE_RECORD_SIZE * staker.records.length);
      staker.records.forEach((record, index) => {
        const base = STAKER_HEADER_SIZE + STAKE_RECORD_SIZE * index;
        for (const [path, expected] of leaves({ defined: { name: "stakeRecord" } }, record)) {
          const { offset } = idlFieldLayout("StakeRecord", path);
          assert.deepEqual(data.subarray(base + offset, base + offset + expected.length), expected);
        }
        records++;
      });
    }
    assert.equal(records, 4);
  });

  it("gives the sizes the program allocates", () => {
    assert.equal(POOL_SIZE, 1088);
    assert.equal(accountSize("pool"), dataOf(world, world.handed.pool).length);
    assert.equal(STAKER_HEADER_SIZE, accountSize("staker"));
    assert.equal(accountSize("perk"), dataOf(world, world.ownPerk).length);
    assert.equal(accountSize("perkReceipt"), dataOf(world, world.receipt).length);
    assert.equal(STAKE_RECORD_SIZE, idlTypeSize({ defined: { name: "StakeRecord" } }));
  });

  it("builds the query filters that select exactly the accounts with those keys", () => {
    const { handed, own, proposed, second, holder } = world;
    const all = accountsOf(world).map(([account, address]) => ({
      account,
      address,
      data: dataOf(world, address),
    }));
    const select = (filters: GetProgramAccountsFilter[]) =>
      all
        .filter(({ data }) => filters.every((filter) => matches(filter, data)))
        .map(({ address }) => address.toBase58())
        .sort();
    const keys = (...addresses: PublicKey[]) => addresses.map((a) => a.toBase58()).sort();

    const pools = discriminatorFilter("pool");
    assert.deepEqual(select([pools]), keys(handed.pool, own.pool, proposed.pool));
    assert.deepEqual(
      select([pools, fieldFilter("pool", "authority", second.publicKey)]),
      keys(handed.pool, own.pool),
    );
    // without the discriminator, the authority's offset also matches its Staker's owner
    assert.equal(select([fieldFilter("pool", "authority", second.publicKey)]).length, 3);
    assert.deepEqual(
      select([pools, fieldFilter("pool", "pendingAuthority", second.publicKey)]),
      keys(proposed.pool),
    );
    assert.deepEqual(
      select([pools, fieldFilter("pool", "seedAuthority", handed.authority.publicKey)]),
      keys(handed.pool),
    );
    assert.deepEqual(
      select([pools, fieldFilter("pool", "collection", own.collection.mint)]),
      keys(own.pool),
    );
    assert.deepEqual(
      select([pools, fieldFilter("pool", "creator", PublicKey.default)]),
      keys(handed.pool, own.pool, proposed.pool),
    );

    const perks = discriminatorFilter("perk");
    assert.deepEqual(
      select([perks, fieldFilter("perk", "pool", handed.pool)]),
      keys(...world.handedPerks.values()),
    );
    const stakers = discriminatorFilter("staker");
    const stakerOf = (pool: PublicKey, owner: PublicKey) => sdk.findStakerAddress(pool, owner)[0];
    assert.deepEqual(
      select([stakers, fieldFilter("staker", "pool", handed.pool)]),
      keys(stakerOf(handed.pool, holder.publicKey), stakerOf(handed.pool, second.publicKey)),
    );
    assert.deepEqual(
      select([stakers, fieldFilter("staker", "owner", holder.publicKey)]),
      keys(stakerOf(handed.pool, holder.publicKey), stakerOf(own.pool, holder.publicKey)),
    );
    assert.deepEqual(
      select([
        discriminatorFilter("perkReceipt"),
        fieldFilter("perkReceipt", "owner", holder.publicKey),
      ]),
      keys(world.receipt),
    );
  });
});

describe("sdk layout helpers", () => {
  it("computes offsets from the IDL's type definitions", () => {
    assert.equal(accountFieldOffset("pool", "authority"), 8);
    assert.equal(accountFieldOffset("pool", "pendingAuthority"), 40);
    assert.equal(accountFieldOffset("pool", "pending_authority" as never), 40, "IDL spelling");
    assert.equal(accountFieldOffset("staker", "pool"), 40);
    assert.equal(accountFieldOffset("perk", "pool"), 8);
    // nested: streams[1].mint = streams + one RewardStream
    const stream = idlTypeSize({ defined: { name: "RewardStream" } });
    assert.ok(stream !== null);
    assert.equal(
      accountFieldOffset("pool", "streams.1.mint"),
      accountFieldOffset("pool", "streams") + stream,
    );
    assert.deepEqual(accountFieldLayout("staker", "records"), { offset: 228, size: null });
  });

  it("sizes fixed types and refuses variable ones", () => {
    assert.equal(idlTypeSize("u128"), 16);
    assert.equal(idlTypeSize({ array: [{ defined: { name: "LockOption" } }, 4] }), 32);
    assert.equal(idlTypeSize("string"), null);
    assert.equal(idlTypeSize({ vec: "u8" }), null);
    assert.equal(idlTypeSize({ option: "u64" }), null);
    assert.equal(idlTypeSize({ defined: { name: "Staker" } }), null, "ends in a vec");
    assert.throws(() => accountFieldOffset("pool", "nope" as never), /no field nope/);
    assert.throws(() => accountFieldOffset("pool", "streams.4" as never), /not an index/);
    assert.throws(() => accountFieldOffset("staker", "records.0" as never), /not inside a struct/);
    assert.throws(() => fieldFilter("perk", "minStaked", new PublicKey(1)), /4 bytes, got 32/);
  });

  it("reads every program constant from the IDL, under its Rust name", () => {
    const constants = (
      IDL as unknown as { constants: { name: string; type: string; value: string }[] }
    ).constants;
    assert.ok(constants.length >= 15);
    const exported = sdk as unknown as Record<string, unknown>;
    for (const { name, type, value } of constants) {
      const expected =
        type === "bytes" ? Buffer.from(JSON.parse(value) as number[]) : Number(value);
      assert.deepEqual(exported[name], expected, name);
    }
    assert.equal(sdk.POOL_SEED.toString(), "pool");
    assert.equal(sdk.MAX_BATCH, 16);
    assert.equal(sdk.DEFAULT_TIER, 255);
  });
});
