import { strict as assert } from "assert";
import { Keypair, PublicKey } from "@solana/web3.js";
import {
  acceptAuthorityInstruction,
  findStakerAddress,
  parseEvents,
  proposeAuthorityInstruction,
  updatePoolInstruction,
} from "@nft-staking/sdk";
import {
  createPool,
  holderWithNfts,
  type PoolFixture,
  poolState,
  stakeNfts,
  TestChain,
} from "@nft-staking/dev-kit";
import { assertOk, padded, rejecterFor, truncated } from "../utils/assertions";

describe("propose_authority", () => {
  let chain: TestChain;
  let fixture: PoolFixture;

  beforeEach(async () => {
    chain = new TestChain();
    fixture = await createPool(chain);
  });

  /** `propose_authority(newAuthority)` signed by `authority` (the pool's unless given). */
  const proposeIx = (newAuthority: PublicKey, authority: PublicKey = fixture.authority.publicKey) =>
    proposeAuthorityInstruction({ pool: fixture.pool, authority, newAuthority });

  /** Proposes `newAuthority` as the current authority, asserting success. */
  async function propose(newAuthority: PublicKey) {
    const result = chain.send([await proposeIx(newAuthority)], [fixture.authority]);
    assertOk(result);
    return result;
  }

  /** `accept_authority` signed by `newAuthority`. */
  const acceptIx = (newAuthority: PublicKey) =>
    acceptAuthorityInstruction({ pool: fixture.pool, newAuthority });

  /** An `update_pool` by `authority` that changes only the URI. */
  const updateIx = (authority: PublicKey, uri: string) =>
    updatePoolInstruction({
      pool: fixture.pool,
      authority,
      tierRoot: null,
      defaultTierWeight: 1,
      tierWeights: [],
      lockOptions: [],
      uri,
    });

  /** Expects `error` and that nothing changed (see `assertRejected`). */
  const expectRejected = rejecterFor(() => chain);

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
      const result = await propose(next);
      const events = parseEvents(result.logs);
      assert.equal(events.length, 1);
      const [event] = events;
      assert.equal(event?.name, "authorityProposed");
      if (event?.name !== "authorityProposed") return;
      assert.ok(event.data.pool.equals(fixture.pool));
      assert.ok(event.data.authority.equals(fixture.authority.publicKey));
      assert.ok(event.data.proposed.equals(next));
    });

    it("keeps the current authority fully in charge until the proposal is accepted", async () => {
      const next = chain.fundedKeypair();
      await propose(next.publicKey);
      assertOk(
        chain.send(
          [await updateIx(fixture.authority.publicKey, "still mine")],
          [fixture.authority],
        ),
      );
      expectRejected(await updateIx(next.publicKey, "not yet"), [next], "Unauthorized");
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
      const [event] = parseEvents(result.logs);
      assert.equal(event?.name, "authorityProposed");
      if (event?.name !== "authorityProposed") return;
      assert.ok(event.data.proposed.equals(second.publicKey));

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
      const [event] = parseEvents(result.logs);
      assert.equal(event?.name, "authorityProposed");
      if (event?.name !== "authorityProposed") return;
      assert.ok(event.data.proposed.equals(PublicKey.default));
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
      const authorityMeta = ix.keys[1];
      assert.ok(authorityMeta && authorityMeta.pubkey.equals(fixture.authority.publicKey));
      authorityMeta.isSigner = false;
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
      const poolMeta = ix.keys[0];
      assert.ok(poolMeta);
      poolMeta.pubkey = fixture.collection.mint;
      expectRejected(ix, [fixture.authority], "InvalidPoolAccount", [fixture.pool]);
    });

    it("rejects a program account that is not a pool (InvalidPoolAccount)", async () => {
      const { holder, nfts } = holderWithNfts(fixture, 1);
      assertOk(await stakeNfts(fixture, holder, nfts));
      const ix = await proposeIx(Keypair.generate().publicKey);
      const poolMeta = ix.keys[0];
      assert.ok(poolMeta);
      poolMeta.pubkey = findStakerAddress(fixture.pool, holder.publicKey)[0];
      expectRejected(ix, [fixture.authority], "InvalidPoolAccount", [fixture.pool]);
    });

    it("rejects a read-only pool (AccountNotWritable)", async () => {
      const ix = await proposeIx(Keypair.generate().publicKey);
      const poolMeta = ix.keys[0];
      assert.ok(poolMeta);
      poolMeta.isWritable = false;
      expectRejected(ix, [fixture.authority], "AccountNotWritable");
    });

    it("rejects too few accounts (NotEnoughAccounts)", async () => {
      const ix = await proposeIx(Keypair.generate().publicKey);
      ix.keys = ix.keys.slice(0, 1);
      expectRejected(ix, [], "NotEnoughAccounts", [fixture.authority.publicKey]);
    });
  });
});
