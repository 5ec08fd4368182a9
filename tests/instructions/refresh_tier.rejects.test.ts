import { strict as assert } from "assert";
import { Keypair } from "@solana/web3.js";
import { TierTree, verifyTierProof } from "@nft-staking/sdk";
import {
  configurePool,
  createCollectionNfts,
  createPool,
  holderWithNfts,
  type PoolFixture,
  poolState,
  stakeNfts,
  type TestChain,
  type TestNft,
} from "@nft-staking/dev-kit";
import { accountMeta, assertOk, padded, truncated } from "../utils/assertions";
import { refreshTierFixture } from "./refresh_tier.fixture";

describe("refresh_tier", () => {
  const suite = refreshTierFixture();
  const { stakerOf, publish, refreshIx, stakedHolder, expectRejected } = suite;
  let chain: TestChain, fixture: PoolFixture;
  beforeEach(() => ({ chain, fixture } = suite));

  describe("rejections", () => {
    /** A holder with one NFT staked at tier 1 under tree 1, and tree 2 (tier 2) published. */
    async function republished() {
      const { holder, nfts } = holderWithNfts(fixture, 2);
      const [nft, other] = nfts as [TestNft, TestNft];
      // A third entry, dropped from the new tree, so that old and new proofs differ.
      const oldTree = await publish(
        [
          { mint: nft.mint, tier: 1 },
          { mint: other.mint, tier: 0 },
          { mint: Keypair.generate().publicKey, tier: 0 },
        ],
        [1, 3],
      );
      assertOk(
        await stakeNfts(fixture, holder, [
          { mint: nft.mint, tier: 1, proof: oldTree.proof(nft.mint) },
          { mint: other.mint, tier: 0, proof: oldTree.proof(other.mint) },
        ]),
      );
      const newTree = await publish(
        [
          { mint: nft.mint, tier: 2 },
          { mint: other.mint, tier: 0 },
        ],
        [1, 3, 5],
      );
      return { holder, nft, other, oldTree, newTree };
    }

    it("rejects a stale proof from the old tree (InvalidTierProof)", async () => {
      const { holder, nft, oldTree, newTree } = await republished();
      const ix = await refreshIx(holder.publicKey, nft.mint, 1, oldTree.proof(nft.mint));
      expectRejected(ix, [], "InvalidTierProof");
      assert.equal(verifyTierProof(oldTree.proof(nft.mint), newTree.root, nft.mint, 2), false);
      const claimingNewTier = await refreshIx(
        holder.publicKey,
        nft.mint,
        2,
        oldTree.proof(nft.mint),
      );
      expectRejected(claimingNewTier, [], "InvalidTierProof");
    });

    it("rejects a valid proof with the wrong tier (InvalidTierProof)", async () => {
      const { holder, nft, newTree } = await republished();
      for (const tier of [0, 1]) {
        const ix = await refreshIx(holder.publicKey, nft.mint, tier, newTree.proof(nft.mint));
        expectRejected(ix, [], "InvalidTierProof");
      }
    });

    it("rejects another NFT's proof (InvalidTierProof)", async () => {
      const { holder, nft, other, newTree } = await republished();
      const ix = await refreshIx(holder.publicKey, nft.mint, 0, newTree.proof(other.mint));
      expectRejected(ix, [], "InvalidTierProof");
    });

    it("rejects a tier whose weight is 0, or past the 8 tiers (InvalidTier)", async () => {
      const { holder, nfts } = await stakedHolder(2);
      const [nft, other] = nfts as [TestNft, TestNft];
      const tree = await publish(
        [
          { mint: nft.mint, tier: 5 },
          { mint: other.mint, tier: 0 },
        ],
        [1, 3],
      );
      const ix = await refreshIx(holder.publicKey, nft.mint, 5, tree.proof(nft.mint));
      expectRejected(ix, [], "InvalidTier");
      const pastTiers = await refreshIx(holder.publicKey, nft.mint, 8, tree.proof(nft.mint));
      expectRejected(pastTiers, [], "InvalidTier");
    });

    it("rejects a mint the staker did not stake (NftNotStaked)", async () => {
      const a = await stakedHolder(1);
      const b = await stakedHolder(1);
      const [aNft] = a.nfts as [TestNft];
      const [bNft] = b.nfts as [TestNft];
      const { nfts: unstakedNfts } = holderWithNfts(fixture, 1);
      const [loose] = unstakedNfts as [TestNft];
      const tree = await publish(
        [
          { mint: aNft.mint, tier: 1 },
          { mint: bNft.mint, tier: 1 },
          { mint: loose.mint, tier: 1 },
        ],
        [1, 3],
      );
      const otherHolders = await refreshIx(a.holder.publicKey, bNft.mint, 1, tree.proof(bNft.mint));
      expectRejected(otherHolders, [], "NftNotStaked", [stakerOf(b.holder.publicKey)]);
      const notStaked = await refreshIx(a.holder.publicKey, loose.mint, 1, tree.proof(loose.mint));
      expectRejected(notStaked, [], "NftNotStaked");
    });

    it("rejects the holder's staker account of another pool (InvalidStakerAccount)", async () => {
      const { holder, nfts } = await stakedHolder(1);
      const [nft] = nfts as [TestNft];
      const other = await createPool(chain);
      const [otherNft] = createCollectionNfts(chain, holder.publicKey, other.collection.mint, 1);
      assert.ok(otherNft);
      assertOk(await stakeNfts(other, holder, [otherNft]));
      const tree = await publish(
        [
          { mint: nft.mint, tier: 1 },
          { mint: otherNft.mint, tier: 1 },
        ],
        [1, 3],
      );
      // The other pool's record of `otherNft` must not be re-weighted through this pool.
      const ix = await refreshIx(holder.publicKey, otherNft.mint, 1, tree.proof(otherNft.mint));
      accountMeta(ix, 1).pubkey = stakerOf(holder.publicKey, other.pool);
      expectRejected(ix, [], "InvalidStakerAccount", [stakerOf(holder.publicKey), other.pool]);
    });

    it("rejects a staker account that is not one of this program (InvalidStakerAccount), or none at all (StakerNotFound)", async () => {
      const { holder, nfts } = await stakedHolder(1);
      const [nft] = nfts as [TestNft];
      const tree = await publish([{ mint: nft.mint, tier: 1 }], [1, 3]);
      const ix = await refreshIx(holder.publicKey, nft.mint, 1, tree.proof(nft.mint));
      accountMeta(ix, 1).pubkey = nft.tokenAccount;
      expectRejected(ix, [], "InvalidStakerAccount", [stakerOf(holder.publicKey)]);

      const nobody = await refreshIx(Keypair.generate().publicKey, nft.mint, 1, []);
      expectRejected(nobody, [], "StakerNotFound");
    });

    it("rejects a proof longer than 24 siblings (InvalidTierProof)", async () => {
      const { holder, nft, newTree } = await republished();
      const proof = [
        ...newTree.proof(nft.mint),
        ...Array.from({ length: 24 }, () => new Uint8Array(32)),
      ];
      assert.equal(proof.length, 25);
      const ix = await refreshIx(holder.publicKey, nft.mint, 2, proof);
      expectRejected(ix, [], "InvalidTierProof");
    });

    it("rejects any proof when the pool has no tier root (InvalidTierProof)", async () => {
      const { holder, nfts } = await stakedHolder(2);
      const [nft, other] = nfts as [TestNft, TestNft];
      // The creator's tree, never published: weights only, root left at zero.
      const unpublished = TierTree.fromEntries([
        { mint: nft.mint, tier: 1 },
        { mint: other.mint, tier: 0 },
      ]);
      await configurePool(fixture, { defaultTierWeight: 1, tierWeights: [1, 3] });
      assert.ok(poolState(fixture).tierRoot.every((byte: number) => byte === 0));
      const ix = await refreshIx(holder.publicKey, nft.mint, 1, unpublished.proof(nft.mint));
      expectRejected(ix, [], "InvalidTierProof");
      const empty = await refreshIx(holder.publicKey, nft.mint, 1, []);
      expectRejected(empty, [], "InvalidTierProof");
    });

    it("rejects a pool account that is not a pool of this program (InvalidPoolAccount)", async () => {
      const { holder, nft, newTree } = await republished();
      const ix = await refreshIx(holder.publicKey, nft.mint, 2, newTree.proof(nft.mint));
      accountMeta(ix, 0).pubkey = fixture.collection.mint;
      expectRejected(ix, [], "InvalidPoolAccount", [fixture.pool]);

      const notAPool = await refreshIx(holder.publicKey, nft.mint, 2, newTree.proof(nft.mint));
      accountMeta(notAPool, 0).pubkey = stakerOf(holder.publicKey);
      expectRejected(notAPool, [], "InvalidPoolAccount", [fixture.pool]);
    });

    it("rejects a read-only staker or pool (AccountNotWritable)", async () => {
      const { holder, nft, newTree } = await republished();
      for (const index of [1, 0]) {
        const ix = await refreshIx(holder.publicKey, nft.mint, 2, newTree.proof(nft.mint));
        accountMeta(ix, index).isWritable = false;
        expectRejected(ix, [], "AccountNotWritable");
      }
    });

    it("rejects too few accounts (NotEnoughAccounts)", async () => {
      const { holder, nft, newTree } = await republished();
      const ix = await refreshIx(holder.publicKey, nft.mint, 2, newTree.proof(nft.mint));
      ix.keys = ix.keys.slice(0, 1);
      expectRejected(ix, [], "NotEnoughAccounts", [stakerOf(holder.publicKey)]);
    });

    it("rejects truncated and padded arguments (InvalidInstructionData)", async () => {
      const { holder, nft, newTree } = await republished();
      const ix = await refreshIx(holder.publicKey, nft.mint, 2, newTree.proof(nft.mint));
      expectRejected(truncated(ix), [], "InvalidInstructionData");
      expectRejected(padded(ix), [], "InvalidInstructionData");
    });
  });
});
