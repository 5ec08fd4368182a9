import { strict as assert } from "assert";
import { ACCOUNT_SIZE, TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID } from "@solana/spl-token";
import { Keypair, PublicKey, SystemProgram, type TransactionInstruction } from "@solana/web3.js";
import {
  STAKER_HEADER_SIZE,
  STAKE_RECORD_SIZE,
  TierTree,
  claimInstruction,
  findEscrowAddress,
  findStakerAddress,
  parseEvents,
  unstakeInstruction,
  type StakerAccount,
} from "@nft-staking/sdk";
import { TestChain } from "../utils/chain";
import { assertOk, rejecterFor } from "../utils/assertions";
import { createCollectionNfts, createTokenAccount, tokenBalance, type TestNft } from "../utils/nft";
import { writeTokenAccount } from "../utils/nft";
import {
  addStream,
  configurePool,
  createPool,
  fundStream,
  holderWithNfts,
  poolState,
  setTokenBalance,
  stakeNfts,
  stakerState,
  type PoolFixture,
} from "../utils/pool";

/** Lamports of one signature: every test transaction here has one fee payer and one fee. */
const FEE = 5000n;

/** Offset of `Pool::paused`: discriminator (8) + 6 keys, 4 u64s, u32, 8 tiers, 4 locks, bump. */
const POOL_PAUSED_OFFSET = 8 + 293;

type StakeRecord = StakerAccount["records"][number];

/** A record as plain strings, to compare records field by field. */
interface RecordFields {
  mint: string;
  lockUntil: string;
  stakedAt: string;
  weight: string;
  tier: string;
  lockOption: string;
  escrowBump: string;
}

function recordFields(record: StakeRecord): RecordFields {
  return {
    mint: record.mint.toBase58(),
    lockUntil: record.lockUntil.toString(),
    stakedAt: record.stakedAt.toString(),
    weight: record.weight.toString(),
    tier: record.tier.toString(),
    lockOption: record.lockOption.toString(),
    escrowBump: record.escrowBump.toString(),
  };
}

describe("unstake", () => {
  let chain: TestChain;
  let fixture: PoolFixture;

  beforeEach(async () => {
    chain = new TestChain();
    fixture = await createPool(chain);
  });

  const lamports = (address: PublicKey): bigint => chain.account(address)?.lamports ?? 0n;
  const rent = (size: number): bigint => chain.svm.minimumBalanceForRentExemption(BigInt(size));
  const escrowOf = (nft: TestNft): PublicKey => findEscrowAddress(fixture.pool, nft.mint)[0];
  const stakerOf = (owner: PublicKey): PublicKey => findStakerAddress(fixture.pool, owner)[0];

  /** `unstake` of these NFTs by `owner`, to their ATAs unless `tokenAccount` is given. */
  const unstakeIx = (owner: PublicKey, nfts: { mint: PublicKey; tokenAccount?: PublicKey }[]) =>
    unstakeInstruction({
      pool: fixture.pool,
      owner,
      nfts: nfts.map(({ mint, tokenAccount }) => ({ mint, tokenAccount })),
    });

  /** A holder of `count` NFTs who staked them all (optionally with a lock option). */
  async function stakedHolder(count: number, lockOption?: number) {
    const { holder, nfts } = holderWithNfts(fixture, count);
    assertOk(await stakeNfts(fixture, holder, nfts, lockOption));
    return { holder, nfts };
  }

  /** Expects `error` and that nothing changed (see `assertRejected`). */
  const expectRejected = rejecterFor(() => chain);

  /** The accounts an unstake of `nfts` by `owner` touches, before any test tampering. */
  function accountsOf(owner: PublicKey, nfts: TestNft[]): PublicKey[] {
    return [
      fixture.pool,
      stakerOf(owner),
      owner,
      ...nfts.flatMap((nft) => [escrowOf(nft), nft.tokenAccount]),
    ];
  }

  describe("happy paths", () => {
    it("returns the NFT, closes its escrow and refunds escrow rent and the record's 56 bytes", async () => {
      const { holder, nfts } = await stakedHolder(2);
      const [nft, kept] = nfts as [TestNft, TestNft];
      const escrow = escrowOf(nft);
      const stakerAddress = stakerOf(holder.publicKey);
      const keptRecord = stakerState(fixture, holder.publicKey)?.records.find((r) =>
        r.mint.equals(kept.mint),
      );
      assert.ok(keptRecord);
      const stakerBefore = chain.svm.getAccount(stakerAddress);
      assert.ok(stakerBefore);
      assert.equal(stakerBefore.data.length, STAKER_HEADER_SIZE + 2 * STAKE_RECORD_SIZE);
      assert.equal(BigInt(stakerBefore.lamports), rent(stakerBefore.data.length));
      const escrowRent = lamports(escrow);
      assert.equal(escrowRent, rent(ACCOUNT_SIZE));
      assert.equal(tokenBalance(chain, escrow), 1n);
      const holderBefore = lamports(holder.publicKey);
      chain.warp(10);

      assertOk(chain.send([await unstakeIx(holder.publicKey, [nft])], [holder]));

      assert.equal(tokenBalance(chain, nft.tokenAccount), 1n, "the NFT is back");
      assert.equal(chain.account(escrow), null, "escrow closed");
      const stakerAfter = chain.svm.getAccount(stakerAddress);
      assert.ok(stakerAfter);
      assert.equal(stakerAfter.data.length, stakerBefore.data.length - STAKE_RECORD_SIZE);
      assert.equal(BigInt(stakerAfter.lamports), rent(stakerAfter.data.length), "rent-exempt");
      const recordRent = BigInt(stakerBefore.lamports) - BigInt(stakerAfter.lamports);
      assert.equal(recordRent, rent(stakerBefore.data.length) - rent(stakerAfter.data.length));
      assert.ok(recordRent > 0n);
      assert.equal(
        lamports(holder.publicKey),
        holderBefore - FEE + escrowRent + recordRent,
        "escrow rent and the record's rent go back to the holder, less the fee",
      );

      const staker = stakerState(fixture, holder.publicKey);
      assert.ok(staker);
      assert.equal(staker.records.length, 1);
      assert.deepEqual(recordFields(staker.records[0] as StakeRecord), recordFields(keptRecord));
      assert.equal(staker.totalWeight.toString(), "1");
      const pool = poolState(fixture);
      assert.equal(pool.totalWeight.toString(), "1");
      assert.equal(pool.stakedCount.toString(), "1");
      assert.equal(tokenBalance(chain, escrowOf(kept)), 1n, "the other NFT stays escrowed");
    });

    it("emits NftUnstaked with the pool, owner, mint, weight and time", async () => {
      await configurePool(fixture, { lockOptions: [{ durationS: 0, multiplierBps: 25_000 }] });
      const { holder, nfts } = await stakedHolder(1, 0);
      const [nft] = nfts as [TestNft];
      chain.warp(42);
      const result = chain.send([await unstakeIx(holder.publicKey, [nft])], [holder]);
      assertOk(result);
      const events = parseEvents(result.logs);
      assert.equal(events.length, 1);
      const [event] = events;
      assert.equal(event?.name, "nftUnstaked");
      if (event?.name !== "nftUnstaked") return;
      assert.ok(event.data.pool.equals(fixture.pool));
      assert.ok(event.data.owner.equals(holder.publicKey));
      assert.ok(event.data.mint.equals(nft.mint));
      assert.equal(event.data.weight, 2, "weight 1 × 2.5x lock, rounded down");
      assert.equal(event.data.unstakedAt.toString(), chain.now().toString());
    });

    it("unstakes 3 of 5 NFTs, keeps the other 2 records intact, then unstakes the rest", async () => {
      const { holder, nfts } = holderWithNfts(fixture, 5);
      // Distinct weights 1..5 (tiers 0..4) so that a record moved by swap-remove is noticed.
      const tiers = TierTree.fromEntries(nfts.map((nft, tier) => ({ mint: nft.mint, tier })));
      await configurePool(fixture, { tiers, tierWeights: [1, 2, 3, 4, 5] });
      const inputs = nfts.map((nft, tier) => ({
        mint: nft.mint,
        tier,
        proof: tiers.proof(nft.mint),
      }));
      assertOk(await stakeNfts(fixture, holder, inputs.slice(0, 3)));
      assertOk(await stakeNfts(fixture, holder, inputs.slice(3)));
      const [n0, n1, n2, n3, n4] = nfts as [TestNft, TestNft, TestNft, TestNft, TestNft];
      const before = stakerState(fixture, holder.publicKey);
      assert.ok(before);
      assert.equal(before.records.length, 5);
      assert.equal(poolState(fixture).totalWeight.toString(), "15");
      const recordOf = (mint: PublicKey) =>
        before.records.find((record) => record.mint.equals(mint)) as StakeRecord;
      const stakerAddress = stakerOf(holder.publicKey);
      const escrowRent = rent(ACCOUNT_SIZE);
      const holderBefore = lamports(holder.publicKey);
      chain.warp(5);

      const result = chain.send([await unstakeIx(holder.publicKey, [n0, n2, n4])], [holder]);
      assertOk(result);
      for (const nft of [n0, n2, n4]) {
        assert.equal(tokenBalance(chain, nft.tokenAccount), 1n);
        assert.equal(chain.account(escrowOf(nft)), null);
      }
      for (const nft of [n1, n3]) {
        assert.equal(tokenBalance(chain, nft.tokenAccount), 0n);
        assert.equal(tokenBalance(chain, escrowOf(nft)), 1n);
      }
      const middle = stakerState(fixture, holder.publicKey);
      assert.ok(middle);
      assert.equal(middle.totalWeight.toString(), String(2 + 4));
      assert.deepEqual(
        middle.records.map(recordFields).sort((a, b) => a.mint.localeCompare(b.mint)),
        [recordOf(n1.mint), recordOf(n3.mint)]
          .map(recordFields)
          .sort((a, b) => a.mint.localeCompare(b.mint)),
        "the two remaining records are the untouched records of n1 and n3",
      );
      assert.equal(
        chain.svm.getAccount(stakerAddress)?.data.length,
        STAKER_HEADER_SIZE + 2 * STAKE_RECORD_SIZE,
      );
      const pool = poolState(fixture);
      assert.equal(pool.totalWeight.toString(), "6");
      assert.equal(pool.stakedCount.toString(), "2");
      assert.equal(
        lamports(holder.publicKey),
        holderBefore -
          FEE +
          3n * escrowRent +
          rent(STAKER_HEADER_SIZE + 5 * STAKE_RECORD_SIZE) -
          rent(STAKER_HEADER_SIZE + 2 * STAKE_RECORD_SIZE),
      );
      const events = parseEvents(result.logs);
      assert.deepEqual(
        events.map((event) =>
          event.name === "nftUnstaked" ? [event.data.mint.toBase58(), event.data.weight] : [],
        ),
        [
          [n0.mint.toBase58(), 1],
          [n2.mint.toBase58(), 3],
          [n4.mint.toBase58(), 5],
        ],
      );

      assertOk(chain.send([await unstakeIx(holder.publicKey, [n3, n1])], [holder]));
      for (const nft of nfts) assert.equal(tokenBalance(chain, nft.tokenAccount), 1n);
      const after = stakerState(fixture, holder.publicKey);
      assert.equal(after?.records.length, 0);
      assert.equal(after?.totalWeight.toString(), "0");
      const stakerAccount = chain.svm.getAccount(stakerAddress);
      assert.equal(stakerAccount?.data.length, STAKER_HEADER_SIZE);
      assert.equal(BigInt(stakerAccount?.lamports ?? 0), rent(STAKER_HEADER_SIZE));
      assert.equal(poolState(fixture).totalWeight.toString(), "0");
      assert.equal(poolState(fixture).stakedCount.toString(), "0");
    });

    it("works with an empty vault after the stream ended, and the earned rewards stay claimable", async () => {
      const { mint: rewardMint } = await addStream(fixture, { rate: 10n, duration: 100 });
      const { holder, nfts } = await stakedHolder(2);
      chain.warp(250);

      assertOk(chain.send([await unstakeIx(holder.publicKey, nfts)], [holder]));
      for (const nft of nfts) assert.equal(tokenBalance(chain, nft.tokenAccount), 1n);
      const staker = stakerState(fixture, holder.publicKey);
      assert.ok(staker);
      assert.equal(staker.totalWeight.toString(), "0");
      assert.equal(
        staker.streams[0]?.owed.toString(),
        String(10 * 2 * 100),
        "earned until the stream's end is checkpointed into owed",
      );
      assert.equal(poolState(fixture).streams[0]?.owedTotal.toString(), "2000");

      chain.warp(1000);
      await fundStream(fixture, 0, rewardMint, 5_000n);
      const destination = setTokenBalance(chain, holder.publicKey, rewardMint, 0n);
      const claim = await claimInstruction({
        pool: fixture.pool,
        poolAccount: poolState(fixture),
        owner: holder.publicKey,
      });
      assertOk(chain.send([claim], [holder]));
      assert.equal(tokenBalance(chain, destination), 2_000n, "paid after unstaking");
      const paid = stakerState(fixture, holder.publicKey);
      assert.equal(paid?.streams[0]?.owed.toString(), "0");
      assert.equal(paid?.streams[0]?.claimedTotal.toString(), "2000");
    });

    it("keeps what was earned before unstaking and earns nothing after it", async () => {
      const { mint: rewardMint } = await addStream(fixture, { rate: 3n, fund: 1_000_000n });
      const { holder, nfts } = await stakedHolder(2);
      const [first, second] = nfts as [TestNft, TestNft];
      chain.warp(100);
      assertOk(chain.send([await unstakeIx(holder.publicKey, [first])], [holder]));
      assert.equal(stakerState(fixture, holder.publicKey)?.streams[0]?.owed.toString(), "600");
      chain.warp(50);
      assertOk(chain.send([await unstakeIx(holder.publicKey, [second])], [holder]));
      assert.equal(
        stakerState(fixture, holder.publicKey)?.streams[0]?.owed.toString(),
        String(600 + 3 * 50),
      );
      chain.warp(500);
      const destination = setTokenBalance(chain, holder.publicKey, rewardMint, 0n);
      const claim = await claimInstruction({
        pool: fixture.pool,
        poolAccount: poolState(fixture),
        owner: holder.publicKey,
      });
      assertOk(chain.send([claim], [holder]));
      assert.equal(tokenBalance(chain, destination), 750n, "3/s × (2 × 100 s + 1 × 50 s)");
    });

    it("unstakes once the lock has expired, at exactly lock_until", async () => {
      await configurePool(fixture, { lockOptions: [{ durationS: 1_000, multiplierBps: 20_000 }] });
      const stakedAt = chain.now();
      const { holder, nfts } = await stakedHolder(1, 0);
      const [nft] = nfts as [TestNft];
      const record = stakerState(fixture, holder.publicKey)?.records[0];
      assert.equal(record?.lockUntil.toString(), (stakedAt + 1_000n).toString());
      assert.equal(record?.weight, 2);
      assert.equal(poolState(fixture).totalWeight.toString(), "2");
      chain.warp(1_000);

      assertOk(chain.send([await unstakeIx(holder.publicKey, [nft])], [holder]));
      assert.equal(tokenBalance(chain, nft.tokenAccount), 1n);
      assert.equal(poolState(fixture).totalWeight.toString(), "0");
      assert.equal(poolState(fixture).stakedCount.toString(), "0");
    });

    it("unstakes into a token account of the holder that is not the ATA", async () => {
      const { holder, nfts } = await stakedHolder(1);
      const [nft] = nfts as [TestNft];
      const destination = writeTokenAccount(
        chain,
        Keypair.generate().publicKey,
        holder.publicKey,
        nft.mint,
        0n,
      );
      const ix = await unstakeIx(holder.publicKey, [{ mint: nft.mint, tokenAccount: destination }]);
      assertOk(chain.send([ix], [holder]));
      assert.equal(tokenBalance(chain, destination), 1n);
      assert.equal(tokenBalance(chain, nft.tokenAccount), 0n, "the ATA was not used");
      assert.equal(chain.account(escrowOf(nft)), null);
    });

    it("works while the pool is paused", async () => {
      const { holder, nfts } = await stakedHolder(1);
      // No pause instruction exists yet: write Pool::paused directly.
      const account = chain.svm.getAccount(fixture.pool);
      assert.ok(account);
      const data = Uint8Array.from(account.data);
      data[POOL_PAUSED_OFFSET] = 1;
      chain.svm.setAccount(fixture.pool, { ...account, data });
      assert.equal(poolState(fixture).paused, 1);
      assertOk(chain.send([await unstakeIx(holder.publicKey, nfts)], [holder]));
      assert.equal(tokenBalance(chain, (nfts[0] as TestNft).tokenAccount), 1n);
    });
  });

  describe("rejections", () => {
    it("rejects an NFT that is still locked (StakeLocked)", async () => {
      await configurePool(fixture, { lockOptions: [{ durationS: 1_000, multiplierBps: 10_000 }] });
      const { holder, nfts } = await stakedHolder(1, 0);
      chain.warp(999);
      const ix = await unstakeIx(holder.publicKey, nfts);
      expectRejected(ix, [holder], "StakeLocked");
    });

    it("rejects a whole batch when one of its NFTs is locked (StakeLocked)", async () => {
      await configurePool(fixture, { lockOptions: [{ durationS: 1_000, multiplierBps: 10_000 }] });
      const { holder, nfts } = holderWithNfts(fixture, 2);
      const [free, locked] = nfts as [TestNft, TestNft];
      assertOk(await stakeNfts(fixture, holder, [free]));
      assertOk(await stakeNfts(fixture, holder, [locked], 0));
      chain.warp(10);
      const ix = await unstakeIx(holder.publicKey, [free, locked]);
      expectRejected(ix, [holder], "StakeLocked");
    });

    it("rejects an NFT the holder did not stake (NftNotStaked)", async () => {
      const a = await stakedHolder(1);
      const b = await stakedHolder(1);
      const [bNft] = b.nfts as [TestNft];
      // A destination A owns for that mint, so that only the missing record is wrong.
      const destination = createTokenAccount(chain, a.holder.publicKey, bNft.mint);
      const ix = await unstakeIx(a.holder.publicKey, [
        { mint: bNft.mint, tokenAccount: destination },
      ]);
      expectRejected(ix, [a.holder], "NftNotStaked", accountsOf(b.holder.publicKey, b.nfts));
    });

    it("rejects another holder's staker account (InvalidStakerAccount)", async () => {
      const a = await stakedHolder(1);
      const [aNft] = a.nfts as [TestNft];
      const b = chain.fundedKeypair();
      const destination = createTokenAccount(chain, b.publicKey, aNft.mint);
      const ix = await unstakeIx(b.publicKey, [{ mint: aNft.mint, tokenAccount: destination }]);
      const stakerMeta = ix.keys[1];
      assert.ok(stakerMeta);
      stakerMeta.pubkey = stakerOf(a.holder.publicKey);
      expectRejected(ix, [b], "InvalidStakerAccount", accountsOf(a.holder.publicKey, a.nfts));
    });

    it("rejects a signer who passes the real owner's accounts but is not the owner (InvalidStakerAccount)", async () => {
      const a = await stakedHolder(1);
      const b = chain.fundedKeypair();
      const ix = await unstakeIx(a.holder.publicKey, a.nfts);
      const ownerMeta = ix.keys[2];
      assert.ok(ownerMeta && ownerMeta.pubkey.equals(a.holder.publicKey));
      ownerMeta.pubkey = b.publicKey;
      expectRejected(ix, [b], "InvalidStakerAccount", accountsOf(a.holder.publicKey, a.nfts));
    });

    it("rejects the holder's staker account of another pool (InvalidStakerAccount)", async () => {
      const { holder, nfts } = await stakedHolder(1);
      const other = await createPool(chain);
      const otherNfts = createCollectionNfts(chain, holder.publicKey, other.collection.mint, 1);
      assertOk(await stakeNfts(other, holder, otherNfts));
      const ix = await unstakeIx(holder.publicKey, nfts);
      const stakerMeta = ix.keys[1];
      assert.ok(stakerMeta);
      stakerMeta.pubkey = findStakerAddress(other.pool, holder.publicKey)[0];
      expectRejected(ix, [holder], "InvalidStakerAccount", accountsOf(holder.publicKey, nfts));
    });

    it("rejects a token account of the mint that is not the escrow PDA (InvalidEscrow)", async () => {
      const { holder, nfts } = await stakedHolder(1);
      const [nft] = nfts as [TestNft];
      const forged = writeTokenAccount(
        chain,
        Keypair.generate().publicKey,
        holder.publicKey,
        nft.mint,
        0n,
      );
      const ix = await unstakeIx(holder.publicKey, nfts);
      const escrowMeta = ix.keys[4];
      assert.ok(escrowMeta && escrowMeta.pubkey.equals(escrowOf(nft)));
      escrowMeta.pubkey = forged;
      expectRejected(ix, [holder], "InvalidEscrow", accountsOf(holder.publicKey, nfts));
    });

    it("rejects a forged escrow owned by the pool and holding the NFT (InvalidEscrow)", async () => {
      const { holder, nfts } = await stakedHolder(1);
      const [nft] = nfts as [TestNft];
      const forged = writeTokenAccount(
        chain,
        Keypair.generate().publicKey,
        fixture.pool,
        nft.mint,
        1n,
      );
      const ix = await unstakeIx(holder.publicKey, nfts);
      const escrowMeta = ix.keys[4];
      assert.ok(escrowMeta);
      escrowMeta.pubkey = forged;
      expectRejected(ix, [holder], "InvalidEscrow", accountsOf(holder.publicKey, nfts));
    });

    it("rejects an escrow that is not a token account, or passed read-only (InvalidEscrow)", async () => {
      const { holder, nfts } = await stakedHolder(1);
      const notToken = await unstakeIx(holder.publicKey, nfts);
      const escrowMeta = notToken.keys[4];
      assert.ok(escrowMeta);
      escrowMeta.pubkey = holder.publicKey;
      expectRejected(notToken, [holder], "InvalidEscrow", accountsOf(holder.publicKey, nfts));

      const readOnly = await unstakeIx(holder.publicKey, nfts);
      const readOnlyMeta = readOnly.keys[4];
      assert.ok(readOnlyMeta);
      readOnlyMeta.isWritable = false;
      expectRejected(readOnly, [holder], "InvalidEscrow");
    });

    it("rejects an NFT already unstaked: its escrow is closed (InvalidEscrow)", async () => {
      const { holder, nfts } = await stakedHolder(1);
      assertOk(chain.send([await unstakeIx(holder.publicKey, nfts)], [holder]));
      const ix = await unstakeIx(holder.publicKey, nfts);
      expectRejected(ix, [holder], "InvalidEscrow");
    });

    it("rejects a destination owned by someone else (InvalidTokenAccount)", async () => {
      const { holder, nfts } = await stakedHolder(1);
      const [nft] = nfts as [TestNft];
      const thief = Keypair.generate().publicKey;
      const destination = createTokenAccount(chain, thief, nft.mint);
      const ix = await unstakeIx(holder.publicKey, [{ mint: nft.mint, tokenAccount: destination }]);
      expectRejected(ix, [holder], "InvalidTokenAccount", accountsOf(holder.publicKey, nfts));
    });

    it("rejects a destination of another mint (InvalidTokenAccount)", async () => {
      const { holder, nfts } = holderWithNfts(fixture, 2);
      const [staked, unstakedNft] = nfts as [TestNft, TestNft];
      assertOk(await stakeNfts(fixture, holder, [staked]));
      const ix = await unstakeIx(holder.publicKey, [
        { mint: staked.mint, tokenAccount: unstakedNft.tokenAccount },
      ]);
      expectRejected(ix, [holder], "InvalidTokenAccount", accountsOf(holder.publicKey, [staked]));
    });

    it("rejects the same NFT twice in one instruction (DuplicateNft)", async () => {
      const { holder, nfts } = await stakedHolder(2);
      const [nft] = nfts as [TestNft];
      const ix = await unstakeIx(holder.publicKey, [nft, nft]);
      expectRejected(ix, [holder], "DuplicateNft", accountsOf(holder.publicKey, nfts));
    });

    it("rejects a missing owner signature (MissingSignature)", async () => {
      const { holder, nfts } = await stakedHolder(1);
      const ix = await unstakeIx(holder.publicKey, nfts);
      const ownerMeta = ix.keys[2];
      assert.ok(ownerMeta && ownerMeta.pubkey.equals(holder.publicKey));
      ownerMeta.isSigner = false;
      expectRejected(ix, [], "MissingSignature");
    });

    it("rejects a wrong token program (InvalidTokenProgram)", async () => {
      const { holder, nfts } = await stakedHolder(1);
      const ix = await unstakeIx(holder.publicKey, nfts);
      const programMeta = ix.keys[3];
      assert.ok(programMeta && programMeta.pubkey.equals(TOKEN_PROGRAM_ID));
      programMeta.pubkey = SystemProgram.programId;
      expectRejected(ix, [holder], "InvalidTokenProgram", [TOKEN_PROGRAM_ID]);
    });

    it("rejects Token-2022 as the token program (Token2022NotSupported)", async () => {
      const { holder, nfts } = await stakedHolder(1);
      const ix = await unstakeIx(holder.publicKey, nfts);
      const programMeta = ix.keys[3];
      assert.ok(programMeta);
      programMeta.pubkey = TOKEN_2022_PROGRAM_ID;
      expectRejected(ix, [holder], "Token2022NotSupported", [TOKEN_PROGRAM_ID]);
    });

    it("rejects 0 NFTs and more than 16 (InvalidBatchSize)", async () => {
      const { holder, nfts } = await stakedHolder(1);
      const none = await unstakeIx(holder.publicKey, nfts);
      const pair = none.keys.slice(4, 6);
      none.keys = none.keys.slice(0, 4);
      expectRejected(none, [holder], "InvalidBatchSize", accountsOf(holder.publicKey, nfts));

      const seventeen = await unstakeIx(holder.publicKey, nfts);
      seventeen.keys = [
        ...seventeen.keys.slice(0, 4),
        ...Array.from({ length: 17 }, () => pair).flat(),
      ];
      assert.equal(seventeen.keys.length, 4 + 34);
      expectRejected(seventeen, [holder], "InvalidBatchSize");
    });

    it("rejects an odd number of NFT accounts, or fewer than the fixed ones (NotEnoughAccounts)", async () => {
      const { holder, nfts } = await stakedHolder(2);
      const all = accountsOf(holder.publicKey, nfts);
      const short = await unstakeIx(holder.publicKey, nfts);
      short.keys = short.keys.slice(0, 7);
      expectRejected(short, [holder], "NotEnoughAccounts", all);

      const long = await unstakeIx(holder.publicKey, nfts.slice(0, 1));
      const extra = long.keys[4];
      assert.ok(extra);
      long.keys = [...long.keys, extra];
      expectRejected(long, [holder], "NotEnoughAccounts", all);

      const fixedOnly = await unstakeIx(holder.publicKey, nfts);
      fixedOnly.keys = fixedOnly.keys.slice(0, 3);
      expectRejected(fixedOnly, [holder], "NotEnoughAccounts", all);
    });

    it("rejects a read-only pool, staker or owner (AccountNotWritable)", async () => {
      const { holder, nfts } = await stakedHolder(1);
      for (const index of [0, 1, 2]) {
        const ix = await unstakeIx(holder.publicKey, nfts);
        const meta = ix.keys[index];
        assert.ok(meta);
        meta.isWritable = false;
        expectRejected(ix, [holder], "AccountNotWritable");
      }
    });

    it("rejects a pool account that is not a pool of this program (InvalidPoolAccount)", async () => {
      const { holder, nfts } = await stakedHolder(1);
      const ix = await unstakeIx(holder.publicKey, nfts);
      const poolMeta = ix.keys[0];
      assert.ok(poolMeta);
      poolMeta.pubkey = fixture.collection.mint;
      expectRejected(ix, [holder], "InvalidPoolAccount", accountsOf(holder.publicKey, nfts));
    });

    it("rejects instruction data after the discriminator (InvalidInstructionData)", async () => {
      const { holder, nfts } = await stakedHolder(1);
      const ix = await unstakeIx(holder.publicKey, nfts);
      const padded = { ...ix, data: Buffer.concat([ix.data, Buffer.from([0])]) };
      expectRejected(padded as TransactionInstruction, [holder], "InvalidInstructionData");
    });
  });
});
