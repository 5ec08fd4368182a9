import { strict as assert } from "assert";
import { claimInstruction, isStreamStalled } from "@nft-staking/sdk";
import {
  addStream,
  claimRewards,
  createPool,
  fundStream,
  holderWithNfts,
  poolState,
  setTokenBalance,
  stakeNfts,
  stakerState,
  TestChain,
  tokenBalance,
  unstakeNfts,
} from "@nft-staking/dev-kit";
import { assertOk, assertRejected } from "../utils/assertions";

// Review finding M-4: a stream promises only what its vault holds. When the vault runs dry
// accrual stops (the app says so), everything earned is still in the vault for its holder
// whoever claims first, unstaking always works, and funding resumes accrual from then on.
describe("flow: an empty vault never loses rewards or blocks unstake", () => {
  it("stops accruing at what the vault covers, pays all of it, and resumes when funded", async () => {
    const chain = new TestChain();
    const fixture = await createPool(chain);
    const stream = await addStream(fixture, { rate: 10n, fund: 500n });
    const vault = poolState(fixture).streams[0]!.vault;
    const { holder, nfts } = holderWithNfts(fixture, 2);
    assertOk(await stakeNfts(fixture, holder, nfts));
    chain.warp(100); // 2 weight × 10/s: the 500 cover 25 s, then accrual stops
    assert.equal(isStreamStalled(poolState(fixture), 0, chain.now()), true, "shown as stopped");
    const destination = setTokenBalance(chain, holder.publicKey, stream.mint, 0n);
    const claim = () => claimRewards(fixture, holder);

    assertOk(await claim());
    assert.equal(tokenBalance(chain, destination), 500n, "everything earned, from the vault");
    assert.equal(stakerState(fixture, holder.publicKey)?.streams[0]?.owed.toString(), "0");

    assertOk(await unstakeNfts(fixture, holder, [nfts[0]!]));
    assert.equal(tokenBalance(chain, nfts[0]!.tokenAccount), 1n, "the NFT is back");

    chain.warp(1_000); // the vault is empty: nothing accrues, nothing is owed
    const empty = await claimInstruction({
      pool: fixture.pool,
      poolAccount: poolState(fixture),
      owner: holder.publicKey,
    });
    assertRejected(chain, empty, [holder], "NothingToClaim", [destination, vault]);

    await fundStream(fixture, stream.index, stream.mint, 10_000n);
    assert.equal(isStreamStalled(poolState(fixture), 0, chain.now()), false);
    chain.warp(100); // 1 weight × 10/s from the funding on, not for the empty 1,000 s
    assertOk(await claim());
    assert.equal(tokenBalance(chain, destination), 1_500n, "500 + 10/s × 100 s");
    assertOk(await unstakeNfts(fixture, holder, [nfts[1]!]));
    assert.equal(tokenBalance(chain, nfts[1]!.tokenAccount), 1n);
    assert.equal(
      stakerState(fixture, holder.publicKey)?.streams[0]?.claimedTotal.toString(),
      "1500",
    );
    assert.equal(tokenBalance(chain, vault), 10_000n - 1_000n);
  });
});
