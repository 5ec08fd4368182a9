import { strict as assert } from "assert";
import { Keypair, PublicKey } from "@solana/web3.js";
import {
  closePerkInstruction,
  createPerkInstruction,
  decodePerkReceipt,
  findPerkAddress,
  findReceiptAddress,
  findStakerAddress,
  parseEvents,
  redeemPerkInstruction,
  type PerkTermsInput,
} from "@nft-staking/sdk";
import {
  createPool,
  holderWithNfts,
  type PoolFixture,
  stakeNfts,
  TestChain,
} from "@nft-staking/dev-kit";
import { assertOk, padded, rejecterFor } from "../utils/assertions";

/** A realistic unix time, so that windows and timestamps are meaningful. */
const T0 = 1_700_000_000;

describe("close_perk", () => {
  let chain: TestChain;
  let fixture: PoolFixture;
  let now: bigint;
  let perk: PublicKey;

  const terms = (overrides: Partial<PerkTermsInput> = {}): PerkTermsInput => ({
    name: "Allow-list spot",
    uri: "https://example.org/perk.json",
    costPoints: 100n,
    minStaked: 1,
    supplyCap: 0,
    startTs: now,
    endTs: now + 86_400n,
    ...overrides,
  });

  /** Creates perk `perkId` of `pool` and returns its address. */
  async function createPerk(pool: PoolFixture, perkId: bigint): Promise<PublicKey> {
    const ix = await createPerkInstruction({
      pool: pool.pool,
      authority: pool.authority.publicKey,
      perkId,
      terms: terms(),
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

  const closeIx = (
    options: { authority?: PublicKey; perk?: PublicKey; rentDestination?: PublicKey } = {},
  ) =>
    closePerkInstruction({
      pool: fixture.pool,
      authority: options.authority ?? fixture.authority.publicKey,
      perk: options.perk ?? perk,
      rentDestination: options.rentDestination,
    });

  /** A holder with one NFT staked for 100 s who redeemed the perk once. */
  async function redeemer(): Promise<Keypair> {
    const { holder, nfts } = holderWithNfts(fixture, 1);
    assertOk(await stakeNfts(fixture, holder, nfts));
    chain.warp(100);
    const ix = await redeemPerkInstruction({ pool: fixture.pool, perk, owner: holder.publicKey });
    assertOk(chain.send([ix], [holder]));
    return holder;
  }

  /** Expects `error` and that nothing changed (see `assertRejected`). */
  const expectRejected = rejecterFor(() => chain);

  describe("happy paths", () => {
    it("sends every lamport to the rent destination and deletes the account", async () => {
      const destination = Keypair.generate().publicKey;
      const perkLamports = chain.account(perk)?.lamports ?? 0n;
      assert.ok(perkLamports > 0n);
      const authorityBefore = chain.account(fixture.authority.publicKey)?.lamports ?? 0n;
      const feePayer = chain.fundedKeypair();

      const ix = await closeIx({ rentDestination: destination });
      assertOk(chain.send([ix], [feePayer, fixture.authority]));
      assert.equal(chain.account(destination)?.lamports, perkLamports);
      assert.equal(chain.account(perk), null, "the perk account is gone");
      assert.equal(chain.account(fixture.authority.publicKey)?.lamports, authorityBefore);
    });

    it("refunds the authority by default", async () => {
      const perkLamports = chain.account(perk)?.lamports ?? 0n;
      const authorityBefore = chain.account(fixture.authority.publicKey)?.lamports ?? 0n;
      const feePayer = chain.fundedKeypair();
      assertOk(chain.send([await closeIx()], [feePayer, fixture.authority]));
      assert.equal(
        chain.account(fixture.authority.publicKey)?.lamports,
        authorityBefore + perkLamports,
      );
      assert.equal(chain.account(perk), null);
    });

    it("emits PerkClosed", async () => {
      const result = chain.send([await closeIx()], [fixture.authority]);
      assertOk(result);
      const events = parseEvents(result.logs);
      assert.equal(events.length, 1);
      const [event] = events;
      assert.equal(event?.name, "perkClosed");
      if (event?.name !== "perkClosed") return;
      assert.ok(event.data.pool.equals(fixture.pool));
      assert.ok(event.data.perk.equals(perk));
    });

    it("keeps existing receipts readable", async () => {
      const holder = await redeemer();
      const [receipt] = findReceiptAddress(perk, holder.publicKey);
      const before = chain.account(receipt);
      assert.ok(before);

      assertOk(chain.send([await closeIx()], [fixture.authority]));
      assert.deepEqual(chain.account(receipt), before, "the receipt is untouched");
      const state = decodePerkReceipt(chain.svm.getAccount(receipt)?.data ?? new Uint8Array());
      assert.ok(state.perk.equals(perk));
      assert.ok(state.owner.equals(holder.publicKey));
      assert.equal(state.count, 1);
    });

    it("makes the perk unredeemable (InvalidPerkAccount: no longer owned by the program)", async () => {
      const holder = await redeemer();
      assertOk(chain.send([await closeIx()], [fixture.authority]));
      const ix = await redeemPerkInstruction({ pool: fixture.pool, perk, owner: holder.publicKey });
      expectRejected(ix, [holder], "InvalidPerkAccount");
    });
  });

  describe("rejections", () => {
    it("rejects a signer who is not the pool authority (Unauthorized)", async () => {
      const impostor = chain.fundedKeypair();
      const ix = await closeIx({ authority: impostor.publicKey });
      expectRejected(ix, [impostor], "Unauthorized");
    });

    it("rejects a missing authority signature (MissingSignature)", async () => {
      const destination = Keypair.generate().publicKey;
      const ix = await closeIx({ rentDestination: destination });
      const authorityMeta = ix.keys[2];
      assert.ok(authorityMeta && authorityMeta.pubkey.equals(fixture.authority.publicKey));
      authorityMeta.isSigner = false;
      expectRejected(ix, [], "MissingSignature");
    });

    it("rejects a perk of another pool (InvalidPerkAccount)", async () => {
      const other = await createPool(chain);
      const foreign = await createPerk(other, 1n);
      const ix = await closeIx({ perk: foreign });
      expectRejected(ix, [fixture.authority], "InvalidPerkAccount");
    });

    it("rejects an account that is not a perk of this program (InvalidPerkAccount)", async () => {
      const notOurs = await closeIx({ perk: fixture.collection.mint });
      expectRejected(notOurs, [fixture.authority], "InvalidPerkAccount");

      // A holder's staker account: owned by the program, but not a perk.
      const { holder, nfts } = holderWithNfts(fixture, 1);
      assertOk(await stakeNfts(fixture, holder, nfts));
      const stakerAsPerk = await closeIx({
        perk: findStakerAddress(fixture.pool, holder.publicKey)[0],
      });
      expectRejected(stakerAsPerk, [fixture.authority], "InvalidPerkAccount");

      // The pool itself.
      const poolAsPerk = await closeIx({ perk: fixture.pool });
      expectRejected(poolAsPerk, [fixture.authority], "InvalidPerkAccount");
    });

    it("rejects a perk that is already closed (InvalidPerkAccount)", async () => {
      assertOk(chain.send([await closeIx()], [fixture.authority]));
      const again = await closeIx();
      expectRejected(again, [fixture.authority], "InvalidPerkAccount");
    });

    it("rejects a read-only rent destination or perk (AccountNotWritable)", async () => {
      const destination = chain.fundedKeypair().publicKey;
      const readOnlyDestination = await closeIx({ rentDestination: destination });
      const destinationMeta = readOnlyDestination.keys[3];
      assert.ok(destinationMeta && destinationMeta.pubkey.equals(destination));
      destinationMeta.isWritable = false;
      expectRejected(readOnlyDestination, [fixture.authority], "AccountNotWritable");

      const readOnlyPerk = await closeIx({ rentDestination: destination });
      const perkMeta = readOnlyPerk.keys[1];
      assert.ok(perkMeta);
      perkMeta.isWritable = false;
      expectRejected(readOnlyPerk, [fixture.authority], "AccountNotWritable");
    });

    it("rejects a pool account that is not a pool of this program (InvalidPoolAccount)", async () => {
      const ix = await closeIx();
      const poolMeta = ix.keys[0];
      assert.ok(poolMeta);
      poolMeta.pubkey = fixture.collection.mint;
      expectRejected(ix, [fixture.authority], "InvalidPoolAccount", [fixture.pool]);
    });

    it("rejects too few accounts (NotEnoughAccounts)", async () => {
      const ix = await closeIx({ rentDestination: Keypair.generate().publicKey });
      ix.keys = ix.keys.slice(0, 3);
      expectRejected(ix, [fixture.authority], "NotEnoughAccounts");
    });

    it("rejects instruction data after the discriminator (InvalidInstructionData)", async () => {
      const ix = await closeIx();
      expectRejected(padded(ix), [fixture.authority], "InvalidInstructionData");
    });
  });
});
