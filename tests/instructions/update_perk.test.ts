import { strict as assert } from "assert";
import { Keypair, PublicKey } from "@solana/web3.js";
import {
  MAX_URI_LEN,
  decodePerkReceipt,
  findReceiptAddress,
  perkName,
  updatePerkInstruction,
  type PerkTermsInput,
} from "@nft-staking/sdk";
import { createPool, type PoolFixture, type TestChain } from "@nft-staking/dev-kit";
import { accountMeta, assertOk, onlyEvent, padded, truncated } from "../utils/assertions";
import { perkSuite, perkUri } from "../utils/perks";
import { START } from "../utils/suite";

describe("update_perk", () => {
  const suite = perkSuite({ start: START, terms: () => ({ supplyCap: 10 }), withPerk: true });
  const { terms, createPerk, perkState, redeemIx, stakedHolder, expectRejected } = suite;
  let chain: TestChain, fixture: PoolFixture, now: bigint, perk: PublicKey;
  beforeEach(() => ({ chain, fixture, now, perk } = suite));

  /** `update_perk` of `perk` (the fixture's perk 1 unless given) with these terms. */
  const updateIx = (
    overrides: Partial<PerkTermsInput> = {},
    options: { authority?: PublicKey; perk?: PublicKey } = {},
  ) =>
    updatePerkInstruction({
      pool: fixture.pool,
      authority: options.authority ?? fixture.authority.publicKey,
      perk: options.perk ?? perk,
      terms: terms(overrides),
    });

  /** A holder with one NFT staked long enough to afford `redemptions` redemptions at 100. */
  async function redeemTimes(redemptions: number): Promise<Keypair[]> {
    const holders: Keypair[] = [];
    for (let i = 0; i < redemptions; i += 1) {
      holders.push((await stakedHolder(1)).holder);
    }
    chain.warp(100);
    for (const holder of holders) {
      assertOk(chain.send([await redeemIx(perk, holder.publicKey)], [holder]));
    }
    assert.equal(perkState().redeemed, redemptions);
    return holders;
  }

  describe("happy paths", () => {
    it("replaces every term and keeps pool, id, bump and redemptions", async () => {
      const before = perkState();
      const ix = await updateIx({
        name: "Merch drop",
        uri: "https://example.org/merch.json",
        costPoints: 7_777n,
        minStaked: 5,
        supplyCap: 3,
        startTs: now + 1_000n,
        endTs: now + 2_000n,
      });
      assertOk(chain.send([ix], [fixture.authority]));
      const after = perkState();
      assert.equal(perkName(after), "Merch drop");
      assert.equal(perkUri(after), "https://example.org/merch.json");
      assert.equal(after.costPoints.toString(), "7777");
      assert.equal(after.minStaked, 5);
      assert.equal(after.supplyCap, 3);
      assert.equal(after.startTs.toString(), (now + 1_000n).toString());
      assert.equal(after.endTs.toString(), (now + 2_000n).toString());
      assert.ok(after.pool.equals(fixture.pool));
      assert.equal(after.perkId.toString(), before.perkId.toString());
      assert.equal(after.bump, before.bump);
      assert.equal(after.redeemed, 0);
    });

    it("clears the tail of a longer old name and URI", async () => {
      const ix = await updateIx({ name: "Role", uri: "" });
      assertOk(chain.send([ix], [fixture.authority]));
      const after = perkState();
      assert.equal(perkName(after), "Role");
      assert.equal(after.nameLen, 4);
      assert.ok(
        after.name.slice(4).every((byte) => byte === 0),
        "no leftover name bytes",
      );
      assert.equal(after.uriLen, 0);
      assert.ok(
        after.uri.every((byte) => byte === 0),
        "no leftover uri bytes",
      );
    });

    it("emits PerkUpdated", async () => {
      const result = chain.send([await updateIx({ costPoints: 555n })], [fixture.authority]);
      assertOk(result);
      const event = onlyEvent(result, "perkUpdated");
      assert.ok(event.pool.equals(fixture.pool));
      assert.ok(event.perk.equals(perk));
      assert.equal(event.costPoints.toString(), "555");
    });

    it("accepts a cap equal to the redemptions, or 0 (unlimited), and leaves receipts alone", async () => {
      const holders = await redeemTimes(2);
      const receipts = holders.map((holder) => findReceiptAddress(perk, holder.publicKey)[0]);
      const receiptsBefore = chain.snapshot(receipts);

      assertOk(chain.send([await updateIx({ supplyCap: 2 })], [fixture.authority]));
      assert.equal(perkState().supplyCap, 2);
      assert.equal(perkState().redeemed, 2);
      assertOk(chain.send([await updateIx({ supplyCap: 0 })], [fixture.authority]));
      assert.equal(perkState().supplyCap, 0);
      assert.equal(perkState().redeemed, 2);

      for (const receipt of receipts) {
        assert.deepEqual(chain.account(receipt), receiptsBefore.get(receipt.toBase58()));
        const account = chain.svm.getAccount(receipt);
        assert.equal(decodePerkReceipt(account?.data ?? new Uint8Array()).count, 1);
      }
    });

    it("accepts the longest name and URI", async () => {
      const name = "n".repeat(32);
      const uri = "u".repeat(MAX_URI_LEN);
      assertOk(chain.send([await updateIx({ name, uri })], [fixture.authority]));
      assert.equal(perkName(perkState()), name);
      assert.equal(perkUri(perkState()), uri);
    });
  });

  describe("rejections", () => {
    it("rejects a cap below what was already redeemed (InvalidSupplyCap)", async () => {
      await redeemTimes(2);
      const ix = await updateIx({ supplyCap: 1 });
      expectRejected(ix, [fixture.authority], "InvalidSupplyCap");
      assert.equal(perkState().supplyCap, 10);
    });

    it("rejects a perk of another pool (InvalidPerkAccount)", async () => {
      const other = await createPool(chain);
      const foreign = await createPerk({ name: "Theirs" }, 1n, other);
      const ix = await updateIx({ name: "Mine now" }, { perk: foreign });
      expectRejected(ix, [fixture.authority], "InvalidPerkAccount");
      assert.equal(perkName(perkState(foreign)), "Theirs");
    });

    it("rejects a perk account that is not a perk of this program (InvalidPerkAccount)", async () => {
      const notOurs = await updateIx({}, { perk: fixture.collection.mint });
      expectRejected(notOurs, [fixture.authority], "InvalidPerkAccount");

      // The pool itself: owned by the program, but not a perk.
      const poolAsPerk = await updateIx({}, { perk: fixture.pool });
      expectRejected(poolAsPerk, [fixture.authority], "InvalidPerkAccount");
    });

    it("rejects a signer who is not the pool authority (Unauthorized)", async () => {
      const impostor = chain.fundedKeypair();
      const ix = await updateIx({ costPoints: 0n }, { authority: impostor.publicKey });
      expectRejected(ix, [impostor], "Unauthorized");
    });

    it("rejects a missing authority signature (MissingSignature)", async () => {
      const ix = await updateIx({ costPoints: 0n });
      assert.ok(accountMeta(ix, 2).pubkey.equals(fixture.authority.publicKey));
      accountMeta(ix, 2).isSigner = false;
      expectRejected(ix, [], "MissingSignature");
    });

    it("rejects a window that ends at or before its start (InvalidPerkWindow)", async () => {
      const empty = await updateIx({ startTs: now + 5n, endTs: now + 5n });
      expectRejected(empty, [fixture.authority], "InvalidPerkWindow");
      const reversed = await updateIx({ startTs: now + 5n, endTs: now });
      expectRejected(reversed, [fixture.authority], "InvalidPerkWindow");
    });

    it("rejects a name of 33 bytes and a URI of 97 bytes (NameTooLong, UriTooLong)", async () => {
      const longName = await updateIx({ name: "n".repeat(33) });
      expectRejected(longName, [fixture.authority], "NameTooLong");
      const longUri = await updateIx({ uri: "u".repeat(MAX_URI_LEN + 1) });
      expectRejected(longUri, [fixture.authority], "UriTooLong");
    });

    it("rejects a pool account that is not a pool of this program (InvalidPoolAccount)", async () => {
      const notOurs = await updateIx();
      accountMeta(notOurs, 0).pubkey = fixture.collection.mint;
      expectRejected(notOurs, [fixture.authority], "InvalidPoolAccount", [fixture.pool]);

      // An account of this program, but a perk rather than a pool.
      const perkAsPool = await updateIx();
      accountMeta(perkAsPool, 0).pubkey = await createPerk({}, 2n);
      expectRejected(perkAsPool, [fixture.authority], "InvalidPoolAccount", [fixture.pool]);
    });

    it("rejects a read-only perk (AccountNotWritable)", async () => {
      const ix = await updateIx();
      accountMeta(ix, 1).isWritable = false;
      expectRejected(ix, [fixture.authority], "AccountNotWritable");
    });

    it("rejects too few accounts (NotEnoughAccounts)", async () => {
      const ix = await updateIx();
      ix.keys = ix.keys.slice(0, 2);
      expectRejected(ix, [], "NotEnoughAccounts", [fixture.authority.publicKey]);
    });

    it("rejects truncated and padded arguments (InvalidInstructionData)", async () => {
      const ix = await updateIx();
      expectRejected(truncated(ix), [fixture.authority], "InvalidInstructionData");
      expectRejected(padded(ix), [fixture.authority], "InvalidInstructionData");
    });
  });
});
