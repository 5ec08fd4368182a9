import { strict as assert } from "assert";
import { getAssociatedTokenAddressSync } from "@solana/spl-token";
import type { Keypair, PublicKey, TransactionInstruction } from "@solana/web3.js";
import {
  STAKER_HEADER_SIZE,
  STAKE_RECORD_SIZE,
  WEIGHT_SCALE,
  closeStakerInstruction,
  findEscrowAddress,
} from "@nft-staking/sdk";
import {
  addStream,
  createCollectionNfts,
  createPool,
  holderWithNfts,
  type PoolFixture,
  poolState,
  setTokenBalance,
  stakeNfts,
  stakerState,
  type TestChain,
  type TestNft,
  tokenBalance,
  unstakeNfts,
} from "@nft-staking/dev-kit";
import { accountMeta, assertOk, onlyEvent, padded } from "../utils/assertions";
import { FEE, START, poolSuite } from "../utils/suite";
import { freezableStream } from "./claim.fixture";

describe("close_staker", () => {
  const suite = poolSuite({ start: START });
  const { lamports, rent, stakerOf, claimIx, expectRejected } = suite;
  let chain: TestChain, fixture: PoolFixture;
  beforeEach(() => ({ chain, fixture } = suite));

  const closeIx = (owner: PublicKey): Promise<TransactionInstruction> =>
    closeStakerInstruction({ pool: fixture.pool, owner });

  /** Unstakes all of `nfts` for `holder` (the holder signs and pays). */
  async function unstakeAll(holder: Keypair, nfts: TestNft[], pool: PoolFixture = fixture) {
    assertOk(await unstakeNfts(pool, holder, nfts));
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
    assertOk(chain.send([await claimIx(holder.publicKey)], [holder]));
  }

  /** A holder who staked `count` NFTs, then unstaked them all (nothing owed: no stream). */
  async function emptiedHolder(count = 1, pool: PoolFixture = fixture) {
    const { holder, nfts } = holderWithNfts(pool, count);
    assertOk(await stakeNfts(pool, holder, nfts));
    await unstakeAll(holder, nfts, pool);
    return { holder, nfts };
  }

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
      const event = onlyEvent(result, "stakerClosed");
      assert.ok(event.pool.equals(fixture.pool));
      assert.ok(event.owner.equals(holder.publicKey));
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
      assert.equal(state.totalWeight.toString(), WEIGHT_SCALE.toString(), "weight 1");
      assert.equal(state.points.toString(), "0");
      assert.equal(state.streams[0]?.owed.toString(), "0");
      assert.equal(state.streams[0]?.claimedTotal.toString(), "0", "history starts over");
      assert.equal(
        lamports(stakerOf(holder.publicKey)),
        rent(STAKER_HEADER_SIZE + STAKE_RECORD_SIZE),
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

    it("closes a staker owed only by a frozen vault once that vault is passed, forfeiting it (L-1)", async () => {
      const held = await freezableStream(fixture, { rate: 10n, fund: 1_000_000n });
      const { holder, nfts } = holderWithNfts(fixture, 1);
      assertOk(await stakeNfts(fixture, holder, nfts));
      chain.warp(100);
      await unstakeAll(holder, nfts);
      assert.equal(stakerState(fixture, holder.publicKey)?.streams[0]?.owed.toString(), "1000");
      held.freeze();
      const vaultMeta = { pubkey: held.vault, isSigner: false, isWritable: false };

      // Without the vault the program cannot see it is frozen: the rewards are still owed.
      expectRejected(await closeIx(holder.publicKey), [holder], "RewardsStillOwed", [held.vault]);
      held.thaw();
      const thawed = await closeIx(holder.publicKey);
      thawed.keys.push(vaultMeta);
      expectRejected(thawed, [holder], "RewardsStillOwed");
      held.freeze();

      const ix = await closeIx(holder.publicKey);
      ix.keys.push(vaultMeta);
      assertOk(chain.send([ix], [holder]));
      assert.equal(chain.account(stakerOf(holder.publicKey)), null, "closed");
      const stream = poolState(fixture).streams[0];
      assert.equal(stream?.owedTotal.toString(), "0", "the 1 000 owed are given up");
      assert.equal(tokenBalance(chain, held.vault), 1_000_000n, "nothing was paid out");
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
      const { mint } = await addStream(fixture, { rate: 10n, fund: 1_000n });
      const { holder, nfts } = holderWithNfts(fixture, 1);
      assertOk(await stakeNfts(fixture, holder, nfts));
      chain.warp(100);
      await unstakeAll(holder, nfts); // settles the 1 000 earned into owed, unpaid
      assert.equal(stakerState(fixture, holder.publicKey)?.streams[0]?.owed.toString(), "1000");
      expectRejected(await closeIx(holder.publicKey), [holder], "RewardsStillOwed");

      await claim(holder);
      assert.equal(tokenBalance(chain, ataOf(holder.publicKey, mint)), 1_000n);
      assertOk(chain.send([await closeIx(holder.publicKey)], [holder]));
    });

    it("rejects another holder signing for an emptied staker (InvalidStakerAccount)", async () => {
      const victim = await emptiedHolder();
      const thief = chain.fundedKeypair();
      const ix = await closeIx(thief.publicKey);
      accountMeta(ix, 1).pubkey = stakerOf(victim.holder.publicKey);
      expectRejected(ix, [thief], "InvalidStakerAccount", [victim.holder.publicKey]);
    });

    it("rejects a signer who passes the owner's staker but is not the owner (InvalidStakerAccount)", async () => {
      const victim = await emptiedHolder();
      const thief = chain.fundedKeypair();
      const ix = await closeIx(victim.holder.publicKey);
      assert.ok(accountMeta(ix, 2).pubkey.equals(victim.holder.publicKey));
      accountMeta(ix, 2).pubkey = thief.publicKey;
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
      accountMeta(ix, 1).pubkey = stakerOf(holder.publicKey, other.pool);
      expectRejected(ix, [holder], "InvalidStakerAccount", [other.pool]);
    });

    it("rejects a holder who has no staker account (StakerNotFound)", async () => {
      const stranger = chain.fundedKeypair();
      expectRejected(await closeIx(stranger.publicKey), [stranger], "StakerNotFound");
    });

    it("rejects a missing owner signature (MissingSignature)", async () => {
      const { holder } = await emptiedHolder();
      const ix = await closeIx(holder.publicKey);
      assert.ok(accountMeta(ix, 2).pubkey.equals(holder.publicKey));
      accountMeta(ix, 2).isSigner = false;
      expectRejected(ix, [], "MissingSignature");
    });

    it("rejects a pool account that is not a pool of this program (InvalidPoolAccount)", async () => {
      const { holder } = await emptiedHolder();
      const ix = await closeIx(holder.publicKey);
      accountMeta(ix, 0).pubkey = fixture.collection.mint;
      expectRejected(ix, [holder], "InvalidPoolAccount", [fixture.pool]);
    });

    it("rejects an account of this program that is not a pool (InvalidPoolAccount)", async () => {
      const { holder } = await emptiedHolder();
      const ix = await closeIx(holder.publicKey);
      accountMeta(ix, 0).pubkey = stakerOf(holder.publicKey);
      expectRejected(ix, [holder], "InvalidPoolAccount", [fixture.pool]);
    });

    it("rejects a read-only pool, staker or owner (AccountNotWritable)", async () => {
      const { holder } = await emptiedHolder();
      for (const index of [0, 1, 2]) {
        const ix = await closeIx(holder.publicKey);
        accountMeta(ix, index).isWritable = false;
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
