import { strict as assert } from "assert";
import { Keypair, PublicKey, SystemProgram } from "@solana/web3.js";
import { findStakerAddress, projectedPoints } from "@nft-staking/sdk";
import {
  createCollectionNfts,
  createPool,
  holderWithNfts,
  type PoolFixture,
  stakeNfts,
  type TestChain,
} from "@nft-staking/dev-kit";
import { assertOk, padded } from "../utils/assertions";
import { redeemPerkFixture } from "./redeem_perk.fixture";

describe("redeem_perk", () => {
  const suite = redeemPerkFixture();
  const { createPerk, stakedHolder, redeemIx, stakerOf, receiptOf, staker, receiptState } = suite;
  const { expectRejected } = suite;
  let chain: TestChain;
  let fixture: PoolFixture;
  let now: bigint;
  beforeEach(() => ({ chain, fixture, now } = suite));

  describe("rejections", () => {
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
      const stakerMeta = ix.keys[2];
      assert.ok(stakerMeta && stakerMeta.pubkey.equals(stakerOf(b.publicKey)));
      stakerMeta.pubkey = stakerOf(a.holder.publicKey);
      expectRejected(ix, [b], "InvalidStakerAccount", [receiptOf(perk, a.holder.publicKey)]);
    });

    it("rejects a holder who never staked, and a staker of another pool (InvalidStakerAccount)", async () => {
      const perk = await createPerk({ costPoints: 10n, minStaked: 0 });
      const stranger = chain.fundedKeypair();
      expectRejected(await redeemIx(perk, stranger.publicKey), [stranger], "InvalidStakerAccount");

      const other = await createPool(chain);
      const { holder } = holderWithNfts(other, 0);
      const otherNfts = createCollectionNfts(chain, holder.publicKey, other.collection.mint, 2);
      assertOk(await stakeNfts(other, holder, otherNfts));
      chain.warp(100);
      const ix = await redeemIx(perk, holder.publicKey);
      const stakerMeta = ix.keys[2];
      assert.ok(stakerMeta);
      stakerMeta.pubkey = findStakerAddress(other.pool, holder.publicKey)[0];
      expectRejected(ix, [holder], "InvalidStakerAccount", [stakerOf(holder.publicKey)]);
    });

    it("rejects a receipt address that is not the receipt PDA (InvalidReceiptAccount)", async () => {
      const perk = await createPerk({ costPoints: 10n });
      const other = await createPerk({ costPoints: 10n }, 2n);
      const { holder } = await stakedHolder(2);
      chain.warp(100);

      const random = await redeemIx(perk, holder.publicKey);
      const randomMeta = random.keys[3];
      assert.ok(randomMeta && randomMeta.pubkey.equals(receiptOf(perk, holder.publicKey)));
      randomMeta.pubkey = Keypair.generate().publicKey;
      expectRejected(random, [holder], "InvalidReceiptAccount", [
        receiptOf(perk, holder.publicKey),
      ]);

      // The holder's (not yet existing) receipt PDA of another perk.
      const otherPerk = await redeemIx(perk, holder.publicKey);
      const otherMeta = otherPerk.keys[3];
      assert.ok(otherMeta);
      otherMeta.pubkey = receiptOf(other, holder.publicKey);
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
      const receiptMeta = ix.keys[3];
      assert.ok(receiptMeta);
      receiptMeta.pubkey = receiptOf(perk, b.holder.publicKey);
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
      const receiptMeta = ix.keys[3];
      assert.ok(receiptMeta);
      receiptMeta.pubkey = receiptOf(other, holder.publicKey);
      expectRejected(ix, [holder], "InvalidReceiptAccount", [receiptOf(perk, holder.publicKey)]);
    });

    it("rejects a program account that is not a receipt (InvalidReceiptAccount)", async () => {
      const perk = await createPerk({ costPoints: 10n });
      const other = await createPerk({ costPoints: 10n }, 2n);
      const { holder } = await stakedHolder(2);
      chain.warp(100);
      const ix = await redeemIx(perk, holder.publicKey);
      const receiptMeta = ix.keys[3];
      assert.ok(receiptMeta);
      receiptMeta.pubkey = other;
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
      const perk = await createPerk({ costPoints: 10n });
      const { holder } = await stakedHolder(2);
      chain.warp(100);
      const ix = await redeemIx(perk, holder.publicKey);
      const ownerMeta = ix.keys[4];
      assert.ok(ownerMeta && ownerMeta.pubkey.equals(holder.publicKey));
      ownerMeta.isSigner = false;
      expectRejected(ix, [], "MissingSignature");
    });

    it("rejects a wrong system program (InvalidSystemProgram)", async () => {
      const perk = await createPerk({ costPoints: 10n });
      const { holder } = await stakedHolder(2);
      chain.warp(100);
      const ix = await redeemIx(perk, holder.publicKey);
      const programMeta = ix.keys[5];
      assert.ok(programMeta && programMeta.pubkey.equals(SystemProgram.programId));
      programMeta.pubkey = new PublicKey("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA");
      expectRejected(ix, [holder], "InvalidSystemProgram");
    });

    it("rejects a read-only pool, perk, staker, receipt or owner (AccountNotWritable)", async () => {
      const perk = await createPerk({ costPoints: 10n });
      const { holder } = await stakedHolder(2);
      chain.warp(100);
      for (const index of [0, 1, 2, 3, 4]) {
        const ix = await redeemIx(perk, holder.publicKey);
        const meta = ix.keys[index];
        assert.ok(meta);
        meta.isWritable = false;
        expectRejected(ix, [holder], "AccountNotWritable");
      }
    });

    it("rejects a pool account that is not a pool of this program (InvalidPoolAccount)", async () => {
      const perk = await createPerk({ costPoints: 10n });
      const { holder } = await stakedHolder(2);
      chain.warp(100);
      const ix = await redeemIx(perk, holder.publicKey);
      const poolMeta = ix.keys[0];
      assert.ok(poolMeta);
      poolMeta.pubkey = fixture.collection.mint;
      expectRejected(ix, [holder], "InvalidPoolAccount", [fixture.pool]);
    });

    it("rejects too few accounts (NotEnoughAccounts)", async () => {
      const perk = await createPerk({ costPoints: 10n });
      const { holder } = await stakedHolder(2);
      chain.warp(100);
      const ix = await redeemIx(perk, holder.publicKey);
      ix.keys = ix.keys.slice(0, 5);
      expectRejected(ix, [holder], "NotEnoughAccounts");
    });

    it("rejects extra instruction data (InvalidInstructionData)", async () => {
      const perk = await createPerk({ costPoints: 10n });
      const { holder } = await stakedHolder(2);
      chain.warp(100);
      const ix = await redeemIx(perk, holder.publicKey);
      expectRejected(padded(ix), [holder], "InvalidInstructionData");
    });
  });
});
