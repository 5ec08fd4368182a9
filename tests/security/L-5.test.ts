// Review finding L-5 (../shared/AUDIT.md): a master edition's holder could print new editions
// (Token Metadata copies the verified collection into each print) and stake them at the
// default weight. Prints are refused unless the pool accepts editions, and a pool can require
// a tier proof for every NFT.
import { strict as assert } from "assert";
import { DEFAULT_POOL_LIMITS, TierTree, findEscrowAddress } from "@nft-staking/sdk";
import {
  configurePool,
  createCollectionNfts,
  stakeNfts,
  stakerState,
  tokenBalance,
  type TestNft,
} from "@nft-staking/dev-kit";
import { assertOk } from "../utils/assertions";
import { START, poolSuite } from "../utils/suite";

describe("security L-5: NFTs a holder could mint into eligibility", () => {
  const suite = poolSuite({ start: START });
  const { stakeIx, expectRejected } = suite;

  function print() {
    const holder = suite.chain.fundedKeypair();
    const [nft] = createCollectionNfts(
      suite.chain,
      holder.publicKey,
      suite.fixture.collection.mint,
      1,
      { edition: "print", tokenStandard: 3 },
    ) as [TestNft];
    return { holder, nft };
  }

  it("L-5: refuses a print edition of a collection member by default (PrintEditionNotAccepted)", async () => {
    const { holder, nft } = print();
    const escrow = findEscrowAddress(suite.fixture.pool, nft.mint)[0];
    expectRejected(
      await stakeIx(holder.publicKey, [{ mint: nft.mint }]),
      [holder],
      "PrintEditionNotAccepted",
      [escrow, nft.tokenAccount],
    );
    assert.equal(tokenBalance(suite.chain, nft.tokenAccount), 1n);
  });

  it("L-5: accepts prints once the pool allows editions", async () => {
    await configurePool(suite.fixture, {
      limits: { ...DEFAULT_POOL_LIMITS, acceptEditions: true },
    });
    const { holder, nft } = print();
    assertOk(await stakeNfts(suite.fixture, holder, [nft]));
    assert.equal(stakerState(suite.fixture, holder.publicKey)?.records.length, 1);
  });

  it("L-5: with require_tier_proof, an NFT outside the tier list cannot stake at a default weight (TierProofRequired)", async () => {
    const { chain, fixture } = suite;
    const holder = chain.fundedKeypair();
    const [listed, unlisted] = createCollectionNfts(
      chain,
      holder.publicKey,
      fixture.collection.mint,
      2,
    ) as [TestNft, TestNft];
    const tiers = TierTree.fromEntries([{ mint: listed.mint, tier: 0 }]);
    await configurePool(fixture, {
      tiers,
      tierWeights: [5],
      limits: { ...DEFAULT_POOL_LIMITS, requireTierProof: true },
    });
    expectRejected(
      await stakeIx(holder.publicKey, [{ mint: unlisted.mint }]),
      [holder],
      "TierProofRequired",
      [unlisted.tokenAccount],
    );
    assertOk(
      await stakeNfts(fixture, holder, [
        { mint: listed.mint, tier: 0, proof: tiers.proof(listed.mint) },
      ]),
    );
  });
});
