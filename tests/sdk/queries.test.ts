import { strict as assert } from "assert";
import fs from "fs";
import os from "os";
import path from "path";
import { Connection, Keypair, PublicKey } from "@solana/web3.js";
import {
  PROGRAM_ID,
  fetchPerks,
  fetchPools,
  fetchStakers,
  findStakerAddress,
  stakingProgram,
} from "@nft-staking/sdk";
import { type Localnet, startLocalnet } from "@nft-staking/localnet";
import { freePortPair } from "@nft-staking/dev-kit";
import { buildWorld, dataOf, type World } from "./world";

const keys = (...addresses: PublicKey[]) => addresses.map((a) => a.toBase58()).sort();
const addressesOf = (found: { address: PublicKey }[]) => keys(...found.map((f) => f.address));

/**
 * The queries over JSON-RPC: the accounts are written by the real program (in LiteSVM, see
 * world.ts), copied into a local chain, and listed with `getProgramAccounts` by the local
 * chain's RPC, which applies the memcmp filters as a validator does.
 */
describe("sdk queries (getProgramAccounts through the local chain)", function () {
  let world: World;
  let dataDir: string;
  let localnet: Localnet;
  let connection: Connection;
  /** The same program deployed under another id, holding copies of the same accounts. */
  const otherId = Keypair.generate().publicKey;
  const other = stakingProgram(undefined, otherId);

  before(async () => {
    world = await buildWorld();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sdk-queries-"));
    localnet = await startLocalnet({ rpcPort: await freePortPair(), dataDir, reset: true });
    connection = new Connection(localnet.rpcUrl, "confirmed");
    for (const address of world.programAccounts) {
      const account = world.chain.svm.getAccount(address);
      assert.ok(account);
      const copy = { ...account, data: dataOf(world, address) };
      localnet.setAccount(address, copy);
      // under the other id, at an unrelated address (only the owner decides what is listed)
      localnet.setAccount(Keypair.generate().publicKey, { ...copy, owner: otherId });
    }
    // a pool-sized account of the program that is no pool (zeroed: no discriminator)
    localnet.setAccount(Keypair.generate().publicKey, {
      ...world.chain.svm.getAccount(world.handed.pool)!,
      data: Buffer.alloc(1024),
    });
  });

  after(async () => {
    await localnet?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("lists pools by authority, pending authority, creator of the pool and collection", async () => {
    const { handed, own, proposed, second } = world;
    assert.deepEqual(
      addressesOf(await fetchPools(connection)),
      keys(handed.pool, own.pool, proposed.pool),
    );
    const byAuthority = await fetchPools(connection, { authority: second.publicKey });
    assert.deepEqual(addressesOf(byAuthority), keys(handed.pool, own.pool), "not its Staker");
    assert.ok(byAuthority.every(({ account }) => account.authority.equals(second.publicKey)));
    assert.deepEqual(
      addressesOf(await fetchPools(connection, { pendingAuthority: second.publicKey })),
      keys(proposed.pool),
    );
    assert.deepEqual(
      addressesOf(await fetchPools(connection, { seedAuthority: second.publicKey })),
      keys(own.pool),
    );
    assert.deepEqual(
      addressesOf(await fetchPools(connection, { collection: handed.collection.mint })),
      keys(handed.pool),
    );
    assert.deepEqual(
      addressesOf(
        await fetchPools(connection, {
          authority: second.publicKey,
          seedAuthority: handed.authority.publicKey,
        }),
      ),
      keys(handed.pool),
    );
    assert.deepEqual(await fetchPools(connection, { authority: Keypair.generate().publicKey }), []);
  });

  it("applies more keys than a validator takes filters for (the rest checked locally)", async () => {
    const { handed, second } = world;
    const all = {
      authority: second.publicKey,
      pendingAuthority: PublicKey.default,
      seedAuthority: handed.authority.publicKey,
      collection: handed.collection.mint,
      creator: PublicKey.default,
    };
    assert.deepEqual(addressesOf(await fetchPools(connection, all)), keys(handed.pool));
    const wrongCreator = { ...all, creator: Keypair.generate().publicKey };
    assert.deepEqual(await fetchPools(connection, wrongCreator), []);
  });

  it("lists a pool's perks by perk id", async () => {
    const perks = await fetchPerks(connection, world.handed.pool);
    assert.deepEqual(
      perks.map(({ account }) => account.perkId.toNumber()),
      [1, 2, 3],
    );
    assert.deepEqual(
      perks.map(({ address }) => address.toBase58()),
      [1n, 2n, 3n].map((id) => world.handedPerks.get(id)!.toBase58()),
    );
    assert.deepEqual(
      addressesOf(await fetchPerks(connection, world.own.pool)),
      keys(world.ownPerk),
    );
    assert.deepEqual(await fetchPerks(connection, world.proposed.pool), []);
  });

  it("lists stakers by pool, by owner, and by both", async () => {
    const { handed, own, holder, second } = world;
    const staker = (pool: PublicKey, owner: PublicKey) => findStakerAddress(pool, owner)[0];
    const ofPool = await fetchStakers(connection, { pool: handed.pool });
    assert.deepEqual(
      addressesOf(ofPool),
      keys(staker(handed.pool, holder.publicKey), staker(handed.pool, second.publicKey)),
    );
    assert.deepEqual(ofPool.map(({ account }) => account.records.length).sort(), [1, 2]);
    const ofHolder = await fetchStakers(connection, { owner: holder.publicKey });
    assert.deepEqual(
      ofHolder.map(({ account }) => account.pool.toBase58()).sort(),
      keys(handed.pool, own.pool),
    );
    assert.deepEqual(
      addressesOf(await fetchStakers(connection, { pool: own.pool, owner: holder.publicKey })),
      keys(staker(own.pool, holder.publicKey)),
    );
    assert.deepEqual(
      await fetchStakers(connection, { pool: own.pool, owner: second.publicKey }),
      [],
    );
    assert.throws(() => fetchStakers(connection, {}), /a pool or an owner/);
  });

  it("queries a deployment under another program id with its program", async () => {
    assert.ok(!otherId.equals(PROGRAM_ID));
    const pools = await fetchPools(connection, { authority: world.second.publicKey }, other);
    assert.equal(pools.length, 2);
    assert.ok(
      pools.every(({ address }) => !address.equals(world.handed.pool)),
      "the copies",
    );
    assert.equal((await fetchPerks(connection, world.handed.pool, other)).length, 3);
    assert.equal(
      (await fetchStakers(connection, { owner: world.holder.publicKey }, other)).length,
      2,
    );
  });
});
