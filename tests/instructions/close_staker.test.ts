import { strict as assert } from "assert";
import { getAssociatedTokenAddressSync } from "@solana/spl-token";
import { Keypair, PublicKey, type TransactionInstruction } from "@solana/web3.js";
import {
  STAKER_HEADER_SIZE,
  claimInstruction,
  closeStakerInstruction,
  findEscrowAddress,
  findStakerAddress,
  parseEvents,
  unstakeInstruction,
} from "@nft-staking/sdk";
import {
  addStream,
  createCollectionNfts,
  createPool,
  fundStream,
  holderWithNfts,
  type PoolFixture,
  poolState,
  setTokenBalance,
  stakeNfts,
  stakerState,
  TestChain,
  type TestNft,
  tokenBalance,
} from "@nft-staking/dev-kit";
import { assertOk, padded, rejecterFor } from "../utils/assertions";

/** Lamports of one signature: every transaction here has one fee payer and one fee. */
const FEE = 5000n;

/** A realistic unix time to start from (LiteSVM's clock starts at 0). */
const START = 1_700_000_000;

describe("close_staker", () => {
  let chain: TestChain;
  let fixture: PoolFixture;

  beforeEach(async () => {
    chain = new TestChain();
    chain.warp(START);
    fixture = await createPool(chain);
  });

  const lamports = (address: PublicKey): bigint => chain.account(address)?.lamports ?? 0n;
  const rent = (size: number): bigint => chain.svm.minimumBalanceForRentExemption(BigInt(size));
  const stakerOf = (owner: PublicKey, pool = fixture.pool): PublicKey =>
    findStakerAddress(pool, owner)[0];

  const closeIx = (owner: PublicKey): Promise<TransactionInstruction> =>
    closeStakerInstruction({ pool: fixture.pool, owner });

  /** Unstakes all of `nfts` for `holder` (the holder signs and pays). */
  async function unstakeAll(holder: Keypair, nfts: TestNft[], pool: PoolFixture = fixture) {
    const ix = await unstakeInstruction({
      pool: pool.pool,
      owner: holder.publicKey,
      nfts: nfts.map((nft) => ({ mint: nft.mint })),
    });
    assertOk(chain.send([ix], [holder]));
  }

  /** The holder's associated token account of `mint`. */
  const ataOf = (owner: PublicKey, mint: PublicKey): PublicKey =>
    getAssociatedTokenAddressSync(mint, owner, true);

  /** Claims every stream for `holder` into emptied ATAs (written directly, at no cost to them). */
  async function claim(holder: Keypair) {
    const pool = poolState(fixture);
    for (const stream of pool.streams.slice(0, pool.streamCount)) {
      setTokenBalance(chain, holder.publicKey, stream.mint, 0n);
    }
    const ix = await claimInstruction({
      pool: fixture.pool,
      poolAccount: pool,
      owner: holder.publicKey,
    });
    assertOk(chain.send([ix], [holder]));
  }

  /** A holder who staked `count` NFTs, then unstaked them all (nothing owed: no stream). */
  async function emptiedHolder(count = 1, pool: PoolFixture = fixture) {
    const { holder, nfts } = holderWithNfts(pool, count);
    assertOk(await stakeNfts(pool, holder, nfts));
    await unstakeAll(holder, nfts, pool);
    return { holder, nfts };
  }

  /** Expects `error` and that nothing changed (see `assertRejected`). */
  const expectRejected = rejecterFor(() => chain);

  describe("happy paths", () => {
    it("closes the staker after unstake and claim: every lamport back but the 4 fees", async () => {
      const { mint } = await addStream(fixture, { rate: 10n, fund: 1_000_000n });
      const { holder, nfts } = holderWithNfts(fixture, 2);
      const staker = stakerOf(holder.publicKey);
      const before = lamports(holder.publicKey);

      assertOk(await stakeNfts(fixture, holder, nfts)); // 1
      chain.warp(100);
      await unstakeAll(holder, nfts); // 2
      await claim(holder); // 3
      assert.equal(tokenBalance(chain, ataOf(holder.publicKey, mint)), 2n * 10n * 100n);
      const state = stakerState(fixture, holder.publicKey);
      assert.equal(state?.records.length, 0);
      assert.equal(state?.streams[0]?.owed.toString(), "0");
      assert.equal(lamports(staker), rent(STAKER_HEADER_SIZE), "only the header's rent is left");

      const beforeClose = lamports(holder.publicKey);
      assertOk(chain.send([await closeIx(holder.publicKey)], [holder])); // 4
      assert.equal(chain.account(staker), null, "the account is gone");
      assert.equal(
        lamports(holder.publicKey),
        beforeClose + rent(STAKER_HEADER_SIZE) - FEE,
        "the rent came back to the holder",
      );
      assert.equal(before - lamports(holder.publicKey), 4n * FEE, "only the fees were spent");
      for (const nft of nfts) {
        assert.equal(chain.account(findEscrowAddress(fixture.pool, nft.mint)[0]), null);
        assert.equal(tokenBalance(chain, nft.tokenAccount), 1n);
      }
    });

    it("emits StakerClosed", async () => {
      const { holder } = await emptiedHolder();
      const result = chain.send([await closeIx(holder.publicKey)], [holder]);
      assertOk(result);
      const events = parseEvents(result.logs);
      assert.equal(events.length, 1);
      const [event] = events;
      assert.equal(event?.name, "stakerClosed");
      if (event?.name !== "stakerClosed") return;
      assert.ok(event.data.pool.equals(fixture.pool));
      assert.ok(event.data.owner.equals(holder.publicKey));
    });

    it("lets the holder stake again later: a fresh account that earns from the new stake only", async () => {
      const { mint } = await addStream(fixture, { rate: 10n, fund: 1_000_000n });
      const { holder, nfts } = holderWithNfts(fixture, 1);
      assertOk(await stakeNfts(fixture, holder, nfts));
      chain.warp(100);
      await unstakeAll(holder, nfts);
      await claim(holder);
      assert.equal(
        stakerState(fixture, holder.publicKey)?.streams[0]?.claimedTotal.toString(),
        "1000",
      );
      assertOk(chain.send([await closeIx(holder.publicKey)], [holder]));
      assert.equal(stakerState(fixture, holder.publicKey), null);

      chain.warp(500);
      assertOk(await stakeNfts(fixture, holder, nfts));
      const state = stakerState(fixture, holder.publicKey);
      assert.ok(state);
      assert.equal(state.records.length, 1);
      assert.equal(state.totalWeight.toString(), "1");
      assert.equal(state.points.toString(), "0");
      assert.equal(state.streams[0]?.owed.toString(), "0");
      assert.equal(state.streams[0]?.claimedTotal.toString(), "0", "history starts over");
      assert.equal(
        lamports(stakerOf(holder.publicKey)),
        rent(STAKER_HEADER_SIZE + 56),
        "re-created with one record",
      );

      chain.warp(50);
      await claim(holder);
      assert.equal(
        tokenBalance(chain, ataOf(holder.publicKey, mint)),
        10n * 50n,
        "nothing for the time it was closed",
      );
    });

    it("closes a staker that earned nothing: no stream, or pool with streams but nothing owed", async () => {
      const { holder } = await emptiedHolder(3);
      assertOk(chain.send([await closeIx(holder.publicKey)], [holder]));
      assert.equal(chain.account(stakerOf(holder.publicKey)), null);

      await addStream(fixture, { rate: 10n, fund: 1_000_000n });
      const later = await emptiedHolder(1); // staked and unstaked in the same second
      assertOk(chain.send([await closeIx(later.holder.publicKey)], [later.holder]));
      assert.equal(chain.account(stakerOf(later.holder.publicKey)), null);
      assert.equal(poolState(fixture).streams[0]?.owedTotal.toString(), "0");
    });
  });

  describe("rejections", () => {
    it("rejects a staker with NFTs still staked (StakerNotEmpty)", async () => {
      const { holder, nfts } = holderWithNfts(fixture, 2);
      assertOk(await stakeNfts(fixture, holder, nfts));
      expectRejected(await closeIx(holder.publicKey), [holder], "StakerNotEmpty");
      await unstakeAll(holder, nfts.slice(0, 1));
      expectRejected(await closeIx(holder.publicKey), [holder], "StakerNotEmpty");
    });

    it("rejects a staker still owed rewards (RewardsStillOwed), then closes once paid", async () => {
      const { index, mint } = await addStream(fixture, { rate: 10n }); // empty vault
      const { holder, nfts } = holderWithNfts(fixture, 1);
      assertOk(await stakeNfts(fixture, holder, nfts));
      chain.warp(100);
      await unstakeAll(holder, nfts);
      await claim(holder); // pays 0 from the empty vault
      assert.equal(stakerState(fixture, holder.publicKey)?.streams[0]?.owed.toString(), "1000");
      expectRejected(await closeIx(holder.publicKey), [holder], "RewardsStillOwed");

      await fundStream(fixture, index, mint, 1_000n);
      await claim(holder);
      assert.equal(tokenBalance(chain, ataOf(holder.publicKey, mint)), 1_000n);
      assertOk(chain.send([await closeIx(holder.publicKey)], [holder]));
    });

    it("rejects another holder signing for an emptied staker (InvalidStakerAccount)", async () => {
      const victim = await emptiedHolder();
      const thief = chain.fundedKeypair();
      const ix = await closeIx(thief.publicKey);
      const stakerMeta = ix.keys[1];
      assert.ok(stakerMeta);
      stakerMeta.pubkey = stakerOf(victim.holder.publicKey);
      expectRejected(ix, [thief], "InvalidStakerAccount", [victim.holder.publicKey]);
    });

    it("rejects a signer who passes the owner's staker but is not the owner (InvalidStakerAccount)", async () => {
      const victim = await emptiedHolder();
      const thief = chain.fundedKeypair();
      const ix = await closeIx(victim.holder.publicKey);
      const ownerMeta = ix.keys[2];
      assert.ok(ownerMeta && ownerMeta.pubkey.equals(victim.holder.publicKey));
      ownerMeta.pubkey = thief.publicKey;
      expectRejected(ix, [thief], "InvalidStakerAccount", [victim.holder.publicKey]);
    });

    it("rejects the holder's staker account of another pool (InvalidStakerAccount)", async () => {
      const other = await createPool(chain);
      const holder = chain.fundedKeypair();
      const [otherNft] = createCollectionNfts(chain, holder.publicKey, other.collection.mint, 1);
      assert.ok(otherNft);
      assertOk(await stakeNfts(other, holder, [otherNft]));
      await unstakeAll(holder, [otherNft], other);
      const ix = await closeIx(holder.publicKey);
      const stakerMeta = ix.keys[1];
      assert.ok(stakerMeta);
      stakerMeta.pubkey = stakerOf(holder.publicKey, other.pool);
      expectRejected(ix, [holder], "InvalidStakerAccount", [other.pool]);
    });

    it("rejects a holder who has no staker account (InvalidStakerAccount)", async () => {
      const stranger = chain.fundedKeypair();
      expectRejected(await closeIx(stranger.publicKey), [stranger], "InvalidStakerAccount");
    });

    it("rejects a missing owner signature (MissingSignature)", async () => {
      const { holder } = await emptiedHolder();
      const ix = await closeIx(holder.publicKey);
      const ownerMeta = ix.keys[2];
      assert.ok(ownerMeta && ownerMeta.pubkey.equals(holder.publicKey));
      ownerMeta.isSigner = false;
      expectRejected(ix, [], "MissingSignature");
    });

    it("rejects a pool account that is not a pool of this program (InvalidPoolAccount)", async () => {
      const { holder } = await emptiedHolder();
      const ix = await closeIx(holder.publicKey);
      const poolMeta = ix.keys[0];
      assert.ok(poolMeta);
      poolMeta.pubkey = fixture.collection.mint;
      expectRejected(ix, [holder], "InvalidPoolAccount", [fixture.pool]);
    });

    it("rejects an account of this program that is not a pool (InvalidPoolAccount)", async () => {
      const { holder } = await emptiedHolder();
      const ix = await closeIx(holder.publicKey);
      const poolMeta = ix.keys[0];
      assert.ok(poolMeta);
      poolMeta.pubkey = stakerOf(holder.publicKey);
      expectRejected(ix, [holder], "InvalidPoolAccount", [fixture.pool]);
    });

    it("rejects a read-only pool, staker or owner (AccountNotWritable)", async () => {
      const { holder } = await emptiedHolder();
      for (const index of [0, 1, 2]) {
        const ix = await closeIx(holder.publicKey);
        const meta = ix.keys[index];
        assert.ok(meta);
        meta.isWritable = false;
        expectRejected(ix, [holder], "AccountNotWritable");
      }
    });

    it("rejects too few accounts (NotEnoughAccounts)", async () => {
      const { holder } = await emptiedHolder();
      const ix = await closeIx(holder.publicKey);
      const all = ix.keys.map((key) => key.pubkey);
      ix.keys = ix.keys.slice(0, 2);
      expectRejected(ix, [], "NotEnoughAccounts", all);
    });

    it("rejects instruction data after the discriminator (InvalidInstructionData)", async () => {
      const { holder } = await emptiedHolder();
      const ix = await closeIx(holder.publicKey);
      expectRejected(padded(ix), [holder], "InvalidInstructionData");
    });
  });
});
