import { strict as assert } from "assert";
import { Keypair, PublicKey, SystemProgram } from "@solana/web3.js";
import { projectedPoints } from "@nft-staking/sdk";
import {
  createCollectionNfts,
  createPool,
  holderWithNfts,
  type PoolFixture,
  stakeNfts,
  type TestChain,
} from "@nft-staking/dev-kit";
import { accountMeta, assertOk, padded } from "../utils/assertions";
import { redeemPerkFixture } from "./redeem_perk.fixture";

describe("redeem_perk", () => {
  const suite = redeemPerkFixture();
  const { createPerk, stakedHolder, redeemIx, stakerOf, receiptOf, staker, receiptState } = suite;
  const { expectRejected } = suite;
  let chain: TestChain, fixture: PoolFixture, now: bigint;
  beforeEach(() => ({ chain, fixture, now } = suite));

  describe("rejections", () => {
    /** A perk of 10 points and a holder of 2 NFTs who has staked long enough to afford it. */
    async function affordableRedemption() {
      const perk = await createPerk({ costPoints: 10n });
      const { holder } = await stakedHolder(2);
      chain.warp(100);
      return { perk, holder };
    }

    it("rejects a redemption before the window opens (PerkNotActive)", async () => {
      const perk = await createPerk({ costPoints: 10n, startTs: now + 100n, endTs: now + 200n });
      const { holder } = await stakedHolder(2);
      chain.warp(99);
      expectRejected(await redeemIx(perk, holder.publicKey), [holder], "PerkNotActive");
    });

    it("rejects a redemption at or after the window's end (PerkNotActive)", async () => {
      const perk = await createPerk({ costPoints: 10n, startTs: now, endTs: now + 100n });
      const { holder } = await stakedHolder(2);
      chain.warp(100);
      expectRejected(await redeemIx(perk, holder.publicKey), [holder], "PerkNotActive");
      chain.warp(1_000);
      expectRejected(await redeemIx(perk, holder.publicKey), [holder], "PerkNotActive");
    });

    it("rejects a sold-out perk (PerkSoldOut)", async () => {
      const perk = await createPerk({ costPoints: 10n, supplyCap: 1 });
      const a = await stakedHolder(2);
      const b = await stakedHolder(2);
      chain.warp(10);
      assertOk(chain.send([await redeemIx(perk, a.holder.publicKey)], [a.holder]));
      expectRejected(await redeemIx(perk, b.holder.publicKey), [b.holder], "PerkSoldOut");
      expectRejected(await redeemIx(perk, a.holder.publicKey), [a.holder], "PerkSoldOut");
    });

    it("rejects a holder with fewer staked NFTs than min_staked (NotEnoughStaked)", async () => {
      const perk = await createPerk({ costPoints: 10n, minStaked: 3 });
      const { holder } = await stakedHolder(2);
      chain.warp(10_000);
      expectRejected(await redeemIx(perk, holder.publicKey), [holder], "NotEnoughStaked");
    });

    it("rejects a holder one point short (NotEnoughPoints)", async () => {
      const perk = await createPerk({ costPoints: 601n });
      const { holder } = await stakedHolder(2);
      chain.warp(100);
      assert.equal(projectedPoints(staker(holder.publicKey), chain.now()), 600n);
      expectRejected(await redeemIx(perk, holder.publicKey), [holder], "NotEnoughPoints");
    });

    it("rejects another holder's staker account (InvalidStakerAccount)", async () => {
      const perk = await createPerk({ costPoints: 10n });
      const a = await stakedHolder(2);
      const b = chain.fundedKeypair();
      chain.warp(100);
      const ix = await redeemIx(perk, b.publicKey);
      assert.ok(accountMeta(ix, 2).pubkey.equals(stakerOf(b.publicKey)));
      accountMeta(ix, 2).pubkey = stakerOf(a.holder.publicKey);
      expectRejected(ix, [b], "InvalidStakerAccount", [receiptOf(perk, a.holder.publicKey)]);
    });

    it("rejects a holder who never staked (StakerNotFound), and a staker of another pool (InvalidStakerAccount)", async () => {
      const perk = await createPerk({ costPoints: 10n, minStaked: 0 });
      const stranger = chain.fundedKeypair();
      expectRejected(await redeemIx(perk, stranger.publicKey), [stranger], "StakerNotFound");

      const other = await createPool(chain);
      const { holder } = holderWithNfts(other, 0);
      const otherNfts = createCollectionNfts(chain, holder.publicKey, other.collection.mint, 2);
      assertOk(await stakeNfts(other, holder, otherNfts));
      chain.warp(100);
      const ix = await redeemIx(perk, holder.publicKey);
      accountMeta(ix, 2).pubkey = stakerOf(holder.publicKey, other.pool);
      expectRejected(ix, [holder], "InvalidStakerAccount", [stakerOf(holder.publicKey)]);
    });

    it("rejects a receipt address that is not the receipt PDA (InvalidReceiptAccount)", async () => {
      const perk = await createPerk({ costPoints: 10n });
      const other = await createPerk({ costPoints: 10n }, 2n);
      const { holder } = await stakedHolder(2);
      chain.warp(100);

      const random = await redeemIx(perk, holder.publicKey);
      assert.ok(accountMeta(random, 3).pubkey.equals(receiptOf(perk, holder.publicKey)));
      accountMeta(random, 3).pubkey = Keypair.generate().publicKey;
      expectRejected(random, [holder], "InvalidReceiptAccount", [
        receiptOf(perk, holder.publicKey),
      ]);

      // The holder's (not yet existing) receipt PDA of another perk.
      const otherPerk = await redeemIx(perk, holder.publicKey);
      accountMeta(otherPerk, 3).pubkey = receiptOf(other, holder.publicKey);
      expectRejected(otherPerk, [holder], "InvalidReceiptAccount", [
        receiptOf(perk, holder.publicKey),
      ]);
    });

    it("rejects another holder's existing receipt (InvalidReceiptAccount)", async () => {
      const perk = await createPerk({ costPoints: 10n });
      const a = await stakedHolder(2);
      const b = await stakedHolder(2);
      chain.warp(100);
      assertOk(chain.send([await redeemIx(perk, b.holder.publicKey)], [b.holder]));
      const ix = await redeemIx(perk, a.holder.publicKey);
      accountMeta(ix, 3).pubkey = receiptOf(perk, b.holder.publicKey);
      expectRejected(ix, [a.holder], "InvalidReceiptAccount", [
        receiptOf(perk, a.holder.publicKey),
      ]);
      assert.equal(receiptState(perk, b.holder.publicKey).count, 1);
    });

    it("rejects the holder's own existing receipt of another perk (InvalidReceiptAccount)", async () => {
      const perk = await createPerk({ costPoints: 10n });
      const other = await createPerk({ costPoints: 10n }, 2n);
      const { holder } = await stakedHolder(2);
      chain.warp(100);
      assertOk(chain.send([await redeemIx(other, holder.publicKey)], [holder]));
      const ix = await redeemIx(perk, holder.publicKey);
      accountMeta(ix, 3).pubkey = receiptOf(other, holder.publicKey);
      expectRejected(ix, [holder], "InvalidReceiptAccount", [receiptOf(perk, holder.publicKey)]);
    });

    it("rejects a program account that is not a receipt (InvalidReceiptAccount)", async () => {
      const perk = await createPerk({ costPoints: 10n });
      const other = await createPerk({ costPoints: 10n }, 2n);
      const { holder } = await stakedHolder(2);
      chain.warp(100);
      const ix = await redeemIx(perk, holder.publicKey);
      accountMeta(ix, 3).pubkey = other;
      expectRejected(ix, [holder], "InvalidReceiptAccount", [receiptOf(perk, holder.publicKey)]);
    });

    it("rejects a perk of another pool (InvalidPerkAccount)", async () => {
      const other = await createPool(chain);
      const foreign = await createPerk({ costPoints: 10n, minStaked: 0 }, 1n, other);
      const { holder } = await stakedHolder(2);
      chain.warp(100);
      expectRejected(await redeemIx(foreign, holder.publicKey), [holder], "InvalidPerkAccount");
    });

    it("rejects an account that is not a perk (InvalidPerkAccount)", async () => {
      const { holder } = await stakedHolder(2);
      chain.warp(100);
      const notOurs = await redeemIx(fixture.collection.mint, holder.publicKey);
      expectRejected(notOurs, [holder], "InvalidPerkAccount");
      const stakerAsPerk = await redeemIx(stakerOf(holder.publicKey), holder.publicKey);
      expectRejected(stakerAsPerk, [holder], "InvalidPerkAccount");
    });

    it("rejects a missing owner signature (MissingSignature)", async () => {
      const { perk, holder } = await affordableRedemption();
      const ix = await redeemIx(perk, holder.publicKey);
      assert.ok(accountMeta(ix, 4).pubkey.equals(holder.publicKey));
      accountMeta(ix, 4).isSigner = false;
      expectRejected(ix, [], "MissingSignature");
    });

    it("rejects a wrong system program (InvalidSystemProgram)", async () => {
      const { perk, holder } = await affordableRedemption();
      const ix = await redeemIx(perk, holder.publicKey);
      assert.ok(accountMeta(ix, 5).pubkey.equals(SystemProgram.programId));
      accountMeta(ix, 5).pubkey = new PublicKey("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA");
      expectRejected(ix, [holder], "InvalidSystemProgram");
    });

    it("rejects a read-only pool, perk, staker, receipt or owner (AccountNotWritable)", async () => {
      const { perk, holder } = await affordableRedemption();
      for (const index of [0, 1, 2, 3, 4]) {
        const ix = await redeemIx(perk, holder.publicKey);
        accountMeta(ix, index).isWritable = false;
        expectRejected(ix, [holder], "AccountNotWritable");
      }
    });

    it("rejects a pool account that is not a pool of this program (InvalidPoolAccount)", async () => {
      const { perk, holder } = await affordableRedemption();
      const ix = await redeemIx(perk, holder.publicKey);
      accountMeta(ix, 0).pubkey = fixture.collection.mint;
      expectRejected(ix, [holder], "InvalidPoolAccount", [fixture.pool]);
    });

    it("rejects too few accounts (NotEnoughAccounts)", async () => {
      const { perk, holder } = await affordableRedemption();
      const ix = await redeemIx(perk, holder.publicKey);
      ix.keys = ix.keys.slice(0, 5);
      expectRejected(ix, [holder], "NotEnoughAccounts");
    });

    it("rejects extra instruction data (InvalidInstructionData)", async () => {
      const { perk, holder } = await affordableRedemption();
      const ix = await redeemIx(perk, holder.publicKey);
      expectRejected(padded(ix), [holder], "InvalidInstructionData");
    });
  });
});
