import { strict as assert } from "assert";
import { Keypair, PublicKey, SystemProgram, type TransactionInstruction } from "@solana/web3.js";
import {
  IDL,
  claimInstruction,
  createPerkInstruction,
  decodePerk,
  decodePerkReceipt,
  findPerkAddress,
  findReceiptAddress,
  findStakerAddress,
  parseEvents,
  projectedPoints,
  redeemPerkInstruction,
  unstakeInstruction,
  type PerkAccount,
  type PerkReceiptAccount,
  type PerkTermsInput,
  type StakerAccount,
} from "@nft-staking/sdk";
import { TestChain } from "../utils/chain";
import { assertOk, rejecterFor } from "../utils/assertions";
import { createCollectionNfts, tokenBalance, type TestNft } from "../utils/nft";
import {
  addStream,
  createPool,
  holderWithNfts,
  poolState,
  setTokenBalance,
  stakeNfts,
  stakerState,
  type PoolFixture,
} from "../utils/pool";

/** A realistic unix time, so that windows and timestamps are meaningful. */
const T0 = 1_700_000_000;

/** `PerkReceipt` account size: discriminator + perk, owner, i64, u32, u8, 3 padding bytes. */
const RECEIPT_SIZE = 8 + 32 + 32 + 8 + 4 + 1 + 3;

/** Weight of one default-tier NFT in these tests. */
const WEIGHT = 3n;

describe("redeem_perk", () => {
  let chain: TestChain;
  let fixture: PoolFixture;
  let now: bigint;

  beforeEach(async () => {
    chain = new TestChain();
    chain.warp(T0);
    fixture = await createPool(chain, { defaultTierWeight: Number(WEIGHT) });
    now = chain.now();
  });

  const terms = (overrides: Partial<PerkTermsInput> = {}): PerkTermsInput => ({
    name: "Allow-list spot",
    uri: "https://example.org/perk.json",
    costPoints: 1_000n,
    minStaked: 2,
    supplyCap: 0,
    startTs: now,
    endTs: now + 86_400n,
    ...overrides,
  });

  /** Creates perk `perkId` (1 unless given) of `pool` (the fixture's unless given). */
  async function createPerk(
    overrides: Partial<PerkTermsInput> = {},
    perkId = 1n,
    pool: PoolFixture = fixture,
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

  /** A holder of `count` NFTs of the fixture's collection who staked them all. */
  async function stakedHolder(count: number): Promise<{ holder: Keypair; nfts: TestNft[] }> {
    const { holder, nfts } = holderWithNfts(fixture, count);
    assertOk(await stakeNfts(fixture, holder, nfts));
    return { holder, nfts };
  }

  const redeemIx = (perk: PublicKey, owner: PublicKey) =>
    redeemPerkInstruction({ pool: fixture.pool, perk, owner });

  const stakerOf = (owner: PublicKey): PublicKey => findStakerAddress(fixture.pool, owner)[0];
  const receiptOf = (perk: PublicKey, owner: PublicKey): PublicKey =>
    findReceiptAddress(perk, owner)[0];

  function staker(owner: PublicKey): StakerAccount {
    const state = stakerState(fixture, owner);
    assert.ok(state, "staker account missing");
    return state;
  }

  function perkState(perk: PublicKey): PerkAccount {
    const account = chain.svm.getAccount(perk);
    assert.ok(account, "perk missing");
    return decodePerk(account.data);
  }

  function receiptState(perk: PublicKey, owner: PublicKey): PerkReceiptAccount {
    const account = chain.svm.getAccount(receiptOf(perk, owner));
    assert.ok(account, "receipt missing");
    return decodePerkReceipt(account.data);
  }

  /** Settles the holder's points with a claim (the pool has no streams, so it pays nothing). */
  async function checkpoint(holder: Keypair): Promise<void> {
    const ix = await claimInstruction({
      pool: fixture.pool,
      poolAccount: poolState(fixture),
      owner: holder.publicKey,
    });
    assertOk(chain.send([ix], [holder]));
  }

  const points = (owner: PublicKey): bigint => BigInt(staker(owner).points.toString());
  const lamports = (address: PublicKey): bigint => chain.account(address)?.lamports ?? 0n;

  /** Expects `error` and that nothing changed (see `assertRejected`). */
  const expectRejected = rejecterFor(() => chain);

  describe("happy paths", () => {
    it("accrues weight × seconds of points, exactly as projectedPoints projects", async () => {
      const { holder } = await stakedHolder(2);
      const start = staker(holder.publicKey);
      assert.equal(start.points.toString(), "0");
      assert.equal(start.pointsUpdatedTs.toString(), now.toString());
      assert.equal(start.totalWeight.toString(), (2n * WEIGHT).toString());

      chain.warp(100);
      const projected = projectedPoints(staker(holder.publicKey), chain.now());
      assert.equal(projected, 2n * WEIGHT * 100n);
      await checkpoint(holder);
      assert.equal(points(holder.publicKey), projected);
      assert.equal(staker(holder.publicKey).pointsUpdatedTs.toString(), chain.now().toString());

      // A third NFT: staking checkpoints at the old weight, then the new weight accrues.
      const [extra] = createCollectionNfts(chain, holder.publicKey, fixture.collection.mint, 1);
      assertOk(await stakeNfts(fixture, holder, [extra as TestNft]));
      assert.equal(points(holder.publicKey), projected);
      chain.warp(50);
      const later = projectedPoints(staker(holder.publicKey), chain.now());
      assert.equal(later, projected + 3n * WEIGHT * 50n);
      await checkpoint(holder);
      assert.equal(points(holder.publicKey), later);
    });

    it("spends the cost, counts the redemption, and creates the receipt at the holder's expense", async () => {
      const perk = await createPerk({ costPoints: 1_000n });
      const { holder } = await stakedHolder(2);
      chain.warp(1_000);
      const at = chain.now();
      const projected = projectedPoints(staker(holder.publicKey), at);
      assert.equal(projected, 6_000n);
      const holderBefore = lamports(holder.publicKey);
      const feePayer = chain.fundedKeypair();

      assertOk(chain.send([await redeemIx(perk, holder.publicKey)], [feePayer, holder]));

      const after = staker(holder.publicKey);
      assert.equal(after.points.toString(), (projected - 1_000n).toString());
      assert.equal(after.pointsUpdatedTs.toString(), at.toString());
      assert.equal(perkState(perk).redeemed, 1);

      const [receipt, bump] = findReceiptAddress(perk, holder.publicKey);
      const account = chain.svm.getAccount(receipt);
      assert.ok(account);
      assert.equal(account.owner.toBase58(), IDL.address);
      assert.equal(account.data.length, RECEIPT_SIZE);
      const rent = chain.svm.minimumBalanceForRentExemption(BigInt(RECEIPT_SIZE));
      assert.equal(BigInt(account.lamports), rent, "rent-exempt, and not a lamport more");
      assert.equal(lamports(holder.publicKey), holderBefore - rent, "the holder paid the rent");
      const state = decodePerkReceipt(account.data);
      assert.ok(state.perk.equals(perk));
      assert.ok(state.owner.equals(holder.publicKey));
      assert.equal(state.count, 1);
      assert.equal(state.lastRedeemedAt.toString(), at.toString());
      assert.equal(state.bump, bump);
    });

    it("increments the receipt on a second redemption without creating anything", async () => {
      const perk = await createPerk({ costPoints: 1_000n });
      const { holder } = await stakedHolder(2);
      chain.warp(1_000);
      assertOk(chain.send([await redeemIx(perk, holder.publicKey)], [holder]));
      const receipt = receiptOf(perk, holder.publicKey);
      const receiptLamports = lamports(receipt);

      chain.warp(10);
      const holderBefore = lamports(holder.publicKey);
      const feePayer = chain.fundedKeypair();
      assertOk(chain.send([await redeemIx(perk, holder.publicKey)], [feePayer, holder]));

      assert.equal(lamports(holder.publicKey), holderBefore, "nothing to pay the second time");
      assert.equal(lamports(receipt), receiptLamports);
      assert.equal(chain.svm.getAccount(receipt)?.data.length, RECEIPT_SIZE);
      const state = receiptState(perk, holder.publicKey);
      assert.equal(state.count, 2);
      assert.equal(state.lastRedeemedAt.toString(), chain.now().toString());
      assert.equal(perkState(perk).redeemed, 2);
      assert.equal(points(holder.publicKey), 6n * 1_010n - 2_000n);
    });

    it("emits PerkRedeemed with the points spent and the holder's count", async () => {
      const perk = await createPerk({ costPoints: 250n });
      const { holder } = await stakedHolder(2);
      chain.warp(100);

      for (const count of [1, 2]) {
        const result = chain.send([await redeemIx(perk, holder.publicKey)], [holder]);
        assertOk(result);
        const events = parseEvents(result.logs);
        assert.equal(events.length, 1);
        const [event] = events;
        assert.equal(event?.name, "perkRedeemed");
        if (event?.name !== "perkRedeemed") return;
        assert.ok(event.data.pool.equals(fixture.pool));
        assert.ok(event.data.perk.equals(perk));
        assert.ok(event.data.owner.equals(holder.publicKey));
        assert.equal(event.data.pointsSpent.toString(), "250");
        assert.equal(event.data.count, count);
        assert.equal(event.data.redeemedAt.toString(), chain.now().toString());
      }
    });

    it("redeems at the edges: first second, exact points, exactly min staked, last unit of the cap", async () => {
      const perk = await createPerk({
        costPoints: 600n,
        minStaked: 2,
        supplyCap: 2,
        startTs: now + 100n,
        endTs: now + 200n,
      });
      const a = await stakedHolder(2);
      const b = await stakedHolder(2);
      chain.warp(100); // now == start_ts: 2 × 3 × 100 = 600 points each
      assertOk(chain.send([await redeemIx(perk, a.holder.publicKey)], [a.holder]));
      assert.equal(points(a.holder.publicKey), 0n, "every point spent");

      chain.warp(99); // end_ts − 1, and the last redemption the cap allows
      assertOk(chain.send([await redeemIx(perk, b.holder.publicKey)], [b.holder]));
      assert.equal(perkState(perk).redeemed, 2);
      assert.equal(points(b.holder.publicKey), 6n * 199n - 600n);
    });

    it("keeps points after unstaking: a holder with nothing staked may redeem a perk without minimum", async () => {
      const perk = await createPerk({ costPoints: 500n, minStaked: 0 });
      const { holder, nfts } = await stakedHolder(1);
      chain.warp(200);
      const unstake = await unstakeInstruction({
        pool: fixture.pool,
        owner: holder.publicKey,
        nfts: nfts.map(({ mint }) => ({ mint })),
      });
      assertOk(chain.send([unstake], [holder]));
      assert.equal(staker(holder.publicKey).records.length, 0);
      assert.equal(points(holder.publicKey), 600n);
      chain.warp(1_000); // nothing staked: no more points
      assertOk(chain.send([await redeemIx(perk, holder.publicKey)], [holder]));
      assert.equal(points(holder.publicKey), 100n);
    });

    it("gives each holder their own receipt; an uncapped perk counts them all", async () => {
      const perk = await createPerk({ costPoints: 10n });
      const holders = [await stakedHolder(2), await stakedHolder(3), await stakedHolder(4)];
      chain.warp(10);
      for (const { holder } of holders) {
        assertOk(chain.send([await redeemIx(perk, holder.publicKey)], [holder]));
      }
      assert.equal(perkState(perk).redeemed, 3);
      for (const { holder } of holders) {
        const state = receiptState(perk, holder.publicKey);
        assert.ok(state.owner.equals(holder.publicKey));
        assert.equal(state.count, 1);
      }
    });

    it("affects neither rewards nor unstaking", async () => {
      const { mint } = await addStream(fixture, { rate: 5n, fund: 10_000_000n });
      const perk = await createPerk({ costPoints: 1_000n });
      const spender = await stakedHolder(2);
      const saver = await stakedHolder(2);
      chain.warp(200);
      assertOk(chain.send([await redeemIx(perk, spender.holder.publicKey)], [spender.holder]));
      assert.equal(points(spender.holder.publicKey), 6n * 200n - 1_000n);
      chain.warp(100);

      const paid: bigint[] = [];
      for (const { holder } of [spender, saver]) {
        const destination = setTokenBalance(chain, holder.publicKey, mint, 0n);
        const claim = await claimInstruction({
          pool: fixture.pool,
          poolAccount: poolState(fixture),
          owner: holder.publicKey,
        });
        assertOk(chain.send([claim], [holder]));
        paid.push(tokenBalance(chain, destination));
      }
      assert.deepEqual(paid, [5n * 6n * 300n, 5n * 6n * 300n], "both paid the same");

      const unstake = await unstakeInstruction({
        pool: fixture.pool,
        owner: spender.holder.publicKey,
        nfts: spender.nfts.map(({ mint: nftMint }) => ({ mint: nftMint })),
      });
      assertOk(chain.send([unstake], [spender.holder]));
      for (const nft of spender.nfts) assert.equal(tokenBalance(chain, nft.tokenAccount), 1n);
      assert.equal(poolState(fixture).totalWeight.toString(), (2n * WEIGHT).toString());
      assert.equal(staker(spender.holder.publicKey).records.length, 0);
    });
  });

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
      const padded = { ...ix, data: Buffer.concat([ix.data, Buffer.from([0])]) };
      expectRejected(padded as TransactionInstruction, [holder], "InvalidInstructionData");
    });
  });
});
