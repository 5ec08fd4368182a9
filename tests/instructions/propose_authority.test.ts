import { strict as assert } from "assert";
import { Keypair, PublicKey } from "@solana/web3.js";
import { type PoolFixture, poolState, type TestChain } from "@nft-staking/dev-kit";
import {
  accountMeta,
  assertOk,
  firstEvent,
  onlyEvent,
  padded,
  truncated,
} from "../utils/assertions";
import { poolSuite } from "../utils/suite";

describe("propose_authority", () => {
  const suite = poolSuite();
  const { stakerOf, stakedHolder, proposeIx, propose, acceptIx, updateUriIx } = suite;
  const { expectRejected } = suite;
  let chain: TestChain, fixture: PoolFixture;
  beforeEach(() => ({ chain, fixture } = suite));

  describe("happy paths", () => {
    it("records the pending authority and leaves the authority in place", async () => {
      const next = Keypair.generate().publicKey;
      assert.ok(poolState(fixture).pendingAuthority.equals(PublicKey.default));
      const before = chain.svm.getAccount(fixture.pool);
      assert.ok(before);
      await propose(next);
      const pool = poolState(fixture);
      assert.ok(pool.pendingAuthority.equals(next));
      assert.ok(pool.authority.equals(fixture.authority.publicKey));
      assert.ok(pool.seedAuthority.equals(fixture.authority.publicKey));
      const after = chain.svm.getAccount(fixture.pool);
      assert.ok(after);
      assert.equal(after.lamports, before.lamports);
      const changed = Array.from(after.data).flatMap((byte, i) =>
        byte === before.data[i] ? [] : [i],
      );
      assert.ok(
        changed.every((i) => i >= 8 + 32 && i < 8 + 64),
        "only pending_authority changed",
      );
    });

    it("emits AuthorityProposed", async () => {
      const next = Keypair.generate().publicKey;
      const event = onlyEvent(await propose(next), "authorityProposed");
      assert.ok(event.pool.equals(fixture.pool));
      assert.ok(event.authority.equals(fixture.authority.publicKey));
      assert.ok(event.proposed.equals(next));
    });

    it("keeps the current authority fully in charge until the proposal is accepted", async () => {
      const next = chain.fundedKeypair();
      await propose(next.publicKey);
      assertOk(
        chain.send(
          [await updateUriIx(fixture.authority.publicKey, "still mine")],
          [fixture.authority],
        ),
      );
      expectRejected(await updateUriIx(next.publicKey, "not yet"), [next], "Unauthorized");
      expectRejected(
        await proposeIx(Keypair.generate().publicKey, next.publicKey),
        [next],
        "Unauthorized",
      );
    });

    it("replaces a pending proposal: only the latest proposed key can accept", async () => {
      const first = chain.fundedKeypair();
      const second = chain.fundedKeypair();
      await propose(first.publicKey);
      const result = await propose(second.publicKey);
      assert.ok(poolState(fixture).pendingAuthority.equals(second.publicKey));
      assert.ok(firstEvent(result, "authorityProposed").proposed.equals(second.publicKey));

      expectRejected(await acceptIx(first.publicKey), [first], "NotPendingAuthority");
      assertOk(chain.send([await acceptIx(second.publicKey)], [second]));
      assert.ok(poolState(fixture).authority.equals(second.publicKey));
    });

    it("proposing the same key again is harmless", async () => {
      const next = chain.fundedKeypair();
      await propose(next.publicKey);
      await propose(next.publicKey);
      assert.ok(poolState(fixture).pendingAuthority.equals(next.publicKey));
      assertOk(chain.send([await acceptIx(next.publicKey)], [next]));
      assert.ok(poolState(fixture).authority.equals(next.publicKey));
    });

    it("cancels with the zero key: accept then fails (NoPendingAuthority)", async () => {
      const next = chain.fundedKeypair();
      await propose(next.publicKey);
      const result = await propose(PublicKey.default);
      assert.ok(poolState(fixture).pendingAuthority.equals(PublicKey.default));
      assert.ok(poolState(fixture).authority.equals(fixture.authority.publicKey));
      assert.ok(firstEvent(result, "authorityProposed").proposed.equals(PublicKey.default));
      expectRejected(await acceptIx(next.publicKey), [next], "NoPendingAuthority");
    });

    it("may propose itself (the current authority then accepts, a no-op transfer)", async () => {
      await propose(fixture.authority.publicKey);
      assertOk(chain.send([await acceptIx(fixture.authority.publicKey)], [fixture.authority]));
      const pool = poolState(fixture);
      assert.ok(pool.authority.equals(fixture.authority.publicKey));
      assert.ok(pool.pendingAuthority.equals(PublicKey.default));
    });
  });

  describe("rejections", () => {
    it("rejects a signer who is not the authority (Unauthorized)", async () => {
      const stranger = chain.fundedKeypair();
      expectRejected(
        await proposeIx(stranger.publicKey, stranger.publicKey),
        [stranger],
        "Unauthorized",
      );
      assert.ok(poolState(fixture).pendingAuthority.equals(PublicKey.default));
    });

    it("rejects a non-authority replacing a pending proposal (Unauthorized)", async () => {
      const next = Keypair.generate().publicKey;
      await propose(next);
      const stranger = chain.fundedKeypair();
      expectRejected(
        await proposeIx(stranger.publicKey, stranger.publicKey),
        [stranger],
        "Unauthorized",
      );
      expectRejected(
        await proposeIx(PublicKey.default, stranger.publicKey),
        [stranger],
        "Unauthorized",
      );
      assert.ok(poolState(fixture).pendingAuthority.equals(next));
    });

    it("rejects the authority not signing (MissingSignature)", async () => {
      const ix = await proposeIx(Keypair.generate().publicKey);
      assert.ok(accountMeta(ix, 1).pubkey.equals(fixture.authority.publicKey));
      accountMeta(ix, 1).isSigner = false;
      expectRejected(ix, [], "MissingSignature");
    });

    it("rejects truncated and padded arguments (InvalidInstructionData)", async () => {
      const ix = await proposeIx(Keypair.generate().publicKey);
      assert.equal(ix.data.length, 8 + 32);
      expectRejected(truncated(ix), [fixture.authority], "InvalidInstructionData");
      expectRejected(truncated(ix, 8), [fixture.authority], "InvalidInstructionData");
      expectRejected(padded(ix), [fixture.authority], "InvalidInstructionData");
    });

    it("rejects a pool account that is not owned by the program (InvalidPoolAccount)", async () => {
      const ix = await proposeIx(Keypair.generate().publicKey);
      accountMeta(ix, 0).pubkey = fixture.collection.mint;
      expectRejected(ix, [fixture.authority], "InvalidPoolAccount", [fixture.pool]);
    });

    it("rejects a program account that is not a pool (InvalidPoolAccount)", async () => {
      const { holder } = await stakedHolder(1);
      const ix = await proposeIx(Keypair.generate().publicKey);
      accountMeta(ix, 0).pubkey = stakerOf(holder.publicKey);
      expectRejected(ix, [fixture.authority], "InvalidPoolAccount", [fixture.pool]);
    });

    it("rejects a read-only pool (AccountNotWritable)", async () => {
      const ix = await proposeIx(Keypair.generate().publicKey);
      accountMeta(ix, 0).isWritable = false;
      expectRejected(ix, [fixture.authority], "AccountNotWritable");
    });

    it("rejects too few accounts (NotEnoughAccounts)", async () => {
      const ix = await proposeIx(Keypair.generate().publicKey);
      ix.keys = ix.keys.slice(0, 1);
      expectRejected(ix, [], "NotEnoughAccounts", [fixture.authority.publicKey]);
    });
  });
});
