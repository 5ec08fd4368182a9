import { strict as assert } from "assert";
import { Keypair, PublicKey } from "@solana/web3.js";
import {
  MAX_URI_LEN,
  createPerkInstruction,
  decodePerk,
  decodePerkReceipt,
  findPerkAddress,
  findReceiptAddress,
  parseEvents,
  perkName,
  redeemPerkInstruction,
  updatePerkInstruction,
  type PerkAccount,
  type PerkTermsInput,
} from "@nft-staking/sdk";
import {
  createPool,
  holderWithNfts,
  type PoolFixture,
  stakeNfts,
  TestChain,
} from "@nft-staking/dev-kit";
import { assertOk, padded, rejecterFor, truncated } from "../utils/assertions";

/** A realistic unix time, so that windows and timestamps are meaningful. */
const T0 = 1_700_000_000;

/** A perk's URI as a string. */
function perkUri(perk: PerkAccount): string {
  return Buffer.from(perk.uri.slice(0, perk.uriLen)).toString("utf8");
}

describe("update_perk", () => {
  let chain: TestChain;
  let fixture: PoolFixture;
  let now: bigint;
  let perk: PublicKey;

  const terms = (overrides: Partial<PerkTermsInput> = {}): PerkTermsInput => ({
    name: "Allow-list spot",
    uri: "https://example.org/perk.json",
    costPoints: 100n,
    minStaked: 1,
    supplyCap: 10,
    startTs: now,
    endTs: now + 86_400n,
    ...overrides,
  });

  /** Creates perk `perkId` of `pool` with these terms and returns its address. */
  async function createPerk(
    pool: PoolFixture,
    perkId: bigint,
    overrides: Partial<PerkTermsInput> = {},
  ): Promise<PublicKey> {
    const ix = await createPerkInstruction({
      pool: pool.pool,
      authority: pool.authority.publicKey,
      perkId,
      terms: terms(overrides),
    });
    assertOk(chain.send([ix], [pool.authority]));
    return findPerkAddress(pool.pool, perkId)[0];
  }

  beforeEach(async () => {
    chain = new TestChain();
    chain.warp(T0);
    fixture = await createPool(chain);
    now = chain.now();
    perk = await createPerk(fixture, 1n);
  });

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

  function perkState(address: PublicKey = perk): PerkAccount {
    const account = chain.svm.getAccount(address);
    assert.ok(account, "perk missing");
    return decodePerk(account.data);
  }

  /** A holder with one NFT staked long enough to afford `redemptions` redemptions at 100. */
  async function redeemTimes(redemptions: number): Promise<Keypair[]> {
    const holders: Keypair[] = [];
    for (let i = 0; i < redemptions; i += 1) {
      const { holder, nfts } = holderWithNfts(fixture, 1);
      assertOk(await stakeNfts(fixture, holder, nfts));
      holders.push(holder);
    }
    chain.warp(100);
    for (const holder of holders) {
      const ix = await redeemPerkInstruction({ pool: fixture.pool, perk, owner: holder.publicKey });
      assertOk(chain.send([ix], [holder]));
    }
    assert.equal(perkState().redeemed, redemptions);
    return holders;
  }

  /** Expects `error` and that nothing changed (see `assertRejected`). */
  const expectRejected = rejecterFor(() => chain);

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
      const events = parseEvents(result.logs);
      assert.equal(events.length, 1);
      const [event] = events;
      assert.equal(event?.name, "perkUpdated");
      if (event?.name !== "perkUpdated") return;
      assert.ok(event.data.pool.equals(fixture.pool));
      assert.ok(event.data.perk.equals(perk));
      assert.equal(event.data.costPoints.toString(), "555");
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
      const foreign = await createPerk(other, 1n, { name: "Theirs" });
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
      const authorityMeta = ix.keys[2];
      assert.ok(authorityMeta && authorityMeta.pubkey.equals(fixture.authority.publicKey));
      authorityMeta.isSigner = false;
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
      const poolMeta = notOurs.keys[0];
      assert.ok(poolMeta);
      poolMeta.pubkey = fixture.collection.mint;
      expectRejected(notOurs, [fixture.authority], "InvalidPoolAccount", [fixture.pool]);

      // An account of this program, but a perk rather than a pool.
      const perkAsPool = await updateIx();
      const perkAsPoolMeta = perkAsPool.keys[0];
      assert.ok(perkAsPoolMeta);
      perkAsPoolMeta.pubkey = await createPerk(fixture, 2n);
      expectRejected(perkAsPool, [fixture.authority], "InvalidPoolAccount", [fixture.pool]);
    });

    it("rejects a read-only perk (AccountNotWritable)", async () => {
      const ix = await updateIx();
      const perkMeta = ix.keys[1];
      assert.ok(perkMeta);
      perkMeta.isWritable = false;
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
