// Review finding M-3 (../shared/AUDIT.md): the permissionless `refresh_tier` re-applied the
// pool's *current* lock multiplier, so anyone could strip a locked holder's multiplier (or a
// holder could take one they never locked for). A stake keeps the multiplier it was locked
// with; `refresh_tier` changes only the tier weight.
import { strict as assert } from "assert";
import { TierTree, refreshTierInstruction } from "@nft-staking/sdk";
import {
  configurePool,
  holderWithNfts,
  poolState,
  stakeNfts,
  stakerState,
  type TestNft,
} from "@nft-staking/dev-kit";
import { assertOk } from "../utils/assertions";
import { START, poolSuite } from "../utils/suite";

const DAY = 86_400;

describe("security M-3: refresh_tier and the lock multiplier", () => {
  const suite = poolSuite({ start: START });
  const { unstakeIx, expectRejected } = suite;

  /** A holder with one NFT listed at tier 0 (weight `tierWeight`), staked with lock `lock`. */
  async function lockedStake(
    tierWeight: number,
    lock: { durationS: number; multiplierBps: number },
  ) {
    const { fixture } = suite;
    const { holder, nfts } = holderWithNfts(fixture, 1);
    const nft = nfts[0] as TestNft;
    const tiers = TierTree.fromEntries([{ mint: nft.mint, tier: 0 }]);
    await configurePool(fixture, { tiers, tierWeights: [tierWeight], lockOptions: [lock] });
    const input = { mint: nft.mint, tier: 0, proof: tiers.proof(nft.mint) };
    assertOk(await stakeNfts(fixture, holder, [input], 0));
    const refresh = () =>
      refreshTierInstruction({
        pool: fixture.pool,
        owner: holder.publicKey,
        mint: nft.mint,
        tier: 0,
        proof: tiers.proof(nft.mint),
      });
    return { holder, nft, tiers, refresh };
  }

  const weightOf = (owner: Parameters<typeof stakerState>[1]) =>
    stakerState(suite.fixture, owner)?.records[0]?.weight.toString();

  it("M-3: a stranger's refresh after the option was weakened keeps the locked holder's ×3", async () => {
    const { chain, fixture } = suite;
    const { holder, nft, refresh, tiers } = await lockedStake(10, {
      durationS: 90 * DAY,
      multiplierBps: 30_000,
    });
    assert.equal(weightOf(holder.publicKey), "300000", "10 × 3 (in 1/10,000 units)");
    await configurePool(fixture, {
      tiers,
      tierWeights: [10],
      lockOptions: [{ durationS: 7 * DAY, multiplierBps: 10_500 }],
    });
    const stranger = chain.fundedKeypair();
    assertOk(chain.send([await refresh()], [stranger]));
    assert.equal(weightOf(holder.publicKey), "300000", "the multiplier it was locked with");
    assert.equal(stakerState(fixture, holder.publicKey)?.records[0]?.multiplierBps, 30_000);
    assert.equal(poolState(fixture).totalWeight.toString(), "300000");
    chain.warp(30 * DAY);
    expectRejected(await unstakeIx(holder.publicKey, [nft]), [holder], "StakeLocked");
  });

  it("M-3: a holder's own refresh after the option was boosted does not take the new ×5", async () => {
    const { chain, fixture } = suite;
    const { holder, nft, refresh, tiers } = await lockedStake(10, {
      durationS: 7 * DAY,
      multiplierBps: 11_000,
    });
    await configurePool(fixture, {
      tiers,
      tierWeights: [10],
      lockOptions: [{ durationS: 365 * DAY, multiplierBps: 50_000 }],
    });
    assertOk(chain.send([await refresh()], [holder]));
    assert.equal(weightOf(holder.publicKey), "110000", "10 × 1.1, not 10 × 5");
    chain.warp(7 * DAY);
    assertOk(chain.send([await unstakeIx(holder.publicKey, [nft])], [holder]));
    assert.equal(poolState(fixture).totalWeight.toString(), "0");
  });

  it("M-3: refresh changes only the tier weight: new tier weight × the kept multiplier", async () => {
    const { chain, fixture } = suite;
    const { holder, refresh, tiers } = await lockedStake(10, {
      durationS: 30 * DAY,
      multiplierBps: 15_000,
    });
    await configurePool(fixture, { tiers, tierWeights: [7], lockOptions: [] });
    assertOk(chain.send([await refresh()], [chain.fundedKeypair()]));
    assert.equal(weightOf(holder.publicKey), "105000", "7 × 1.5 exactly (no rounding down)");
    assert.equal(poolState(fixture).totalWeight.toString(), "105000");
  });
});
