import { strict as assert } from "assert";
import { findEscrowAddress, findStakerAddress, parseEvents } from "@nft-staking/sdk";
import {
  addStream,
  claimRewards,
  createPool,
  holderWithNfts,
  poolState,
  setTokenBalance,
  stakeNfts,
  stakerState,
  TestChain,
  tokenBalance,
  unstakeNfts,
} from "@nft-staking/dev-kit";
import { assertOk } from "../utils/assertions";
import { FEE } from "../utils/suite";

describe("flow: stake, earn, claim, unstake", () => {
  it("returns the NFT, pays rate × weight × time, and refunds every lamport of rent", async () => {
    const chain = new TestChain();
    const fixture = await createPool(chain);
    const { mint: rewardMint } = await addStream(fixture, { rate: 10n, fund: 1_000_000n });
    const { holder, nfts } = holderWithNfts(fixture, 2);
    const lamportsBefore = chain.account(holder.publicKey)?.lamports ?? 0n;

    const staked = stakeNfts(fixture, holder, nfts);
    const result = await staked;
    assertOk(result);
    assert.equal(tokenBalance(chain, nfts[0]!.tokenAccount), 0n);
    assert.equal(tokenBalance(chain, findEscrowAddress(fixture.pool, nfts[0]!.mint)[0]), 1n);
    assert.equal(
      poolState(fixture).totalWeight.toString(),
      "20000",
      "2 weight units (1/10,000 units)",
    );
    assert.equal(stakerState(fixture, holder.publicKey)?.records.length, 2);
    assert.deepEqual(
      parseEvents(result.logs).map((e) => e.name),
      ["nftStaked", "nftStaked"],
    );

    chain.warp(100);
    const destination = setTokenBalance(chain, holder.publicKey, rewardMint, 0n);
    assertOk(await claimRewards(fixture, holder));
    assert.equal(tokenBalance(chain, destination), 2_000n, "10/s × 2 weight × 100 s");

    assertOk(await unstakeNfts(fixture, holder, nfts));
    assert.equal(tokenBalance(chain, nfts[0]!.tokenAccount), 1n);
    assert.equal(chain.account(findEscrowAddress(fixture.pool, nfts[0]!.mint)[0]), null);
    const staker = stakerState(fixture, holder.publicKey);
    assert.equal(staker?.records.length, 0);
    assert.equal(poolState(fixture).totalWeight.toString(), "0");
    const stakerLamports =
      chain.account(findStakerAddress(fixture.pool, holder.publicKey)[0])?.lamports ?? 0n;
    const lamportsAfter = chain.account(holder.publicKey)?.lamports ?? 0n;
    // Everything but the staker header's rent (refunded by close_staker) and fees came back.
    assert.equal(lamportsBefore - lamportsAfter, stakerLamports + 3n * FEE);
  });
});
