import { strict as assert } from "assert";
import { Keypair, PublicKey } from "@solana/web3.js";
import {
  acceptAuthorityInstruction,
  claimInstruction,
  findPoolAddress,
  findStakerAddress,
  parseEvents,
  poolUri,
  proposeAuthorityInstruction,
  setPausedInstruction,
  unstakeInstruction,
  updatePoolInstruction,
} from "@nft-staking/sdk";
import {
  addStream,
  createPool,
  holderWithNfts,
  type PoolFixture,
  poolState,
  setTokenBalance,
  stakeNfts,
  stakerState,
  TestChain,
  type TestNft,
  tokenBalance,
} from "@nft-staking/dev-kit";
import { assertOk, padded, rejecterFor } from "../utils/assertions";

describe("accept_authority", () => {
  let chain: TestChain;
  let fixture: PoolFixture;

  beforeEach(async () => {
    chain = new TestChain();
    fixture = await createPool(chain);
  });

  /** Proposes `newAuthority` as the pool's current authority `by` (default the fixture's). */
  async function propose(newAuthority: PublicKey, by: Keypair = fixture.authority) {
    const ix = await proposeAuthorityInstruction({
      pool: fixture.pool,
      authority: by.publicKey,
      newAuthority,
    });
    assertOk(chain.send([ix], [by]));
  }

  /** `accept_authority` signed by `newAuthority`. */
  const acceptIx = (newAuthority: PublicKey) =>
    acceptAuthorityInstruction({ pool: fixture.pool, newAuthority });

  /** Proposes then accepts `next`, fees paid by a separate payer; returns the accept result. */
  async function transferTo(next: Keypair) {
    await propose(next.publicKey);
    const payer = chain.fundedKeypair();
    const result = chain.send([await acceptIx(next.publicKey)], [payer, next]);
    assertOk(result);
    return result;
  }

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
      const result = await transferTo(next);
      const events = parseEvents(result.logs);
      assert.equal(events.length, 1);
      const [event] = events;
      assert.equal(event?.name, "authorityAccepted");
      if (event?.name !== "authorityAccepted") return;
      assert.ok(event.data.pool.equals(fixture.pool));
      assert.ok(event.data.previous.equals(fixture.authority.publicKey));
      assert.ok(event.data.authority.equals(next.publicKey));
    });

    it("hands over every admin right: the old authority is refused, the new one succeeds", async () => {
      const next = chain.fundedKeypair();
      await transferTo(next);
      const old = fixture.authority;
      expectRejected(await updateIx(old.publicKey, "old"), [old], "Unauthorized");
      const pause = await setPausedInstruction({
        pool: fixture.pool,
        authority: old.publicKey,
        paused: true,
      });
      expectRejected(pause, [old], "Unauthorized");
      const repropose = await proposeAuthorityInstruction({
        pool: fixture.pool,
        authority: old.publicKey,
        newAuthority: old.publicKey,
      });
      expectRejected(repropose, [old], "Unauthorized");

      assertOk(chain.send([await updateIx(next.publicKey, "new")], [next]));
      assert.equal(poolUri(poolState(fixture)), "new");
    });

    it("accepts a signer holding no lamports (e.g. a multisig vault; fees paid by another)", async () => {
      const vault = Keypair.generate();
      assert.equal(chain.account(vault.publicKey), null);
      await transferTo(vault);
      assert.ok(poolState(fixture).authority.equals(vault.publicKey));
      const payer = chain.fundedKeypair();
      assertOk(chain.send([await updateIx(vault.publicKey, "vault")], [payer, vault]));
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
      const { holder, nfts } = holderWithNfts(fixture, 2);
      assertOk(await stakeNfts(fixture, holder, nfts));
      const stakerBefore = chain.account(findStakerAddress(fixture.pool, holder.publicKey)[0]);
      chain.warp(100);
      await transferTo(chain.fundedKeypair());
      assert.deepEqual(
        chain.account(findStakerAddress(fixture.pool, holder.publicKey)[0]),
        stakerBefore,
        "the staker account did not change",
      );
      assert.equal(poolState(fixture).stakedCount.toString(), "2");

      const destination = setTokenBalance(chain, holder.publicKey, mint, 0n);
      const claim = await claimInstruction({
        pool: fixture.pool,
        poolAccount: poolState(fixture),
        owner: holder.publicKey,
      });
      assertOk(chain.send([claim], [holder]));
      assert.equal(tokenBalance(chain, destination), 400n, "2/s × 2 NFTs × 100 s");

      const unstake = await unstakeInstruction({
        pool: fixture.pool,
        owner: holder.publicKey,
        nfts: nfts.map(({ mint: nftMint }) => ({ mint: nftMint })),
      });
      assertOk(chain.send([unstake], [holder]));
      for (const nft of nfts as TestNft[]) assert.equal(tokenBalance(chain, nft.tokenAccount), 1n);
      assert.equal(stakerState(fixture, holder.publicKey)?.records.length, 0);
      assert.equal(poolState(fixture).stakedCount.toString(), "0");
    });
  });

  describe("rejections", () => {
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
      const next = chain.fundedKeypair();
      await propose(next.publicKey);
      const ix = await acceptIx(next.publicKey);
      const newAuthorityMeta = ix.keys[1];
      assert.ok(newAuthorityMeta && newAuthorityMeta.pubkey.equals(next.publicKey));
      newAuthorityMeta.isSigner = false;
      expectRejected(ix, [], "MissingSignature");
    });

    it("rejects a pool account that is not owned by the program (InvalidPoolAccount)", async () => {
      const next = chain.fundedKeypair();
      await propose(next.publicKey);
      const ix = await acceptIx(next.publicKey);
      const poolMeta = ix.keys[0];
      assert.ok(poolMeta);
      poolMeta.pubkey = fixture.collection.mint;
      expectRejected(ix, [next], "InvalidPoolAccount", [fixture.pool]);
    });

    it("rejects a program account that is not a pool (InvalidPoolAccount)", async () => {
      const { holder, nfts } = holderWithNfts(fixture, 1);
      assertOk(await stakeNfts(fixture, holder, nfts));
      await propose(holder.publicKey);
      const ix = await acceptIx(holder.publicKey);
      const poolMeta = ix.keys[0];
      assert.ok(poolMeta);
      poolMeta.pubkey = findStakerAddress(fixture.pool, holder.publicKey)[0];
      expectRejected(ix, [holder], "InvalidPoolAccount", [fixture.pool]);
    });

    it("rejects instruction data after the discriminator (InvalidInstructionData)", async () => {
      const next = chain.fundedKeypair();
      await propose(next.publicKey);
      const ix = await acceptIx(next.publicKey);
      assert.equal(ix.data.length, 8);
      expectRejected(padded(ix), [next], "InvalidInstructionData");
    });

    it("rejects a read-only pool (AccountNotWritable)", async () => {
      const next = chain.fundedKeypair();
      await propose(next.publicKey);
      const ix = await acceptIx(next.publicKey);
      const poolMeta = ix.keys[0];
      assert.ok(poolMeta);
      poolMeta.isWritable = false;
      expectRejected(ix, [next], "AccountNotWritable");
    });

    it("rejects too few accounts (NotEnoughAccounts)", async () => {
      const next = chain.fundedKeypair();
      await propose(next.publicKey);
      const ix = await acceptIx(next.publicKey);
      ix.keys = ix.keys.slice(0, 1);
      expectRejected(ix, [], "NotEnoughAccounts", [next.publicKey]);
    });
  });
});
