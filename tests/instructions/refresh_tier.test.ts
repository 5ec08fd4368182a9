import { strict as assert } from "assert";
import { Keypair, PublicKey, type TransactionInstruction } from "@solana/web3.js";
import {
  TierTree,
  claimInstruction,
  findStakerAddress,
  parseEvents,
  refreshTierInstruction,
  unstakeInstruction,
  verifyTierProof,
  type LockOptionInput,
  type StakerAccount,
} from "@nft-staking/sdk";
import { TestChain } from "../utils/chain";
import { assertOk, assertProgramError, rejecterFor } from "../utils/assertions";
import { createCollectionNfts, tokenBalance, type TestNft } from "../utils/nft";
import {
  addStream,
  configurePool,
  createPool,
  holderWithNfts,
  poolState,
  setTokenBalance,
  stakeNfts,
  stakerState,
  type PoolFixture,
} from "../utils/pool";

/** A realistic unix time to start from (LiteSVM's clock starts at 0). */
const START = 1_700_000_000;

/** A lock option of 1 000 s at 2x. */
const LOCK_2X: LockOptionInput = { durationS: 1_000, multiplierBps: 20_000 };

describe("refresh_tier", () => {
  let chain: TestChain;
  let fixture: PoolFixture;

  beforeEach(async () => {
    chain = new TestChain();
    chain.warp(START);
    fixture = await createPool(chain);
  });

  const lamports = (address: PublicKey): bigint => chain.account(address)?.lamports ?? 0n;
  const stakerOf = (owner: PublicKey): PublicKey => findStakerAddress(fixture.pool, owner)[0];

  /** The holder's decoded staker account (it must exist). */
  function staker(owner: PublicKey): StakerAccount {
    const state = stakerState(fixture, owner);
    assert.ok(state, "staker account missing");
    return state;
  }

  /** The holder's record of `mint` (it must exist). */
  function recordOf(owner: PublicKey, mint: PublicKey) {
    const record = staker(owner).records.find((r) => r.mint.equals(mint));
    assert.ok(record, "record missing");
    return record;
  }

  /** The creator publishes `entries` as the new tier tree, with these weights and locks. */
  async function publish(
    entries: { mint: PublicKey; tier: number }[],
    tierWeights: number[],
    lockOptions: LockOptionInput[] = [],
  ): Promise<TierTree> {
    const tiers = TierTree.fromEntries(entries);
    await configurePool(fixture, { tiers, defaultTierWeight: 1, tierWeights, lockOptions });
    return tiers;
  }

  /** `refresh_tier` of `nft` in `owner`'s staker with `tree`'s proof (or the given one). */
  const refreshIx = (
    owner: PublicKey,
    mint: PublicKey,
    tier: number,
    proof: Uint8Array[],
  ): Promise<TransactionInstruction> =>
    refreshTierInstruction({ pool: fixture.pool, owner, mint, tier, proof });

  /** A holder of `count` NFTs who staked them all at the default tier (weight 1). */
  async function stakedHolder(count: number, lockOption?: number) {
    const { holder, nfts } = holderWithNfts(fixture, count);
    assertOk(await stakeNfts(fixture, holder, nfts, lockOption));
    return { holder, nfts };
  }

  /** Expects `error` and that nothing changed (see `assertRejected`). */
  const expectRejected = rejecterFor(() => chain);

  describe("happy paths", () => {
    it("re-weights a staked NFT under the new tree, paid and signed by a third party", async () => {
      const a = await stakedHolder(2);
      const b = await stakedHolder(1);
      const [raised, kept] = a.nfts as [TestNft, TestNft];
      const [bNft] = b.nfts as [TestNft];
      assert.equal(poolState(fixture).totalWeight.toString(), "3");
      const tree = await publish(
        [
          { mint: raised.mint, tier: 2 },
          { mint: kept.mint, tier: 0 },
          { mint: bNft.mint, tier: 0 },
        ],
        [1, 0, 5],
      );
      const keptBefore = recordOf(a.holder.publicKey, kept.mint);
      const raisedBefore = recordOf(a.holder.publicKey, raised.mint);
      const holderLamports = lamports(a.holder.publicKey);

      const anyone = chain.fundedKeypair();
      const ix = await refreshIx(a.holder.publicKey, raised.mint, 2, tree.proof(raised.mint));
      assert.ok(
        ix.keys.every((key) => !key.isSigner),
        "no owner signature is needed",
      );
      assertOk(chain.send([ix], [anyone]));

      const record = recordOf(a.holder.publicKey, raised.mint);
      assert.equal(record.weight, 5);
      assert.equal(record.tier, 2);
      assert.equal(record.stakedAt.toString(), raisedBefore.stakedAt.toString());
      assert.equal(record.lockUntil.toString(), raisedBefore.lockUntil.toString());
      assert.equal(record.lockOption, raisedBefore.lockOption);
      assert.deepEqual(recordOf(a.holder.publicKey, kept.mint), keptBefore, "other record kept");
      assert.equal(staker(a.holder.publicKey).totalWeight.toString(), "6");
      assert.equal(staker(b.holder.publicKey).totalWeight.toString(), "1");
      const pool = poolState(fixture);
      assert.equal(pool.totalWeight.toString(), "7", "3 − 1 + 5");
      assert.equal(pool.stakedCount.toString(), "3");
      assert.equal(lamports(a.holder.publicKey), holderLamports, "the holder paid nothing");
    });

    it("emits TierRefreshed with the old and new weight", async () => {
      const { holder, nfts } = await stakedHolder(2);
      const [nft, other] = nfts as [TestNft, TestNft];
      const tree = await publish(
        [
          { mint: nft.mint, tier: 3 },
          { mint: other.mint, tier: 0 },
        ],
        [1, 0, 0, 4],
      );
      const result = chain.send(
        [await refreshIx(holder.publicKey, nft.mint, 3, tree.proof(nft.mint))],
        [chain.fundedKeypair()],
      );
      assertOk(result);
      const events = parseEvents(result.logs);
      assert.equal(events.length, 1);
      const [event] = events;
      assert.equal(event?.name, "tierRefreshed");
      if (event?.name !== "tierRefreshed") return;
      assert.ok(event.data.pool.equals(fixture.pool));
      assert.ok(event.data.owner.equals(holder.publicKey));
      assert.ok(event.data.mint.equals(nft.mint));
      assert.equal(event.data.tier, 3);
      assert.equal(event.data.oldWeight, 1);
      assert.equal(event.data.newWeight, 4);
    });

    it("checkpoints rewards at the old weight: claim = rate × (w1 t1 + w2 t2)", async () => {
      const { mint } = await addStream(fixture, { rate: 7n, fund: 10n ** 12n });
      const { holder, nfts } = await stakedHolder(2);
      const [nft, other] = nfts as [TestNft, TestNft];
      const tree = await publish(
        [
          { mint: nft.mint, tier: 1 },
          { mint: other.mint, tier: 0 },
        ],
        [1, 4],
      );
      chain.warp(100); // w1 = 2 for t1 = 100 s
      const ix = await refreshIx(holder.publicKey, nft.mint, 1, tree.proof(nft.mint));
      assertOk(chain.send([ix], [chain.fundedKeypair()]));
      const afterRefresh = staker(holder.publicKey);
      assert.equal(afterRefresh.totalWeight.toString(), "5");
      assert.equal(afterRefresh.streams[0]?.owed.toString(), String(7 * 2 * 100), "checkpointed");
      assert.equal(afterRefresh.points.toString(), String(2 * 100), "points at the old weight");
      assert.equal(afterRefresh.pointsUpdatedTs.toString(), chain.now().toString());

      chain.warp(50); // w2 = 5 for t2 = 50 s
      const destination = setTokenBalance(chain, holder.publicKey, mint, 0n);
      const claim = await claimInstruction({
        pool: fixture.pool,
        poolAccount: poolState(fixture),
        owner: holder.publicKey,
      });
      assertOk(chain.send([claim], [holder]));
      assert.equal(tokenBalance(chain, destination), 7n * (2n * 100n + 5n * 50n));
    });

    it("lowers a weight as well, and a second refresh with the same proof changes nothing", async () => {
      await addStream(fixture, { rate: 3n, fund: 10n ** 12n });
      const { holder, nfts } = holderWithNfts(fixture, 2);
      const [nft, other] = nfts as [TestNft, TestNft];
      const first = await publish(
        [
          { mint: nft.mint, tier: 2 },
          { mint: other.mint, tier: 0 },
        ],
        [1, 0, 6],
      );
      assertOk(
        await stakeNfts(fixture, holder, [
          { mint: nft.mint, tier: 2, proof: first.proof(nft.mint) },
        ]),
      );
      assert.equal(poolState(fixture).totalWeight.toString(), "6");
      const second = await publish(
        [
          { mint: nft.mint, tier: 1 },
          { mint: other.mint, tier: 0 },
        ],
        [1, 2, 6],
      );
      chain.warp(10);
      const ix = await refreshIx(holder.publicKey, nft.mint, 1, second.proof(nft.mint));
      assertOk(chain.send([ix], [chain.fundedKeypair()]));
      assert.equal(recordOf(holder.publicKey, nft.mint).weight, 2);
      assert.equal(poolState(fixture).totalWeight.toString(), "2");
      assert.equal(staker(holder.publicKey).streams[0]?.owed.toString(), String(3 * 6 * 10));

      chain.warp(10);
      const again = await refreshIx(holder.publicKey, nft.mint, 1, second.proof(nft.mint));
      const result = chain.send([again], [chain.fundedKeypair()]);
      assertOk(result);
      const [event] = parseEvents(result.logs);
      assert.ok(event?.name === "tierRefreshed");
      assert.equal(event.data.oldWeight, 2);
      assert.equal(event.data.newWeight, 2);
      assert.equal(poolState(fixture).totalWeight.toString(), "2");
      assert.equal(
        staker(holder.publicKey).streams[0]?.owed.toString(),
        String(3 * (6 * 10 + 2 * 10)),
      );
    });

    it("keeps a locked NFT's lock multiplier: tier weight × the option's 2x", async () => {
      await configurePool(fixture, { lockOptions: [LOCK_2X] });
      const { holder, nfts } = await stakedHolder(2, 0);
      const [nft, other] = nfts as [TestNft, TestNft];
      const before = recordOf(holder.publicKey, nft.mint);
      assert.equal(before.weight, 2);
      const tree = await publish(
        [
          { mint: nft.mint, tier: 1 },
          { mint: other.mint, tier: 0 },
        ],
        [1, 3],
        [LOCK_2X],
      );
      const ix = await refreshIx(holder.publicKey, nft.mint, 1, tree.proof(nft.mint));
      assertOk(chain.send([ix], [chain.fundedKeypair()]));
      const record = recordOf(holder.publicKey, nft.mint);
      assert.equal(record.weight, 6, "3 × 2x");
      assert.equal(record.lockOption, 0);
      assert.equal(record.lockUntil.toString(), before.lockUntil.toString(), "still locked");
      assert.equal(staker(holder.publicKey).totalWeight.toString(), "8");
      assert.equal(poolState(fixture).totalWeight.toString(), "8");

      const unstake = await unstakeInstruction({
        pool: fixture.pool,
        owner: holder.publicKey,
        nfts: [{ mint: nft.mint }],
      });
      assertProgramError(chain.send([unstake], [holder]), "StakeLocked");
    });

    it("applies the option's current multiplier (rounded down), and 1x once the option is gone", async () => {
      await configurePool(fixture, { lockOptions: [LOCK_2X] });
      const { holder, nfts } = await stakedHolder(2, 0);
      const [nft, other] = nfts as [TestNft, TestNft];
      const entries = [
        { mint: nft.mint, tier: 1 },
        { mint: other.mint, tier: 0 },
      ];
      const tree = await publish(entries, [1, 3], [{ durationS: 1_000, multiplierBps: 15_000 }]);
      const ix = await refreshIx(holder.publicKey, nft.mint, 1, tree.proof(nft.mint));
      assertOk(chain.send([ix], [chain.fundedKeypair()]));
      assert.equal(recordOf(holder.publicKey, nft.mint).weight, 4, "⌊3 × 1.5⌋");
      assert.equal(poolState(fixture).totalWeight.toString(), String(4 + 2));

      await publish(entries, [1, 3], []);
      const again = await refreshIx(holder.publicKey, nft.mint, 1, tree.proof(nft.mint));
      assertOk(chain.send([again], [chain.fundedKeypair()]));
      assert.equal(recordOf(holder.publicKey, nft.mint).weight, 3, "the option no longer exists");
      assert.equal(poolState(fixture).totalWeight.toString(), String(3 + 2));
    });

    it("unstaking afterwards removes the new weight: the pool's total weight returns to 0", async () => {
      const a = await stakedHolder(1);
      const b = await stakedHolder(1);
      const [aNft] = a.nfts as [TestNft];
      const [bNft] = b.nfts as [TestNft];
      const tree = await publish(
        [
          { mint: aNft.mint, tier: 4 },
          { mint: bNft.mint, tier: 5 },
        ],
        [1, 0, 0, 0, 9, 2],
      );
      for (const [holder, nft, tier] of [
        [a.holder, aNft, 4],
        [b.holder, bNft, 5],
      ] as const) {
        const ix = await refreshIx(holder.publicKey, nft.mint, tier, tree.proof(nft.mint));
        assertOk(chain.send([ix], [chain.fundedKeypair()]));
      }
      assert.equal(poolState(fixture).totalWeight.toString(), "11");

      for (const { holder, nfts } of [a, b]) {
        const ix = await unstakeInstruction({
          pool: fixture.pool,
          owner: holder.publicKey,
          nfts: nfts.map((nft) => ({ mint: nft.mint })),
        });
        assertOk(chain.send([ix], [holder]));
        assert.equal(staker(holder.publicKey).totalWeight.toString(), "0");
      }
      const pool = poolState(fixture);
      assert.equal(pool.totalWeight.toString(), "0");
      assert.equal(pool.stakedCount.toString(), "0");
    });
  });

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
      const stakerMeta = ix.keys[1];
      assert.ok(stakerMeta);
      stakerMeta.pubkey = findStakerAddress(other.pool, holder.publicKey)[0];
      expectRejected(ix, [], "InvalidStakerAccount", [stakerOf(holder.publicKey), other.pool]);
    });

    it("rejects a staker account that is not one of this program (InvalidStakerAccount)", async () => {
      const { holder, nfts } = await stakedHolder(1);
      const [nft] = nfts as [TestNft];
      const tree = await publish([{ mint: nft.mint, tier: 1 }], [1, 3]);
      const ix = await refreshIx(holder.publicKey, nft.mint, 1, tree.proof(nft.mint));
      const stakerMeta = ix.keys[1];
      assert.ok(stakerMeta);
      stakerMeta.pubkey = nft.tokenAccount;
      expectRejected(ix, [], "InvalidStakerAccount", [stakerOf(holder.publicKey)]);

      const nobody = await refreshIx(Keypair.generate().publicKey, nft.mint, 1, []);
      expectRejected(nobody, [], "InvalidStakerAccount");
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
      const poolMeta = ix.keys[0];
      assert.ok(poolMeta);
      poolMeta.pubkey = fixture.collection.mint;
      expectRejected(ix, [], "InvalidPoolAccount", [fixture.pool]);

      const notAPool = await refreshIx(holder.publicKey, nft.mint, 2, newTree.proof(nft.mint));
      const notAPoolMeta = notAPool.keys[0];
      assert.ok(notAPoolMeta);
      notAPoolMeta.pubkey = stakerOf(holder.publicKey);
      expectRejected(notAPool, [], "InvalidPoolAccount", [fixture.pool]);
    });

    it("rejects a read-only staker or pool (AccountNotWritable)", async () => {
      const { holder, nft, newTree } = await republished();
      for (const index of [1, 0]) {
        const ix = await refreshIx(holder.publicKey, nft.mint, 2, newTree.proof(nft.mint));
        const meta = ix.keys[index];
        assert.ok(meta);
        meta.isWritable = false;
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
      const truncated = { ...ix, data: ix.data.subarray(0, ix.data.length - 1) };
      expectRejected(truncated as TransactionInstruction, [], "InvalidInstructionData");
      const padded = { ...ix, data: Buffer.concat([ix.data, Buffer.from([0])]) };
      expectRejected(padded as TransactionInstruction, [], "InvalidInstructionData");
    });
  });
});
