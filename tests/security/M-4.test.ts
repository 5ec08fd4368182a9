// Review finding M-4 (../shared/AUDIT.md): fixed-rate rewards were first-come, and the authority
// could give itself a huge weight and drain what holders had earned. Now weights are capped and a
// stream accrues only what its vault covers: earned rewards are always in the vault, whoever
// claims first, and no authority action (weights, locks, streams, surplus, pause, sunset) can
// reduce them.
import { strict as assert } from "assert";
import { createTransferInstruction } from "@solana/spl-token";
import {
  MAX_TIER_WEIGHT,
  StreamMode,
  TierTree,
  isStreamStalled,
  poolLimitsOf,
  setPausedInstruction,
  sunsetPoolInstruction,
  updatePoolInstruction,
  updateRewardStreamInstruction,
  withdrawSurplusInstruction,
} from "@nft-staking/sdk";
import {
  addStream,
  configurePool,
  holderWithNfts,
  poolState,
  setTokenBalance,
  stakeNfts,
  stakerState,
  tokenBalance,
  type TestNft,
} from "@nft-staking/dev-kit";
import { assertOk } from "../utils/assertions";
import { START, poolSuite } from "../utils/suite";

describe("security M-4: earned rewards are always covered by the vault", () => {
  const suite = poolSuite({ start: START });
  const { claimIx, claimInto, expectRejected, asAuthority } = suite;

  it("M-4: the authority's self-assigned huge weight earns nothing the vault does not hold, and the holder is paid in full", async () => {
    const { chain, fixture } = suite;
    const { mint } = await addStream(fixture, {
      mode: StreamMode.FixedPerWeight,
      rate: 1n,
      fund: 1_000n,
    });
    const vault = poolState(fixture).streams[0]!.vault;
    const { holder, nfts } = holderWithNfts(fixture, 1);
    assertOk(await stakeNfts(fixture, holder, nfts));
    chain.warp(1_000); // the holder earned the whole vault

    // The authority lists its own NFT at the top weight and stakes it.
    const { holder: insider, nfts: own } = holderWithNfts(fixture, 1);
    const mine = own[0] as TestNft;
    const tiers = TierTree.fromEntries([{ mint: mine.mint, tier: 0 }]);
    await configurePool(fixture, { tiers, tierWeights: [MAX_TIER_WEIGHT] });
    assertOk(
      await stakeNfts(fixture, insider, [
        { mint: mine.mint, tier: 0, proof: tiers.proof(mine.mint) },
      ]),
    );
    chain.warp(1);
    assert.equal(isStreamStalled(poolState(fixture), 0, chain.now()), true, "the app shows it");
    const insiderAccount = setTokenBalance(chain, insider.publicKey, mint, 0n);
    expectRejected(await claimIx(insider.publicKey), [insider], "NothingToClaim", [
      insiderAccount,
      vault,
    ]);
    assert.deepEqual(await claimInto(holder, [mint]), [1_000n], "all 1,000 earned, paid");
    assert.equal(stakerState(fixture, holder.publicKey)?.streams[0]?.owed.toString(), "0");
    assert.equal(tokenBalance(chain, vault), 0n);
  });

  it("M-4: tokens sent straight to the vault count from then on, never for a past unfunded gap", async () => {
    const { chain, fixture } = suite;
    const { mint } = await addStream(fixture, { rate: 10n, fund: 300n });
    const vault = poolState(fixture).streams[0]!.vault;
    const { holder } = await suite.stakedHolder(1);
    chain.warp(100); // 30 s covered, 70 s unfunded
    const sponsor = chain.fundedKeypair();
    const from = setTokenBalance(chain, sponsor.publicKey, mint, 1_000n);
    assertOk(
      chain.send([createTransferInstruction(from, vault, sponsor.publicKey, 1_000n)], [sponsor]),
    );
    assert.deepEqual(await claimInto(holder, [mint]), [300n], "as if funded now, like fund does");
    chain.warp(10);
    assert.deepEqual(await claimInto(holder, [mint]), [100n]);
  });

  it("M-4: weights above MAX_TIER_WEIGHT are refused (InvalidTierWeight), the pool unchanged", async () => {
    const { fixture } = suite;
    for (const [defaultTierWeight, tierWeights] of [
      [MAX_TIER_WEIGHT + 1, []],
      [1, [MAX_TIER_WEIGHT + 1]],
      [1, [1, 2, 0xffffffff]],
    ] as [number, number[]][]) {
      const ix = await updatePoolInstruction({
        pool: fixture.pool,
        authority: fixture.authority.publicKey,
        tierRoot: null,
        defaultTierWeight,
        tierWeights,
        lockOptions: [],
        uri: "",
        limits: poolLimitsOf(poolState(fixture)),
      });
      expectRejected(ix, [fixture.authority], "InvalidTierWeight");
    }
  });

  it("M-4: no authority action takes what was earned: rate cut, surplus, pause, sunset", async () => {
    const { chain, fixture } = suite;
    const { mint } = await addStream(fixture, {
      mode: StreamMode.FixedPerWeight,
      rate: 10n,
      fund: 100_000n,
    });
    const { holder, nfts } = holderWithNfts(fixture, 2);
    assertOk(await stakeNfts(fixture, holder, nfts));
    chain.warp(100); // earned 10 × 2 × 100 = 2,000
    const authority = fixture.authority.publicKey;
    await asAuthority(
      updateRewardStreamInstruction({
        pool: fixture.pool,
        authority,
        streamIndex: 0,
        rate: 0n,
        endTs: chain.now() + 10n,
      }),
    );
    const vault = poolState(fixture).streams[0]!.vault;
    const destination = setTokenBalance(chain, fixture.authority.publicKey, mint, 0n);
    const withdraw = (amount: bigint) =>
      withdrawSurplusInstruction({
        pool: fixture.pool,
        authority,
        streamIndex: 0,
        rewardMint: mint,
        amount,
        destination,
      });
    expectRejected(await withdraw(98_001n), [fixture.authority], "SurplusExceeded", [vault]);
    await asAuthority(withdraw(98_000n));
    await asAuthority(setPausedInstruction({ pool: fixture.pool, authority, paused: true }));
    await asAuthority(sunsetPoolInstruction({ pool: fixture.pool, authority }));
    assert.deepEqual(await claimInto(holder, [mint]), [2_000n], "paid while paused, once sunset");
    assert.equal(tokenBalance(chain, vault), 0n);
  });
});
