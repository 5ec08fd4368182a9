import { strict as assert } from "assert";
import { Keypair, PublicKey, SystemProgram, type TransactionInstruction } from "@solana/web3.js";
import {
  IDL,
  MAX_URI_LEN,
  createPerkInstruction,
  decodePerk,
  findPerkAddress,
  perkName,
  type PerkAccount,
  type PerkTermsInput,
  type U64Like,
} from "@nft-staking/sdk";
import { createPool, type PoolFixture, type TestChain } from "@nft-staking/dev-kit";
import { accountMeta, assertOk, onlyEvent, padded, truncated } from "../utils/assertions";
import { perkSuite, perkUri } from "../utils/perks";
import { START } from "../utils/suite";

/** Longest perk name the program accepts, in bytes (`MAX_PERK_NAME_LEN`). */
const MAX_PERK_NAME_LEN = 32;

/** `Perk` account size: discriminator + pool, name, uri, 4 × u64, 3 × u32, 4 × u8, reserved. */
const PERK_SIZE = 8 + 32 + MAX_PERK_NAME_LEN + MAX_URI_LEN + 4 * 8 + 3 * 4 + 4 + 16;

describe("create_perk", () => {
  const suite = perkSuite({
    start: START,
    terms: (now) => ({
      costPoints: 86_400n,
      minStaked: 2,
      supplyCap: 50,
      startTs: now + 10n,
      endTs: now + 7n * 86_400n,
    }),
  });
  const { terms, expectRejected } = suite;
  let chain: TestChain, fixture: PoolFixture, now: bigint;
  beforeEach(() => ({ chain, fixture, now } = suite));

  /** `create_perk` of perk `perkId` (1 unless given) in the fixture's pool. */
  const createIx = (
    options: {
      perkId?: U64Like;
      terms?: Partial<PerkTermsInput>;
      authority?: PublicKey;
      payer?: PublicKey;
    } = {},
  ) =>
    createPerkInstruction({
      pool: fixture.pool,
      authority: options.authority ?? fixture.authority.publicKey,
      payer: options.payer,
      perkId: options.perkId ?? 1n,
      terms: terms(options.terms),
    });

  const perkAddress = (perkId: U64Like = 1n): PublicKey => findPerkAddress(fixture.pool, perkId)[0];

  /** The decoded perk (it must exist). */
  const perkState = (perkId: U64Like = 1n): PerkAccount => suite.perkState(perkAddress(perkId));

  describe("happy paths", () => {
    it("creates the perk PDA with its pool, id, terms, no redemptions and its bump", async () => {
      assertOk(chain.send([await createIx()], [fixture.authority]));

      const [address, bump] = findPerkAddress(fixture.pool, 1n);
      const account = chain.svm.getAccount(address);
      assert.ok(account);
      assert.equal(account.owner.toBase58(), IDL.address);
      assert.equal(account.data.length, PERK_SIZE);
      assert.ok(account.data.length <= 256, "a perk fits in 256 bytes");
      assert.equal(
        BigInt(account.lamports),
        chain.svm.minimumBalanceForRentExemption(BigInt(account.data.length)),
        "rent-exempt, and not a lamport more",
      );
      const perk = decodePerk(account.data);
      assert.ok(perk.pool.equals(fixture.pool));
      assert.equal(perkName(perk), "Allow-list spot");
      assert.equal(perk.nameLen, "Allow-list spot".length);
      assert.ok(
        perk.name.slice(perk.nameLen).every((byte) => byte === 0),
        "name zero-padded",
      );
      assert.equal(perkUri(perk), "https://example.org/perk.json");
      assert.ok(
        perk.uri.slice(perk.uriLen).every((byte) => byte === 0),
        "uri zero-padded",
      );
      assert.equal(perk.perkId.toString(), "1");
      assert.equal(perk.costPoints.toString(), "86400");
      assert.equal(perk.startTs.toString(), (now + 10n).toString());
      assert.equal(perk.endTs.toString(), (now + 7n * 86_400n).toString());
      assert.equal(perk.minStaked, 2);
      assert.equal(perk.supplyCap, 50);
      assert.equal(perk.redeemed, 0);
      assert.equal(perk.bump, bump);
      assert.equal(perk.padding, 0);
      assert.ok(perk.reserved.every((byte) => byte === 0));
    });

    it("emits PerkCreated", async () => {
      const result = chain.send(
        [await createIx({ perkId: 42n, terms: { costPoints: 1_234n } })],
        [fixture.authority],
      );
      assertOk(result);
      const event = onlyEvent(result, "perkCreated");
      assert.ok(event.pool.equals(fixture.pool));
      assert.ok(event.perk.equals(perkAddress(42n)));
      assert.equal(event.perkId.toString(), "42");
      assert.equal(event.costPoints.toString(), "1234");
    });

    it("lets a separate payer pay the rent", async () => {
      const payer = chain.fundedKeypair();
      const feePayer = chain.fundedKeypair();
      const ix = await createIx({ payer: payer.publicKey });
      const authorityBefore = chain.account(fixture.authority.publicKey)?.lamports;
      const payerBefore = chain.account(payer.publicKey)?.lamports ?? 0n;
      assertOk(chain.send([ix], [feePayer, payer, fixture.authority]));
      const rent = chain.svm.minimumBalanceForRentExemption(BigInt(PERK_SIZE));
      assert.equal(chain.account(payer.publicKey)?.lamports, payerBefore - rent, "payer paid");
      assert.equal(chain.account(fixture.authority.publicKey)?.lamports, authorityBefore);
      assert.equal(perkState().redeemed, 0);
    });

    it("accepts a 32-byte name (UTF-8 bytes, not characters), a 96-byte URI, no cap and no minimum", async () => {
      const name = "é".repeat(16);
      assert.equal(Buffer.byteLength(name), MAX_PERK_NAME_LEN);
      const uri = "u".repeat(MAX_URI_LEN);
      const ix = await createIx({
        terms: { name, uri, supplyCap: 0, minStaked: 0, costPoints: 0n },
      });
      assertOk(chain.send([ix], [fixture.authority]));
      const perk = perkState();
      assert.equal(perkName(perk), name);
      assert.equal(perk.nameLen, 32);
      assert.equal(perkUri(perk), uri);
      assert.equal(perk.supplyCap, 0);
      assert.equal(perk.minStaked, 0);
      assert.equal(perk.costPoints.toString(), "0");
    });

    it("accepts an empty name and URI, the largest id and a one-second window", async () => {
      const maxId = 2n ** 64n - 1n;
      const ix = await createIx({
        perkId: maxId,
        terms: { name: "", uri: "", startTs: now, endTs: now + 1n },
      });
      assertOk(chain.send([ix], [fixture.authority]));
      const perk = perkState(maxId);
      assert.equal(perk.perkId.toString(), maxId.toString());
      assert.equal(perkName(perk), "");
      assert.equal(perk.uriLen, 0);
      assert.equal(perk.endTs.toString(), (now + 1n).toString());
    });

    it("still creates the perk when someone pre-funded its address", async () => {
      const griefer = chain.fundedKeypair();
      assertOk(
        chain.send(
          [
            SystemProgram.transfer({
              fromPubkey: griefer.publicKey,
              toPubkey: perkAddress(),
              lamports: Number(chain.svm.minimumBalanceForRentExemption(0n)),
            }),
          ],
          [griefer],
        ),
      );
      assertOk(chain.send([await createIx()], [fixture.authority]));
      const account = chain.svm.getAccount(perkAddress());
      assert.ok(account);
      assert.equal(account.owner.toBase58(), IDL.address);
      assert.equal(account.data.length, PERK_SIZE);
      assert.equal(
        BigInt(account.lamports),
        chain.svm.minimumBalanceForRentExemption(BigInt(PERK_SIZE)),
      );
      assert.equal(perkName(perkState()), "Allow-list spot");
    });

    it("gives each perk id its own account, and each pool its own perk 1", async () => {
      assertOk(chain.send([await createIx({ perkId: 1n })], [fixture.authority]));
      assertOk(
        chain.send([await createIx({ perkId: 2n, terms: { name: "Merch" } })], [fixture.authority]),
      );
      assert.equal(perkName(perkState(1n)), "Allow-list spot");
      assert.equal(perkName(perkState(2n)), "Merch");

      const other = await createPool(chain);
      const ix = await createPerkInstruction({
        pool: other.pool,
        authority: other.authority.publicKey,
        perkId: 1n,
        terms: terms({ name: "Role" }),
      });
      assertOk(chain.send([ix], [other.authority]));
      const account = chain.svm.getAccount(findPerkAddress(other.pool, 1n)[0]);
      assert.ok(account);
      const perk = decodePerk(account.data);
      assert.ok(perk.pool.equals(other.pool));
      assert.equal(perkName(perk), "Role");
      assert.equal(perkName(perkState(1n)), "Allow-list spot", "the first pool's perk 1 is intact");
    });
  });

  describe("rejections", () => {
    it("rejects a signer who is not the pool authority (Unauthorized)", async () => {
      const impostor = chain.fundedKeypair();
      const ix = await createIx({ authority: impostor.publicKey });
      expectRejected(ix, [impostor], "Unauthorized");
    });

    it("rejects a missing authority signature (MissingSignature)", async () => {
      const payer = chain.fundedKeypair();
      const ix = await createIx({ payer: payer.publicKey });
      assert.ok(accountMeta(ix, 2).pubkey.equals(fixture.authority.publicKey));
      accountMeta(ix, 2).isSigner = false;
      expectRejected(ix, [payer], "MissingSignature");
    });

    it("rejects a missing payer signature (MissingSignature)", async () => {
      const payer = Keypair.generate().publicKey;
      chain.svm.airdrop(payer, 10n ** 9n);
      const ix = await createIx({ payer });
      assert.ok(accountMeta(ix, 3).pubkey.equals(payer));
      accountMeta(ix, 3).isSigner = false;
      expectRejected(ix, [fixture.authority], "MissingSignature");
    });

    it("rejects a name of 33 bytes (NameTooLong)", async () => {
      const name = "é".repeat(16) + "x";
      assert.equal(Buffer.byteLength(name), 33);
      const ix = await createIx({ terms: { name } });
      expectRejected(ix, [fixture.authority], "NameTooLong");
    });

    it("rejects a URI of 97 bytes (UriTooLong)", async () => {
      const ix = await createIx({ terms: { uri: "u".repeat(MAX_URI_LEN + 1) } });
      expectRejected(ix, [fixture.authority], "UriTooLong");
    });

    it("rejects a window that ends at or before its start (InvalidPerkWindow)", async () => {
      const empty = await createIx({ terms: { startTs: now + 100n, endTs: now + 100n } });
      expectRejected(empty, [fixture.authority], "InvalidPerkWindow");
      const reversed = await createIx({ terms: { startTs: now + 100n, endTs: now + 99n } });
      expectRejected(reversed, [fixture.authority], "InvalidPerkWindow");
    });

    it("rejects a perk address that is not the PDA of the perk id (InvalidPerkAccount)", async () => {
      const otherId = await createIx({ perkId: 1n });
      assert.ok(accountMeta(otherId, 1).pubkey.equals(perkAddress(1n)));
      accountMeta(otherId, 1).pubkey = perkAddress(2n);
      expectRejected(otherId, [fixture.authority], "InvalidPerkAccount");

      const otherPool = await createPool(chain);
      const foreign = await createIx({ perkId: 1n });
      accountMeta(foreign, 1).pubkey = findPerkAddress(otherPool.pool, 1n)[0];
      expectRejected(foreign, [fixture.authority], "InvalidPerkAccount");

      const random = await createIx({ perkId: 1n });
      accountMeta(random, 1).pubkey = Keypair.generate().publicKey;
      expectRejected(random, [fixture.authority], "InvalidPerkAccount");
    });

    it("rejects the same perk id twice (InvalidPerkAccount)", async () => {
      assertOk(chain.send([await createIx()], [fixture.authority]));
      const again = await createIx({ terms: { name: "Overwrite", costPoints: 1n } });
      expectRejected(again, [fixture.authority], "InvalidPerkAccount");
      assert.equal(perkName(perkState()), "Allow-list spot");
    });

    it("rejects a wrong system program (InvalidSystemProgram)", async () => {
      const ix = await createIx();
      assert.ok(accountMeta(ix, 4).pubkey.equals(SystemProgram.programId));
      accountMeta(ix, 4).pubkey = new PublicKey("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA");
      expectRejected(ix, [fixture.authority], "InvalidSystemProgram");
    });

    it("rejects a pool account that is not a pool of this program (InvalidPoolAccount)", async () => {
      const notOurs = await createIx();
      accountMeta(notOurs, 0).pubkey = fixture.collection.mint;
      expectRejected(notOurs, [fixture.authority], "InvalidPoolAccount", [fixture.pool]);

      // An account of this program, but a perk rather than a pool.
      assertOk(chain.send([await createIx({ perkId: 9n })], [fixture.authority]));
      const perkAsPool = await createIx();
      accountMeta(perkAsPool, 0).pubkey = perkAddress(9n);
      expectRejected(perkAsPool, [fixture.authority], "InvalidPoolAccount", [fixture.pool]);
    });

    it("rejects a read-only perk account (AccountNotWritable)", async () => {
      const ix = await createIx();
      accountMeta(ix, 1).isWritable = false;
      expectRejected(ix, [fixture.authority], "AccountNotWritable");
    });

    it("rejects too few accounts (NotEnoughAccounts)", async () => {
      const ix = await createIx();
      ix.keys = ix.keys.slice(0, 4);
      expectRejected(ix, [fixture.authority], "NotEnoughAccounts");
    });

    it("rejects truncated and padded arguments (InvalidInstructionData)", async () => {
      const ix = await createIx();
      expectRejected(truncated(ix), [fixture.authority], "InvalidInstructionData");
      expectRejected(padded(ix), [fixture.authority], "InvalidInstructionData");
      expectRejected(truncated(ix, 16), [fixture.authority], "InvalidInstructionData");
    });

    it("rejects a name that is not UTF-8 (InvalidInstructionData)", async () => {
      const ix = await createIx({ terms: { name: "Allow-list spot" } });
      const data = Buffer.from(ix.data);
      const at = data.indexOf(Buffer.from("Allow-list spot"));
      assert.ok(at > 0);
      data[at] = 0xff;
      expectRejected(
        { ...ix, data } as TransactionInstruction,
        [fixture.authority],
        "InvalidInstructionData",
      );
    });
  });
});
