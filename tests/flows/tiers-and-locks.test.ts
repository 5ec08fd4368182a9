import { strict as assert } from "assert";
import { Keypair } from "@solana/web3.js";
import { StreamMode, TierTree, type StakeNftInput } from "@nft-staking/sdk";
import {
  addStream,
  claimRewardsInto,
  configurePool,
  createCollectionNfts,
  createPool,
  poolState,
  stakeNfts,
  TestChain,
  tokenBalance,
  unstakeNfts,
} from "@nft-staking/dev-kit";
import { assertOk, assertProgramError } from "../utils/assertions";

// Hand-computed scenario. Tiers: 0 → weight 1, 1 → weight 3; default tier weight 1;
// lock option 0: one day at 2x. Streams: FixedPerWeight 10/s and SharedEmission 100/s.
// Weights on chain are tier weight × multiplier in basis points (1/10,000 units).
// t0: Alice stakes a tier-0 NFT unlocked (w 1 = 10_000), Bob a tier-1 NFT locked (w 3 × 2 = 6).
// t0+100: Carol stakes two default-tier NFTs (w 2). t0+300: everyone claims.
//   Fixed:  Alice 1×10×300 = 3_000, Bob 6×10×300 = 18_000, Carol 2×10×200 = 4_000.
//   Shared: acc = ⌊100·100·1e12 / 70_000⌋ + ⌊200·100·1e12 / 90_000⌋ = 365_079_365_079;
//           Alice ⌊10_000·acc/1e12⌋ = 3_650, Bob ⌊60_000·acc/1e12⌋ = 21_904,
//           Carol ⌊20_000·222_222_222_222/1e12⌋ = 4_444 (Σ 29_998 ≤ 30_000 emitted).
describe("flow: holders across tiers and locks", () => {
  it("pays each holder exactly the hand-computed amount and enforces the lock", async () => {
    const chain = new TestChain();
    const fixture = await createPool(chain);
    const [alice, bob, carol] = [
      chain.fundedKeypair(),
      chain.fundedKeypair(),
      chain.fundedKeypair(),
    ];
    const collection = fixture.collection.mint;
    const [aliceNft] = createCollectionNfts(chain, alice!.publicKey, collection, 1);
    const [bobNft] = createCollectionNfts(chain, bob!.publicKey, collection, 1);
    const carolNfts = createCollectionNfts(chain, carol!.publicKey, collection, 2);
    const tiers = TierTree.fromEntries([
      { mint: aliceNft!.mint, tier: 0 },
      { mint: bobNft!.mint, tier: 1 },
    ]);
    await configurePool(fixture, {
      tiers,
      defaultTierWeight: 1,
      tierWeights: [1, 3],
      lockOptions: [{ durationS: 86_400, multiplierBps: 20_000 }],
    });
    const fixed = await addStream(fixture, { rate: 10n, fund: 10n ** 9n });
    const shared = await addStream(fixture, {
      mode: StreamMode.SharedEmission,
      rate: 100n,
      fund: 10n ** 9n,
    });

    const stake = async (owner: Keypair, nfts: StakeNftInput[], lockOption?: number) =>
      assertOk(await stakeNfts(fixture, owner, nfts, lockOption));
    await stake(alice!, [{ mint: aliceNft!.mint, tier: 0, proof: tiers.proof(aliceNft!.mint) }]);
    await stake(bob!, [{ mint: bobNft!.mint, tier: 1, proof: tiers.proof(bobNft!.mint) }], 0);
    chain.warp(100);
    await stake(
      carol!,
      carolNfts.map((nft) => ({ mint: nft.mint })),
    );
    assert.equal(poolState(fixture).totalWeight.toString(), "90000");
    chain.warp(200);

    const expected = new Map([
      [alice!, [3_000n, 3_650n]],
      [bob!, [18_000n, 21_904n]],
      [carol!, [4_000n, 4_444n]],
    ]);
    for (const [holder, [fixedAmount, sharedAmount]] of expected) {
      const [fixedPaid, sharedPaid] = await claimRewardsInto(fixture, holder, [
        fixed.mint,
        shared.mint,
      ]);
      assert.equal(fixedPaid, fixedAmount);
      assert.equal(sharedPaid, sharedAmount);
    }

    assertProgramError(await unstakeNfts(fixture, bob!, [bobNft!]), "StakeLocked");
    chain.warp(86_400);
    assertOk(await unstakeNfts(fixture, bob!, [bobNft!]));
    assert.equal(tokenBalance(chain, bobNft!.tokenAccount), 1n);
  });
});
