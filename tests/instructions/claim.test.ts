import { strict as assert } from "assert";
import type { PublicKey } from "@solana/web3.js";
import {
  FIXED_ACC_PER_RATE_SECOND,
  StreamMode,
  WEIGHT_SCALE,
  accrue,
  findRewardVaultAddress,
  liability,
  parseEvents,
  type PoolAccount,
} from "@nft-staking/sdk";
import {
  addStream,
  createPool,
  createRewardMint,
  fundStream,
  type PoolFixture,
  poolState,
  setTokenBalance,
  TestChain,
  tokenBalance,
} from "@nft-staking/dev-kit";
import { assertOk, firstEvent } from "../utils/assertions";
import {
  claimFixture,
  big,
  freezableStream,
  isFrozen,
  streamState,
  projectedClaim,
} from "./claim.fixture";

describe("claim", () => {
  const suite = claimFixture();
  const { claimIx, stakedHolder, staker, expectRejected } = suite;
  let chain: TestChain, fixture: PoolFixture;
  beforeEach(() => ({ chain, fixture } = suite));

  describe("happy paths", () => {
    it("pays FixedPerWeight rate × weight × seconds exactly", async () => {
      // A pool of weight-3 NFTs on a new chain, for the suite's helpers too.
      chain = suite.chain = new TestChain();
      fixture = suite.fixture = await createPool(chain, { defaultTierWeight: 3 });
      const { index, mint } = await addStream(fixture, { rate: 7n, fund: 1_000_000n });
      const { holder, destinations } = await stakedHolder(2, [mint]);
      const [vault] = findRewardVaultAddress(fixture.pool, index);
      chain.warp(100);

      assertOk(chain.send([await claimIx(holder.publicKey)], [holder]));
      const paid = 7n * 6n * 100n;
      assert.equal(tokenBalance(chain, destinations[0] as PublicKey), paid);
      assert.equal(tokenBalance(chain, vault), 1_000_000n - paid);
      const mine = staker(holder.publicKey).streams[0];
      assert.equal(mine?.owed.toString(), "0");
      assert.equal(mine?.claimedTotal.toString(), paid.toString());
      assert.equal(poolState(fixture).streams[0]?.owedTotal.toString(), "0");
    });

    it("splits SharedEmission pro rata (weights 1 and 3), rounding down, as the SDK projects", async () => {
      const { mint } = await addStream(fixture, {
        mode: StreamMode.SharedEmission,
        rate: 7n,
        fund: 1_000_000n,
      });
      const a = await stakedHolder(1, [mint]);
      chain.warp(5); // A alone: 35 units, all A's
      const b = await stakedHolder(3, [mint]);
      chain.warp(10); // 70 units over weight 4: 17.5 for A, 52.5 for B

      const now = chain.now();
      const poolBefore = poolState(fixture);
      assert.equal(
        big(poolBefore.totalWeight),
        4n * WEIGHT_SCALE,
        "weights 1 + 3, in 1/10,000 units",
      );
      const projectedA = projectedClaim(poolBefore, staker(a.holder.publicKey), 0, now);
      const projectedB = projectedClaim(poolBefore, staker(b.holder.publicKey), 0, now);
      const stream = poolBefore.streams[0];
      assert.ok(stream);
      const projectedStream = accrue(streamState(stream), now, big(poolBefore.totalWeight));

      assertOk(chain.send([await claimIx(a.holder.publicKey)], [a.holder]));
      const paidA = tokenBalance(chain, a.destinations[0] as PublicKey);
      assert.equal(paidA, projectedA, "TS projection equals on-chain to the base unit");
      assert.equal(paidA, 52n, "35 + floor(17.5)");
      const streamAfter = poolState(fixture).streams[0];
      assert.ok(streamAfter);
      assert.equal(big(streamAfter.accPerWeight), projectedStream.accPerWeight);
      assert.equal(big(streamAfter.lastUpdateTs), projectedStream.lastUpdateTs);

      assertOk(chain.send([await claimIx(b.holder.publicKey)], [b.holder]));
      const paidB = tokenBalance(chain, b.destinations[0] as PublicKey);
      assert.equal(paidB, projectedB, "TS projection equals on-chain to the base unit");
      assert.equal(paidB, 52n, "floor(3 × 17.5)");

      const settled = streamState(poolState(fixture).streams[0] as PoolAccount["streams"][number]);
      assert.equal(settled.owedTotal, 0n);
      assert.equal(settled.unsettledScaled, 0n, "both holders settled exactly");
      assert.equal(liability(settled), 0n);
      assert.equal(
        tokenBalance(chain, findRewardVaultAddress(fixture.pool, 0)[0]),
        1_000_000n - 104n,
        "105 emitted, 104 paid: the rounding dust stays in the vault",
      );
    });

    it("pays 4 streams at once, each at its own rate and mode", async () => {
      const streams = [
        await addStream(fixture, { rate: 1n, fund: 10n ** 9n }),
        await addStream(fixture, {
          rate: 1_000n,
          fund: 10n ** 9n,
          mint: createRewardMint(chain, 9),
        }),
        await addStream(fixture, { mode: StreamMode.SharedEmission, rate: 500n, fund: 10n ** 9n }),
        await addStream(fixture, { mode: StreamMode.SharedEmission, rate: 3n, fund: 10n ** 9n }),
      ];
      assert.equal(poolState(fixture).streamCount, 4);
      const { holder, destinations } = await stakedHolder(
        2,
        streams.map((s) => s.mint),
      );
      chain.warp(60);
      const result = chain.send([await claimIx(holder.publicKey)], [holder]);
      assertOk(result);
      const expected = [1n * 2n * 60n, 1_000n * 2n * 60n, 500n * 60n, 3n * 60n];
      assert.deepEqual(
        destinations.map((destination) => tokenBalance(chain, destination)),
        expected,
      );
      const mine = staker(holder.publicKey).streams;
      assert.deepEqual(
        mine.map((s) => s.claimedTotal.toString()),
        expected.map(String),
      );
      assert.equal(parseEvents(result.logs).length, 4);
    });

    it("pays nothing for the time a stream was unfunded: funding pays from then on, not the gap", async () => {
      const { index, mint } = await addStream(fixture, { rate: 10n }); // empty vault
      const { holder, destinations } = await stakedHolder(1, [mint]);
      const destination = destinations[0] as PublicKey;
      const [vault] = findRewardVaultAddress(fixture.pool, index);
      chain.warp(100);

      // An unfunded stream earns nothing (review finding M-4): nothing to claim, nothing moves.
      expectRejected(await claimIx(holder.publicKey), [holder], "NothingToClaim");
      const unfunded = poolState(fixture).streams[0];
      assert.equal(unfunded?.accPerWeight.toString(), "0");
      assert.equal(unfunded?.vaultBalance.toString(), "0");

      await fundStream(fixture, index, mint, 5_000n);
      const funded = poolState(fixture).streams[0];
      assert.equal(funded?.accPerWeight.toString(), "0", "the 100 s before funding earn nothing");
      assert.equal(funded?.lastUpdateTs.toString(), chain.now().toString());
      assert.equal(funded?.vaultBalance.toString(), "5000");
      expectRejected(await claimIx(holder.publicKey), [holder], "NothingToClaim");

      chain.warp(10);
      const result = chain.send([await claimIx(holder.publicKey)], [holder]);
      assertOk(result);
      assert.equal(tokenBalance(chain, destination), 10n * 10n, "the 10 s since funding");
      assert.equal(tokenBalance(chain, vault), 5_000n - 100n);
      const mine = staker(holder.publicKey).streams[0];
      assert.equal(mine?.owed.toString(), "0");
      assert.equal(mine?.claimedTotal.toString(), "100");
      const stream = poolState(fixture).streams[0];
      assert.equal(stream?.owedTotal.toString(), "0");
      assert.equal(stream?.vaultBalance.toString(), "4900", "the books follow the vault");
      const event = firstEvent(result, "rewardsClaimed");
      assert.equal(event.amount.toString(), "100");
      assert.equal(event.owed.toString(), "0");
    });

    it("accrues only the whole seconds a short vault covers, pays them all, then stalls", async () => {
      // 7/s at weight 1 against 300 in the vault: 42 s fit (294), the 43rd would need 301.
      const { index, mint } = await addStream(fixture, { rate: 7n, fund: 300n });
      const { holder, destinations } = await stakedHolder(1, [mint]);
      const [vault] = findRewardVaultAddress(fixture.pool, index);
      chain.warp(100);
      const result = chain.send([await claimIx(holder.publicKey)], [holder]);
      assertOk(result);
      assert.equal(tokenBalance(chain, destinations[0] as PublicKey), 294n);
      assert.equal(tokenBalance(chain, vault), 6n, "less than a second's worth, never promised");
      const mine = staker(holder.publicKey).streams[0];
      assert.equal(mine?.owed.toString(), "0", "nothing is owed beyond what the vault held");
      assert.equal(mine?.claimedTotal.toString(), "294");
      const stream = poolState(fixture).streams[0];
      assert.ok(stream);
      assert.equal(stream.owedTotal.toString(), "0");
      assert.equal(stream.vaultBalance.toString(), "6");
      assert.equal(big(stream.accPerWeight), 7n * 42n * FIXED_ACC_PER_RATE_SECOND);
      assert.equal(stream.lastUpdateTs.toString(), chain.now().toString(), "the rest is gone");
      const event = firstEvent(result, "rewardsClaimed");
      assert.equal(event.amount.toString(), "294");
      assert.equal(event.owed.toString(), "0");

      chain.warp(50);
      expectRejected(await claimIx(holder.publicKey), [holder], "NothingToClaim");
    });

    it("accumulates claimedTotal over several claims", async () => {
      const { mint } = await addStream(fixture, { rate: 10n, fund: 1_000_000n });
      const { holder, destinations } = await stakedHolder(1, [mint]);
      chain.warp(100);
      assertOk(chain.send([await claimIx(holder.publicKey)], [holder]));
      assert.equal(staker(holder.publicKey).streams[0]?.claimedTotal.toString(), "1000");
      chain.warp(50);
      assertOk(chain.send([await claimIx(holder.publicKey)], [holder]));
      assert.equal(staker(holder.publicKey).streams[0]?.claimedTotal.toString(), "1500");
      chain.warp(1);
      assertOk(chain.send([await claimIx(holder.publicKey)], [holder]));
      assert.equal(staker(holder.publicKey).streams[0]?.claimedTotal.toString(), "1510");
      assert.equal(tokenBalance(chain, destinations[0] as PublicKey), 1_510n);
    });

    it("emits RewardsClaimed per stream with amount and owed", async () => {
      const first = await addStream(fixture, { rate: 10n, fund: 1_000_000n });
      const second = await addStream(fixture, { rate: 4n, fund: 150n }); // covers 37 s
      const { holder } = await stakedHolder(1, [first.mint, second.mint]);
      chain.warp(100);
      const result = chain.send([await claimIx(holder.publicKey)], [holder]);
      assertOk(result);
      const events = parseEvents(result.logs);
      assert.equal(events.length, 2);
      const expected = [
        { index: 0, mint: first.mint, amount: "1000", owed: "0" },
        { index: 1, mint: second.mint, amount: "148", owed: "0" },
      ];
      events.forEach((event, i) => {
        const want = expected[i];
        assert.ok(want);
        assert.equal(event.name, "rewardsClaimed");
        if (event.name !== "rewardsClaimed") return;
        assert.ok(event.data.pool.equals(fixture.pool));
        assert.ok(event.data.owner.equals(holder.publicKey));
        assert.equal(event.data.streamIndex, want.index);
        assert.ok(event.data.mint.equals(want.mint));
        assert.equal(event.data.amount.toString(), want.amount);
        assert.equal(event.data.owed.toString(), want.owed);
        assert.equal(event.data.claimedAt.toString(), chain.now().toString());
      });
    });

    it("pays 0 from a frozen vault and keeps it owed, without blocking the other streams (L-1)", async () => {
      const open = await addStream(fixture, { rate: 10n, fund: 1_000_000n });
      const held = await freezableStream(fixture, { rate: 4n, fund: 1_000_000n });
      const { holder, destinations } = await stakedHolder(1, [open.mint, held.mint]);
      const [openDestination, heldDestination] = destinations as [PublicKey, PublicKey];
      chain.warp(100);
      held.freeze();
      assert.ok(isFrozen(chain, held.vault));

      const result = chain.send([await claimIx(holder.publicKey)], [holder]);
      assertOk(result);
      assert.equal(tokenBalance(chain, openDestination), 1_000n);
      assert.equal(tokenBalance(chain, heldDestination), 0n);
      assert.equal(tokenBalance(chain, held.vault), 1_000_000n, "nothing left the frozen vault");
      const events = parseEvents(result.logs);
      assert.deepEqual(
        events.map((event) =>
          event.name === "rewardsClaimed"
            ? [event.data.streamIndex, event.data.amount.toString(), event.data.owed.toString()]
            : event.name,
        ),
        [
          [0, "1000", "0"],
          [1, "0", "400"],
        ],
      );
      const mine = staker(holder.publicKey).streams;
      assert.equal(mine[1]?.owed.toString(), "400", "settled and kept owed");
      assert.equal(mine[1]?.claimedTotal.toString(), "0");
      assert.equal(poolState(fixture).streams[1]?.owedTotal.toString(), "400");

      held.thaw();
      chain.warp(10);
      assertOk(chain.send([await claimIx(holder.publicKey)], [holder]));
      assert.equal(tokenBalance(chain, openDestination), 1_100n);
      assert.equal(tokenBalance(chain, heldDestination), 440n, "the 400 owed and 10 s more");
      assert.equal(staker(holder.publicKey).streams[1]?.owed.toString(), "0");
      assert.equal(poolState(fixture).streams[1]?.owedTotal.toString(), "0");
    });

    it("pays a stream added after the holder staked from the stream's start only", async () => {
      const early = await addStream(fixture, { rate: 1n, fund: 1_000_000n });
      const { holder, destinations } = await stakedHolder(2, [early.mint]);
      chain.warp(50);
      const late = await addStream(fixture, { rate: 10n, fund: 1_000_000n });
      const lateDestination = setTokenBalance(chain, holder.publicKey, late.mint, 0n);
      chain.warp(100);
      const now = chain.now();
      const pool = poolState(fixture);
      const projected = projectedClaim(pool, staker(holder.publicKey), 1, now);
      assertOk(chain.send([await claimIx(holder.publicKey)], [holder]));
      assert.equal(tokenBalance(chain, lateDestination), 10n * 2n * 100n);
      assert.equal(tokenBalance(chain, lateDestination), projected);
      assert.equal(tokenBalance(chain, destinations[0] as PublicKey), 1n * 2n * 150n);
      assert.equal(staker(holder.publicKey).streams[1]?.claimedTotal.toString(), "2000");
    });

    it("stops accruing at the stream's end", async () => {
      const { mint } = await addStream(fixture, { rate: 10n, duration: 100, fund: 1_000_000n });
      const { holder, destinations } = await stakedHolder(2, [mint]);
      chain.warp(250);
      assertOk(chain.send([await claimIx(holder.publicKey)], [holder]));
      assert.equal(tokenBalance(chain, destinations[0] as PublicKey), 10n * 2n * 100n);
      const stream = poolState(fixture).streams[0];
      assert.equal(stream?.lastUpdateTs.toString(), stream?.endTs.toString());
      chain.warp(1_000);
      expectRejected(await claimIx(holder.publicKey), [holder], "NothingToClaim");
      assert.equal(tokenBalance(chain, destinations[0] as PublicKey), 2_000n, "nothing more");
    });
  });
});
