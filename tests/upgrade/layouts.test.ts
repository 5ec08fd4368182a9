// Upgrade safety (issue 12, item 5): every account type carries a layout version and reserved
// space, and the program keeps serving accounts written by every shipped layout. Each
// `layout-*.json` here holds the accounts of a small pool exactly as a program of that layout
// wrote them (see capture.ts); the current program must decode them and let the holder claim,
// unstake and close on those very bytes.
import { strict as assert } from "assert";
import fs from "fs";
import path from "path";
import { PublicKey } from "@solana/web3.js";
import {
  IDL,
  closeStakerInstruction,
  decodePool,
  decodeStaker,
  pendingReward,
  findStakerAddress,
  toStreamState,
  unstakeInstruction,
} from "@nft-staking/sdk";
import { TestChain, claimRewardsInto, tokenBalance, type PoolFixture } from "@nft-staking/dev-kit";
import { assertOk, assertRejected } from "../utils/assertions";
import { fixtureHolder, type LayoutFixture } from "./capture";

const fixtures = fs
  .readdirSync(__dirname)
  .filter((name) => name.startsWith("layout-") && name.endsWith(".json"))
  .map((name) => ({
    name,
    fixture: JSON.parse(fs.readFileSync(path.join(__dirname, name), "utf8")) as LayoutFixture,
  }));

/** A chain running the current program with the fixture's accounts, at its clock. */
function load(fixture: LayoutFixture): TestChain {
  const chain = new TestChain();
  chain.warp(BigInt(fixture.writtenAt));
  for (const account of fixture.accounts) {
    chain.svm.setAccount(new PublicKey(account.address), {
      lamports: Number(account.lamports),
      owner: new PublicKey(account.owner),
      executable: account.executable,
      data: Buffer.from(account.data, "base64"),
    });
  }
  chain.svm.airdrop(fixtureHolder(fixture).publicKey, 10n ** 9n);
  return chain;
}

describe("upgrade safety: accounts of every shipped layout", () => {
  it("has a fixture for the current layout versions", () => {
    assert.ok(fixtures.length > 0, "tests/upgrade/layout-*.json");
    assert.ok(
      fixtures.some(({ name }) => name === "layout-pool-v1-staker-v1.json"),
      "the current layout (pool v1, staker v1) has a fixture: run tests/upgrade/capture.ts",
    );
  });

  it("every account type has a version byte or reserved space for later fields", () => {
    const fieldsOf = (name: string) =>
      (
        (IDL.types.find((type) => type.name === name)?.type as { fields?: { name: string }[] })
          ?.fields ?? []
      ).map((field) => field.name);
    for (const [account, fields] of [
      ["Pool", ["version", "reserved"]],
      ["Staker", ["version", "reserved"]],
      ["StakeRecord", ["reserved"]],
      ["Perk", ["reserved"]],
    ] as const) {
      for (const field of fields) {
        assert.ok(fieldsOf(account).includes(field), `${account}.${field}`);
      }
    }
  });

  for (const { name, fixture } of fixtures) {
    describe(name, () => {
      const holder = fixtureHolder(fixture);
      const pool = new PublicKey(fixture.pool);
      const mint = new PublicKey(fixture.rewardMint);
      const staker = () => decodeStaker(Buffer.from(chain.svm.getAccount(stakerAddress)!.data));
      let chain: TestChain;
      let stakerAddress: PublicKey;
      beforeEach(() => {
        chain = load(fixture);
        stakerAddress = findStakerAddress(pool, holder.publicKey)[0];
      });

      it("decodes the pool and the staker with their versions and values", () => {
        const decoded = decodePool(Buffer.from(chain.svm.getAccount(pool)!.data));
        assert.equal(decoded.version, fixture.poolVersion);
        assert.equal(decoded.stakedCount.toString(), String(fixture.nfts.length));
        assert.equal(decoded.streamCount, 1);
        const mine = staker();
        assert.equal(mine.version, fixture.stakerVersion);
        assert.ok(mine.owner.equals(holder.publicKey));
        assert.equal(mine.records.length, fixture.nfts.length);
        assert.equal(mine.totalWeight.toString(), decoded.totalWeight.toString());
      });

      it("claims exactly what the SDK projects from the stored books", async () => {
        const decoded = decodePool(Buffer.from(chain.svm.getAccount(pool)!.data));
        const mine = staker();
        const expected = pendingReward(
          toStreamState(decoded.streams[0]!),
          BigInt(decoded.totalWeight.toString()),
          chain.now(),
          {
            weight: BigInt(mine.totalWeight.toString()),
            checkpoint: BigInt(mine.streams[0]!.checkpointAcc.toString()),
            owed: BigInt(mine.streams[0]!.owed.toString()),
          },
        );
        assert.ok(expected > 0n);
        const fixturePool = { chain, pool } as unknown as PoolFixture;
        assert.deepEqual(await claimRewardsInto(fixturePool, holder, [mint]), [expected]);
      });

      it("unstakes every NFT (the locked one once its lock ends) and closes the staker", async () => {
        const free = fixture.nfts.filter((nft) => !nft.locked);
        const locked = fixture.nfts.filter((nft) => nft.locked);
        const unstake = (nfts: typeof fixture.nfts) =>
          unstakeInstruction({
            pool,
            owner: holder.publicKey,
            nfts: nfts.map((nft) => ({ mint: new PublicKey(nft.mint) })),
          });
        assertOk(chain.send([await unstake(free)], [holder]));
        assertRejected(chain, await unstake(locked), [holder], "StakeLocked");
        const lockUntil = BigInt(staker().records[0]!.lockUntil.toString());
        chain.warp(lockUntil - chain.now());
        assertOk(chain.send([await unstake(locked)], [holder]));
        for (const nft of fixture.nfts) {
          assert.equal(tokenBalance(chain, new PublicKey(nft.tokenAccount)), 1n, nft.mint);
        }
        const fixturePool = { chain, pool } as unknown as PoolFixture;
        await claimRewardsInto(fixturePool, holder, [mint]);
        assertOk(
          chain.send([await closeStakerInstruction({ pool, owner: holder.publicKey })], [holder]),
        );
        assert.equal(chain.account(stakerAddress), null);
      });
    });
  }

  it("refuses a pre-version account (the 1,024-byte pool of 607cc5b) with InvalidPoolAccount", async () => {
    const { fixture } = fixtures[0]!;
    const chain = load(fixture);
    const pool = new PublicKey(fixture.pool);
    const account = chain.svm.getAccount(pool)!;
    chain.svm.setAccount(pool, { ...account, data: Buffer.from(account.data).subarray(0, 1024) });
    const holder = fixtureHolder(fixture);
    const free = fixture.nfts.filter((nft) => !nft.locked);
    const ix = await unstakeInstruction({
      pool,
      owner: holder.publicKey,
      nfts: free.map((nft) => ({ mint: new PublicKey(nft.mint) })),
    });
    assertRejected(chain, ix, [holder], "InvalidPoolAccount");
  });
});
