import { strict as assert } from "assert";
import { Keypair, PublicKey } from "@solana/web3.js";
import { closePerkInstruction, decodePerkReceipt, findReceiptAddress } from "@nft-staking/sdk";
import { createPool, type PoolFixture, type TestChain } from "@nft-staking/dev-kit";
import { accountMeta, assertOk, onlyEvent, padded } from "../utils/assertions";
import { perkSuite } from "../utils/perks";
import { START } from "../utils/suite";

describe("close_perk", () => {
  const suite = perkSuite({ start: START, withPerk: true });
  const { createPerk, redeemIx, stakedHolder, stakerOf, expectRejected } = suite;
  let chain: TestChain, fixture: PoolFixture, perk: PublicKey;
  beforeEach(() => ({ chain, fixture, perk } = suite));

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
    const { holder } = await stakedHolder(1);
    chain.warp(100);
    assertOk(chain.send([await redeemIx(perk, holder.publicKey)], [holder]));
    return holder;
  }

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
      const event = onlyEvent(result, "perkClosed");
      assert.ok(event.pool.equals(fixture.pool));
      assert.ok(event.perk.equals(perk));
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
      expectRejected(await redeemIx(perk, holder.publicKey), [holder], "InvalidPerkAccount");
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
      assert.ok(accountMeta(ix, 2).pubkey.equals(fixture.authority.publicKey));
      accountMeta(ix, 2).isSigner = false;
      expectRejected(ix, [], "MissingSignature");
    });

    it("rejects a perk of another pool (InvalidPerkAccount)", async () => {
      const other = await createPool(chain);
      const foreign = await createPerk({}, 1n, other);
      const ix = await closeIx({ perk: foreign });
      expectRejected(ix, [fixture.authority], "InvalidPerkAccount");
    });

    it("rejects an account that is not a perk of this program (InvalidPerkAccount)", async () => {
      const notOurs = await closeIx({ perk: fixture.collection.mint });
      expectRejected(notOurs, [fixture.authority], "InvalidPerkAccount");

      // A holder's staker account: owned by the program, but not a perk.
      const { holder } = await stakedHolder(1);
      const stakerAsPerk = await closeIx({ perk: stakerOf(holder.publicKey) });
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
      assert.ok(accountMeta(readOnlyDestination, 3).pubkey.equals(destination));
      accountMeta(readOnlyDestination, 3).isWritable = false;
      expectRejected(readOnlyDestination, [fixture.authority], "AccountNotWritable");

      const readOnlyPerk = await closeIx({ rentDestination: destination });
      accountMeta(readOnlyPerk, 1).isWritable = false;
      expectRejected(readOnlyPerk, [fixture.authority], "AccountNotWritable");
    });

    it("rejects a pool account that is not a pool of this program (InvalidPoolAccount)", async () => {
      const ix = await closeIx();
      accountMeta(ix, 0).pubkey = fixture.collection.mint;
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
