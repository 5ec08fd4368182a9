import { strict as assert } from "assert";
import { Keypair, PublicKey } from "@solana/web3.js";
import { findPoolAddress, poolUri, setPausedInstruction } from "@nft-staking/sdk";
import {
  addStream,
  type PoolFixture,
  poolState,
  stakerState,
  type TestChain,
  tokenBalance,
} from "@nft-staking/dev-kit";
import { accountMeta, assertOk, onlyEvent, padded } from "../utils/assertions";
import { poolSuite } from "../utils/suite";

describe("accept_authority", () => {
  const suite = poolSuite();
  const { stakerOf, stakedHolder, unstakeIx, claimInto, expectRejected } = suite;
  const { proposeIx, propose, acceptIx, updateUriIx } = suite;
  let chain: TestChain, fixture: PoolFixture;
  beforeEach(() => ({ chain, fixture } = suite));

  /** Proposes then accepts `next`, fees paid by a separate payer; returns the accept result. */
  async function transferTo(next: Keypair) {
    await propose(next.publicKey);
    const payer = chain.fundedKeypair();
    const result = chain.send([await acceptIx(next.publicKey)], [payer, next]);
    assertOk(result);
    return result;
  }

  describe("happy paths", () => {
    it("makes the pending authority the authority and clears the proposal", async () => {
      const next = chain.fundedKeypair();
      const [poolAddress] = findPoolAddress(fixture.authority.publicKey, 1n);
      const before = poolState(fixture);
      await transferTo(next);
      const pool = poolState(fixture);
      assert.ok(pool.authority.equals(next.publicKey));
      assert.ok(pool.pendingAuthority.equals(PublicKey.default));
      assert.ok(
        pool.seedAuthority.equals(fixture.authority.publicKey),
        "the seed authority (a PDA seed) never changes",
      );
      assert.ok(fixture.pool.equals(poolAddress), "the pool keeps its address");
      assert.equal(pool.poolId.toString(), before.poolId.toString());
      assert.equal(pool.bump, before.bump);
      assert.equal(poolUri(pool), poolUri(before));
    });

    it("emits AuthorityAccepted with the previous and the new authority", async () => {
      const next = chain.fundedKeypair();
      const event = onlyEvent(await transferTo(next), "authorityAccepted");
      assert.ok(event.pool.equals(fixture.pool));
      assert.ok(event.previous.equals(fixture.authority.publicKey));
      assert.ok(event.authority.equals(next.publicKey));
    });

    it("hands over every admin right: the old authority is refused, the new one succeeds", async () => {
      const next = chain.fundedKeypair();
      await transferTo(next);
      const old = fixture.authority;
      expectRejected(await updateUriIx(old.publicKey, "old"), [old], "Unauthorized");
      const pause = await setPausedInstruction({
        pool: fixture.pool,
        authority: old.publicKey,
        paused: true,
      });
      expectRejected(pause, [old], "Unauthorized");
      const repropose = await proposeIx(old.publicKey, old.publicKey);
      expectRejected(repropose, [old], "Unauthorized");

      assertOk(chain.send([await updateUriIx(next.publicKey, "new")], [next]));
      assert.equal(poolUri(poolState(fixture)), "new");
    });

    it("accepts a signer holding no lamports (e.g. a multisig vault; fees paid by another)", async () => {
      const vault = Keypair.generate();
      assert.equal(chain.account(vault.publicKey), null);
      await transferTo(vault);
      assert.ok(poolState(fixture).authority.equals(vault.publicKey));
      const payer = chain.fundedKeypair();
      assertOk(chain.send([await updateUriIx(vault.publicKey, "vault")], [payer, vault]));
      assert.equal(poolUri(poolState(fixture)), "vault");
    });

    it("chains transfers: the new authority can hand the pool on, and back", async () => {
      const second = chain.fundedKeypair();
      const third = chain.fundedKeypair();
      await transferTo(second);
      await propose(third.publicKey, second);
      assertOk(chain.send([await acceptIx(third.publicKey)], [third]));
      assert.ok(poolState(fixture).authority.equals(third.publicKey));
      await propose(fixture.authority.publicKey, third);
      assertOk(chain.send([await acceptIx(fixture.authority.publicKey)], [fixture.authority]));
      assert.ok(poolState(fixture).authority.equals(fixture.authority.publicKey));
      assert.ok(poolState(fixture).pendingAuthority.equals(PublicKey.default));
    });

    it("leaves staked NFTs and rewards untouched: holders claim and unstake as before", async () => {
      const { mint } = await addStream(fixture, { rate: 2n, fund: 1_000_000n });
      const { holder, nfts } = await stakedHolder(2);
      const stakerBefore = chain.account(stakerOf(holder.publicKey));
      chain.warp(100);
      await transferTo(chain.fundedKeypair());
      assert.deepEqual(
        chain.account(stakerOf(holder.publicKey)),
        stakerBefore,
        "the staker account did not change",
      );
      assert.equal(poolState(fixture).stakedCount.toString(), "2");

      const [claimed] = await claimInto(holder, [mint]);
      assert.equal(claimed, 400n, "2/s × 2 NFTs × 100 s");

      assertOk(chain.send([await unstakeIx(holder.publicKey, nfts)], [holder]));
      for (const nft of nfts) assert.equal(tokenBalance(chain, nft.tokenAccount), 1n);
      assert.equal(stakerState(fixture, holder.publicKey)?.records.length, 0);
      assert.equal(poolState(fixture).stakedCount.toString(), "0");
    });
  });

  describe("rejections", () => {
    /** A proposed `next` authority and its `accept_authority`, for a test to tamper with. */
    async function proposedAccept() {
      const next = chain.fundedKeypair();
      await propose(next.publicKey);
      return { next, ix: await acceptIx(next.publicKey) };
    }

    it("rejects when nothing is pending (NoPendingAuthority)", async () => {
      const someone = chain.fundedKeypair();
      expectRejected(await acceptIx(someone.publicKey), [someone], "NoPendingAuthority");
      expectRejected(
        await acceptIx(fixture.authority.publicKey),
        [fixture.authority],
        "NoPendingAuthority",
      );
    });

    it("rejects a second accept after the transfer completed (NoPendingAuthority)", async () => {
      const next = chain.fundedKeypair();
      await transferTo(next);
      expectRejected(await acceptIx(next.publicKey), [next], "NoPendingAuthority");
    });

    it("rejects a signer who is not the pending authority (NotPendingAuthority)", async () => {
      const next = Keypair.generate().publicKey;
      await propose(next);
      const stranger = chain.fundedKeypair();
      expectRejected(await acceptIx(stranger.publicKey), [stranger], "NotPendingAuthority");
      assert.ok(poolState(fixture).pendingAuthority.equals(next));
    });

    it("rejects the current authority accepting for the pending one (NotPendingAuthority)", async () => {
      const next = Keypair.generate().publicKey;
      await propose(next);
      expectRejected(
        await acceptIx(fixture.authority.publicKey),
        [fixture.authority],
        "NotPendingAuthority",
      );
    });

    it("rejects the pending authority not signing (MissingSignature)", async () => {
      const { next, ix } = await proposedAccept();
      assert.ok(accountMeta(ix, 1).pubkey.equals(next.publicKey));
      accountMeta(ix, 1).isSigner = false;
      expectRejected(ix, [], "MissingSignature");
    });

    it("rejects a pool account that is not owned by the program (InvalidPoolAccount)", async () => {
      const { next, ix } = await proposedAccept();
      accountMeta(ix, 0).pubkey = fixture.collection.mint;
      expectRejected(ix, [next], "InvalidPoolAccount", [fixture.pool]);
    });

    it("rejects a program account that is not a pool (InvalidPoolAccount)", async () => {
      const { holder } = await stakedHolder(1);
      await propose(holder.publicKey);
      const ix = await acceptIx(holder.publicKey);
      accountMeta(ix, 0).pubkey = stakerOf(holder.publicKey);
      expectRejected(ix, [holder], "InvalidPoolAccount", [fixture.pool]);
    });

    it("rejects instruction data after the discriminator (InvalidInstructionData)", async () => {
      const { next, ix } = await proposedAccept();
      assert.equal(ix.data.length, 8);
      expectRejected(padded(ix), [next], "InvalidInstructionData");
    });

    it("rejects a read-only pool (AccountNotWritable)", async () => {
      const { next, ix } = await proposedAccept();
      accountMeta(ix, 0).isWritable = false;
      expectRejected(ix, [next], "AccountNotWritable");
    });

    it("rejects too few accounts (NotEnoughAccounts)", async () => {
      const { next, ix } = await proposedAccept();
      ix.keys = ix.keys.slice(0, 1);
      expectRejected(ix, [], "NotEnoughAccounts", [next.publicKey]);
    });
  });
});
