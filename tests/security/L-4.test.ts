// Review finding L-4 (../shared/AUDIT.md): when one accrual step would overflow, the old guard
// ended the stream at the previous update and dropped the whole step. Accrual now stops at the
// last whole second the vault (at most u64::MAX) covers: the part of the step that fits is paid,
// the stream keeps its schedule, and accrual resumes when funded.
import { strict as assert } from "assert";
import { MAX_TIER_WEIGHT, StreamMode } from "@nft-staking/sdk";
import { addStream, fundStream, poolState, stakerState } from "@nft-staking/dev-kit";
import { START, poolSuite } from "../utils/suite";

describe("security L-4: an accrual step that hits the cap", () => {
  const suite = poolSuite({ start: START, defaultTierWeight: MAX_TIER_WEIGHT });
  const { stakedHolder, claimInto } = suite;

  it("L-4: pays the whole seconds that fit near u64::MAX and keeps the stream's schedule", async () => {
    const { chain, fixture } = suite;
    const rate = 10_000_000_000n; // per whole weight unit per second
    const fund = 10n ** 19n; // more than half of u64::MAX
    const { mint } = await addStream(fixture, {
      mode: StreamMode.FixedPerWeight,
      rate,
      duration: 30 * 86_400,
      fund,
    });
    const endTs = poolState(fixture).streams[0]!.endTs.toString();
    const { holder } = await stakedHolder(2); // 2 × 1e6 whole weight units: 2e16 a second
    chain.warp(1_000); // 2e19 over the step: more than u64::MAX, and more than the vault
    assert.deepEqual(await claimInto(holder, [mint]), [fund], "500 s × 2e16, the part that fits");
    const stream = poolState(fixture).streams[0]!;
    assert.equal(stream.endTs.toString(), endTs, "the stream was not ended");
    assert.equal(stream.lastUpdateTs.toString(), chain.now().toString());

    await fundStream(fixture, 0, mint, 2n * 10n ** 16n);
    chain.warp(1);
    assert.deepEqual(await claimInto(holder, [mint]), [2n * 10n ** 16n], "and resumes when funded");
    assert.equal(stakerState(fixture, holder.publicKey)?.streams[0]?.owed.toString(), "0");
  });

  it("L-4: a partly covered step pays its covered whole seconds, not nothing", async () => {
    const { chain, fixture } = suite;
    const { mint } = await addStream(fixture, {
      mode: StreamMode.SharedEmission,
      rate: 10n,
      fund: 1_005n,
    });
    const { holder } = await stakedHolder(1);
    chain.warp(200);
    assert.deepEqual(await claimInto(holder, [mint]), [1_000n], "100 whole seconds of 10");
  });
});
