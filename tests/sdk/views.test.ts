import { strict as assert } from "assert";
import type { Connection, Keypair, PublicKey } from "@solana/web3.js";
import {
  StreamMode,
  canRedeem,
  hasAccess,
  WEIGHT_SCALE,
  runway,
  type RedeemCheck,
  type StakingErrorName,
} from "@nft-staking/sdk";
import {
  addStream,
  type PoolFixture,
  poolState,
  stakerState,
  TestChain,
  tokenBalance,
} from "@nft-staking/dev-kit";
import { assertOk, assertRejected } from "../utils/assertions";
import { perkSuite } from "../utils/perks";
import { START } from "../utils/suite";

/** The program error matching each reason `canRedeem` gives. */
const ERROR_OF: Record<Exclude<RedeemCheck, { ok: true }>["reason"], StakingErrorName> = {
  notActive: "PerkNotActive",
  soldOut: "PerkSoldOut",
  notEnoughStaked: "NotEnoughStaked",
  notEnoughPoints: "NotEnoughPoints",
};

/** A `Connection` stand-in that reads accounts straight from the LiteSVM chain. */
function chainConnection(chain: TestChain): Connection {
  const connection = {
    getAccountInfo: (address: PublicKey) => {
      const account = chain.svm.getAccount(address);
      return Promise.resolve(account ? { ...account, data: Buffer.from(account.data) } : null);
    },
  };
  return connection as unknown as Connection;
}

describe("views", () => {
  const suite = perkSuite({
    start: START,
    defaultTierWeight: 2,
    terms: (now) => ({ uri: undefined, costPoints: 400n, minStaked: 2, endTs: now + 1_000n }),
  });
  const { stakedHolder, createPerk, perkState, redeemIx, unstakeIx, claimInto } = suite;
  let chain: TestChain, fixture: PoolFixture, now: bigint;
  beforeEach(() => ({ chain, fixture, now } = suite));

  describe("canRedeem", () => {
    /**
     * Asks `canRedeem` at the chain's current time, then sends the redemption: it must succeed
     * exactly when the view says ok, and otherwise fail with the matching error, changing nothing.
     */
    async function checkAgainstProgram(perk: PublicKey, holder: Keypair): Promise<RedeemCheck> {
      const check = canRedeem(perkState(perk), stakerState(fixture, holder.publicKey), chain.now());
      const ix = await redeemIx(perk, holder.publicKey);
      if (check.ok) assertOk(chain.send([ix], [holder]));
      else assertRejected(chain, ix, [holder], ERROR_OF[check.reason]);
      return check;
    }

    it("is ok when the program accepts, down to the last point", async () => {
      const perk = await createPerk({ costPoints: 400n });
      const { holder } = await stakedHolder(2);
      chain.warp(100); // 2 NFTs × weight 2 × 100 s = 400 points
      assert.deepEqual(await checkAgainstProgram(perk, holder), { ok: true });
      assert.equal(stakerState(fixture, holder.publicKey)?.points.toString(), "0");
    });

    it("says notActive before the start and at the end, as the program does", async () => {
      const perk = await createPerk({ costPoints: 1n, startTs: now + 10n, endTs: now + 20n });
      const { holder } = await stakedHolder(2);
      chain.warp(9);
      assert.deepEqual(await checkAgainstProgram(perk, holder), {
        ok: false,
        reason: "notActive",
      });
      chain.warp(11);
      assert.deepEqual(await checkAgainstProgram(perk, holder), {
        ok: false,
        reason: "notActive",
      });
    });

    it("says soldOut once the cap is reached, as the program does", async () => {
      const perk = await createPerk({ costPoints: 1n, supplyCap: 1 });
      const first = await stakedHolder(2);
      const second = await stakedHolder(2);
      chain.warp(10);
      assert.deepEqual(await checkAgainstProgram(perk, first.holder), { ok: true });
      assert.deepEqual(await checkAgainstProgram(perk, second.holder), {
        ok: false,
        reason: "soldOut",
      });
    });

    it("says notEnoughStaked below min_staked, as the program does", async () => {
      const perk = await createPerk({ costPoints: 1n, minStaked: 3 });
      const { holder } = await stakedHolder(2);
      chain.warp(500);
      assert.deepEqual(await checkAgainstProgram(perk, holder), {
        ok: false,
        reason: "notEnoughStaked",
      });
    });

    it("says notEnoughPoints one point short, as the program does", async () => {
      const perk = await createPerk({ costPoints: 401n });
      const { holder } = await stakedHolder(2);
      chain.warp(100);
      assert.deepEqual(await checkAgainstProgram(perk, holder), {
        ok: false,
        reason: "notEnoughPoints",
      });
      chain.warp(1); // 404 points now
      assert.deepEqual(await checkAgainstProgram(perk, holder), { ok: true });
    });

    it("is never ok for a holder without a staker account, whom the program refuses", async () => {
      const perk = await createPerk({ costPoints: 0n, minStaked: 0 });
      const { holder } = await stakedHolder(0);
      const check = canRedeem(perkState(perk), null, chain.now());
      assert.equal(check.ok, false);
      const ix = await redeemIx(perk, holder.publicKey);
      assertRejected(chain, ix, [holder], "StakerNotFound");
    });
  });

  describe("hasAccess", () => {
    const access = (owner: PublicKey) =>
      hasAccess({ connection: chainConnection(chain), pool: fixture.pool, owner, minStaked: 3 });

    it("is false with no staker account (0 NFTs staked)", async () => {
      const { holder } = await stakedHolder(0);
      assert.equal(stakerState(fixture, holder.publicKey), null);
      assert.equal(await access(holder.publicKey), false);
    });

    it("is false with 2 NFTs staked and true with 3", async () => {
      const two = await stakedHolder(2);
      const three = await stakedHolder(3);
      assert.equal(await access(two.holder.publicKey), false);
      assert.equal(await access(three.holder.publicKey), true);
    });

    it("is false again after unstaking down to 0 (the staker account remains)", async () => {
      const { holder, nfts } = await stakedHolder(3);
      assert.equal(await access(holder.publicKey), true);
      assertOk(chain.send([await unstakeIx(holder.publicKey, nfts)], [holder]));
      assert.equal(stakerState(fixture, holder.publicKey)?.records.length, 0);
      assert.equal(await access(holder.publicKey), false);
    });
  });

  describe("runway", () => {
    const RATE = 7n;

    /** Vault balances of the pool's streams, in order. */
    const vaultBalances = (): bigint[] =>
      poolState(fixture)
        .streams.slice(0, poolState(fixture).streamCount)
        .map((stream) => tokenBalance(chain, stream.vault));

    it("gives (vault − liability) / (rate × weight) seconds, after which the vault is drained", async () => {
      const { mint } = await addStream(fixture, {
        mode: StreamMode.FixedPerWeight,
        rate: RATE,
        fund: 100_000n,
      });
      const holders = [await stakedHolder(3), await stakedHolder(2)];
      const weight = 10n; // 5 NFTs × weight 2, in whole weight units
      assert.equal(poolState(fixture).totalWeight.toString(), (weight * WEIGHT_SCALE).toString());
      chain.warp(100);

      const [view] = runway(poolState(fixture), vaultBalances(), chain.now());
      assert.ok(view);
      const liability = RATE * weight * 100n;
      const secondsLeft = (100_000n - liability) / (RATE * weight);
      assert.equal(view.streamIndex, 0);
      assert.equal(view.uncommitted, 100_000n - liability);
      assert.equal(view.perSecond, RATE * weight);
      assert.equal(view.secondsLeft, secondsLeft);
      assert.equal(secondsLeft, 1_328n);

      chain.warp(secondsLeft);
      let paid = 0n;
      for (const { holder } of holders) {
        const [received] = await claimInto(holder, [mint]);
        paid += received ?? 0n;
        assert.equal(stakerState(fixture, holder.publicKey)?.streams[0]?.owed.toString(), "0");
      }
      const [left] = vaultBalances();
      assert.equal(paid, RATE * weight * (100n + secondsLeft), "everyone was paid in full");
      assert.ok(left !== undefined && left < RATE * weight, `vault left with ${left}`);
      assert.equal(runway(poolState(fixture), vaultBalances(), chain.now())[0]?.secondsLeft, 0n);
    });

    it("is null when the vault outlasts the stream, and counts down when it falls 1 short", async () => {
      const weight = 10n;
      await addStream(fixture, { rate: RATE, duration: 1_000, fund: RATE * weight * 1_000n });
      await addStream(fixture, { rate: RATE, duration: 1_000, fund: RATE * weight * 1_000n - 1n });
      await addStream(fixture, { rate: RATE, duration: 1_000, fund: 10n ** 12n });
      await stakedHolder(5);
      const views = runway(poolState(fixture), vaultBalances(), chain.now());
      assert.deepEqual(
        views.map((view) => view.secondsLeft),
        [null, 999n, null],
      );
      assert.ok(views.every((view) => view.perSecond === RATE * weight));
    });
  });
});
