import { strict as assert } from "assert";
import {
  addStream,
  claimRewards,
  createPool,
  fundStream,
  holderWithNfts,
  setTokenBalance,
  stakeNfts,
  stakerState,
  TestChain,
  tokenBalance,
  unstakeNfts,
} from "@nft-staking/dev-kit";
import { assertOk } from "../utils/assertions";

describe("flow: an empty vault never loses rewards or blocks unstake", () => {
  it("pays partially, unstakes, and pays the rest after a later fund", async () => {
    const chain = new TestChain();
    const fixture = await createPool(chain);
    const stream = await addStream(fixture, { rate: 10n, fund: 500n });
    const { holder, nfts } = holderWithNfts(fixture, 1);
    assertOk(await stakeNfts(fixture, holder, nfts));
    chain.warp(100); // earned 1_000, vault holds 500
    const destination = setTokenBalance(chain, holder.publicKey, stream.mint, 0n);
    const claim = () => claimRewards(fixture, holder);

    assertOk(await claim());
    assert.equal(tokenBalance(chain, destination), 500n, "pays what the vault has");
    assert.equal(stakerState(fixture, holder.publicKey)?.streams[0]?.owed.toString(), "500");

    assertOk(await unstakeNfts(fixture, holder, [nfts[0]!]));
    assert.equal(tokenBalance(chain, nfts[0]!.tokenAccount), 1n, "the NFT is back");

    chain.warp(1_000); // nothing staked: nothing more accrues
    assertOk(await claim());
    assert.equal(tokenBalance(chain, destination), 500n, "an empty vault pays nothing");
    await fundStream(fixture, stream.index, stream.mint, 10_000n);
    assertOk(await claim());
    assert.equal(tokenBalance(chain, destination), 1_000n, "the rest, and no more");
    assert.equal(stakerState(fixture, holder.publicKey)?.streams[0]?.owed.toString(), "0");
    assert.equal(
      stakerState(fixture, holder.publicKey)?.streams[0]?.claimedTotal.toString(),
      "1000",
    );
  });
});
