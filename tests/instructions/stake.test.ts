import { strict as assert } from "assert";
import { ACCOUNT_SIZE, AccountLayout } from "@solana/spl-token";
import { Keypair, SystemProgram } from "@solana/web3.js";
import {
  DEFAULT_TIER,
  STAKE_RECORD_SIZE,
  TierTree,
  findEscrowAddress,
  findPoolAddress,
  findStakerAddress,
  initializePoolInstruction,
  PROGRAM_ID,
} from "@nft-staking/sdk";
import {
  configurePool,
  createNft,
  holderWithNfts,
  type PoolFixture,
  poolState,
  stakeNfts,
  stakerState,
  type TestChain,
  tokenBalance,
} from "@nft-staking/dev-kit";
import { assertOk } from "../utils/assertions";
import { recordComputeUnits } from "../utils/compute";
import { FEE } from "../utils/suite";
import { stakeFixture, BPS, NO_LOCK } from "./stake.fixture";

describe("stake", () => {
  const suite = stakeFixture();
  const { rent, lamports, escrowOf, stakerOf, poolNft, stakeIx, assertEscrowHolds } = suite;
  const { stakedEvents, stakerSize, fitsLegacyTransaction } = suite;
  let chain: TestChain, fixture: PoolFixture;
  beforeEach(() => ({ chain, fixture } = suite));

  it("escrows one NFT at the default tier and creates the holder's staker account", async () => {
    const { holder, nfts } = holderWithNfts(fixture, 1);
    const [nft] = nfts;
    assert.ok(nft);
    const holderBefore = lamports(holder.publicKey);

    const result = await stakeNfts(fixture, holder, [nft]);
    assertOk(result);
    recordComputeUnits("stake 1 (new staker)", result.computeUnits);
    const now = chain.now();

    assert.equal(tokenBalance(chain, nft.tokenAccount), 0n);
    assertEscrowHolds(nft.mint);

    const [stakerAddress, stakerBump] = findStakerAddress(fixture.pool, holder.publicKey);
    const stakerAccount = chain.svm.getAccount(stakerAddress);
    assert.ok(stakerAccount);
    assert.ok(stakerAccount.owner.equals(PROGRAM_ID));
    assert.equal(stakerAccount.data.length, stakerSize(1));
    assert.equal(BigInt(stakerAccount.lamports), rent(stakerSize(1)), "rent-exempt exactly");

    const staker = stakerState(fixture, holder.publicKey);
    assert.ok(staker);
    assert.ok(staker.owner.equals(holder.publicKey));
    assert.ok(staker.pool.equals(fixture.pool));
    assert.equal(staker.bump, stakerBump);
    assert.equal(staker.totalWeight.toString(), "70000");
    assert.equal(staker.records.length, 1);
    const [record] = staker.records;
    assert.ok(record);
    assert.ok(record.mint.equals(nft.mint));
    assert.equal(
      record.weight.toString(),
      String(7 * BPS),
      "the pool's default tier weight, in 1/10,000 units",
    );
    assert.equal(record.multiplierBps, BPS, "no lock: 1x");
    assert.equal(record.tier, DEFAULT_TIER);
    assert.equal(record.lockOption, NO_LOCK);
    assert.equal(record.lockUntil.toString(), "0");
    assert.equal(record.stakedAt.toString(), now.toString());
    assert.equal(record.escrowBump, findEscrowAddress(fixture.pool, nft.mint)[1]);

    const pool = poolState(fixture);
    assert.equal(pool.totalWeight.toString(), "70000");
    assert.equal(pool.stakedCount.toString(), "1");

    const events = stakedEvents(result);
    assert.equal(events.length, 1);
    const [event] = events;
    assert.ok(event);
    assert.ok(event.pool.equals(fixture.pool));
    assert.ok(event.owner.equals(holder.publicKey));
    assert.ok(event.mint.equals(nft.mint));
    assert.equal(event.weight.toString(), "70000");
    assert.equal(event.tier, DEFAULT_TIER);
    assert.equal(event.lockUntil.toString(), "0");
    assert.equal(event.stakedAt.toString(), now.toString());

    assert.equal(
      holderBefore - lamports(holder.publicKey),
      rent(stakerSize(1)) + rent(ACCOUNT_SIZE) + FEE,
      "the holder paid the staker's and the escrow's rent, and the fee",
    );
  });

  it("grows the same staker account by one record on a later stake", async () => {
    const { holder, nfts } = holderWithNfts(fixture, 2);
    const [first, second] = nfts;
    assert.ok(first && second);
    assertOk(await stakeNfts(fixture, holder, [first]));
    const firstStakedAt = chain.now();
    const stakerAddress = stakerOf(holder.publicKey);
    const stakerLamportsBefore = lamports(stakerAddress);

    chain.warp(100);
    const holderBefore = lamports(holder.publicKey);
    const result = await stakeNfts(fixture, holder, [second]);
    assertOk(result);
    recordComputeUnits("stake 1 (existing staker)", result.computeUnits);

    const account = chain.svm.getAccount(stakerAddress);
    assert.ok(account);
    assert.equal(STAKE_RECORD_SIZE, 64);
    assert.equal(account.data.length, stakerSize(2), "grew by 64 bytes");
    assert.equal(BigInt(account.lamports), rent(stakerSize(2)), "rent-exempt exactly");
    assert.equal(
      holderBefore - lamports(holder.publicKey),
      rent(stakerSize(2)) - stakerLamportsBefore + rent(ACCOUNT_SIZE) + FEE,
      "the holder paid exactly the extra rent, the escrow's rent and the fee",
    );

    const staker = stakerState(fixture, holder.publicKey);
    assert.ok(staker);
    assert.equal(staker.records.length, 2);
    assert.ok(staker.records[0]?.mint.equals(first.mint));
    assert.equal(staker.records[0]?.stakedAt.toString(), firstStakedAt.toString());
    assert.ok(staker.records[1]?.mint.equals(second.mint));
    assert.equal(staker.records[1]?.stakedAt.toString(), chain.now().toString());
    assert.equal(staker.totalWeight.toString(), "140000");
    assertEscrowHolds(first.mint);
    assertEscrowHolds(second.mint);
    assert.equal(poolState(fixture).stakedCount.toString(), "2");
    assert.equal(poolState(fixture).totalWeight.toString(), "140000");
  });

  it("weighs NFTs proven in the tier tree by their tier weight", async () => {
    const { holder, nfts } = holderWithNfts(fixture, 3);
    const [gold, silver, plain] = nfts;
    assert.ok(gold && silver && plain);
    const tree = TierTree.fromEntries([
      { mint: gold.mint, tier: 2 },
      { mint: silver.mint, tier: 0 },
      { mint: Keypair.generate().publicKey, tier: 1 },
      { mint: Keypair.generate().publicKey, tier: 2 },
      { mint: Keypair.generate().publicKey, tier: 0 },
    ]);
    const tierWeights = [10, 20, 50];
    await configurePool(fixture, { tiers: tree, tierWeights, defaultTierWeight: 3 });

    const result = await stakeNfts(fixture, holder, [
      { mint: gold.mint, tier: 2, proof: tree.proof(gold.mint) },
      { mint: silver.mint, tier: 0, proof: tree.proof(silver.mint) },
      { mint: plain.mint },
    ]);
    assertOk(result);

    const staker = stakerState(fixture, holder.publicKey);
    assert.ok(staker);
    assert.deepEqual(
      staker.records.map((record) => [
        record.mint.toBase58(),
        record.tier,
        record.weight.toString(),
        record.multiplierBps,
      ]),
      [
        [gold.mint.toBase58(), 2, "500000", BPS],
        [silver.mint.toBase58(), 0, "100000", BPS],
        [plain.mint.toBase58(), DEFAULT_TIER, "30000", BPS],
      ],
    );
    assert.equal(staker.totalWeight.toString(), "630000");
    assert.equal(poolState(fixture).totalWeight.toString(), "630000");
    assert.deepEqual(
      stakedEvents(result).map((event) => [event.tier, event.weight.toString()]),
      [
        [2, "500000"],
        [0, "100000"],
        [DEFAULT_TIER, "30000"],
      ],
    );
  });

  it("multiplies the weight by the lock option exactly (no rounding down) and sets lockUntil", async () => {
    const { holder, nfts } = holderWithNfts(fixture, 2);
    const [tiered, plain] = nfts;
    assert.ok(tiered && plain);
    const tree = TierTree.fromEntries([
      { mint: tiered.mint, tier: 1 },
      { mint: Keypair.generate().publicKey, tier: 0 },
    ]);
    await configurePool(fixture, {
      tiers: tree,
      tierWeights: [10, 7],
      defaultTierWeight: 3,
      lockOptions: [{ durationS: 86_400, multiplierBps: 15_000 }],
    });

    const result = await stakeNfts(
      fixture,
      holder,
      [{ mint: tiered.mint, tier: 1, proof: tree.proof(tiered.mint) }, { mint: plain.mint }],
      0,
    );
    assertOk(result);
    const lockUntil = (chain.now() + 86_400n).toString();

    const staker = stakerState(fixture, holder.publicKey);
    assert.ok(staker);
    assert.deepEqual(
      staker.records.map((record) => [
        record.weight.toString(),
        record.multiplierBps,
        record.tier,
        record.lockOption,
        record.lockUntil.toString(),
      ]),
      [
        ["105000", 15_000, 1, 0, lockUntil], // 7 × 1.5 = 10.5, kept exactly
        ["45000", 15_000, DEFAULT_TIER, 0, lockUntil], // 3 × 1.5 = 4.5
      ],
    );
    assert.equal(staker.totalWeight.toString(), "150000");
    assert.equal(poolState(fixture).totalWeight.toString(), "150000");
    assert.deepEqual(
      stakedEvents(result).map((event) => [event.weight.toString(), event.lockUntil.toString()]),
      [
        ["105000", lockUntil],
        ["45000", lockUntil],
      ],
    );
  });

  it("stakes a batch of 4 NFTs in one instruction", async () => {
    const { holder, nfts } = holderWithNfts(fixture, 4);
    const result = await stakeNfts(fixture, holder, nfts);
    assertOk(result);
    recordComputeUnits("stake 4", result.computeUnits);

    for (const nft of nfts) {
      assert.equal(tokenBalance(chain, nft.tokenAccount), 0n);
      assertEscrowHolds(nft.mint);
    }
    const staker = stakerState(fixture, holder.publicKey);
    assert.ok(staker);
    assert.deepEqual(
      staker.records.map((record) => record.mint.toBase58()),
      nfts.map((nft) => nft.mint.toBase58()),
    );
    const account = chain.svm.getAccount(stakerOf(holder.publicKey));
    assert.equal(account?.data.length, stakerSize(4));
    assert.equal(BigInt(account?.lamports ?? 0), rent(stakerSize(4)));
    const pool = poolState(fixture);
    assert.equal(pool.stakedCount.toString(), "4");
    assert.equal(pool.totalWeight.toString(), "280000");
    assert.deepEqual(
      stakedEvents(result).map((event) => event.mint.toBase58()),
      nfts.map((nft) => nft.mint.toBase58()),
    );
  });

  it("stakes the largest batch that fits a legacy transaction", async () => {
    const { holder, nfts } = holderWithNfts(fixture, 16);
    let largest = 0;
    for (let count = 1; count <= nfts.length; count++) {
      const ix = await stakeIx(
        holder.publicKey,
        nfts.slice(0, count).map((nft) => ({ mint: nft.mint })),
      );
      if (!fitsLegacyTransaction(ix, holder)) break;
      largest = count;
    }
    // Default-tier NFTs (no proofs): 5 accounts (mint, metadata, edition, token account,
    // escrow) and 7 bytes of arguments each.
    assert.equal(largest, 5, "largest legacy batch");

    const batch = nfts.slice(0, largest);
    const result = await stakeNfts(fixture, holder, batch);
    assertOk(result);
    recordComputeUnits(`stake ${largest} (max legacy)`, result.computeUnits);
    for (const nft of batch) assertEscrowHolds(nft.mint);
    assert.equal(stakerState(fixture, holder.publicKey)?.records.length, largest);
    assert.equal(poolState(fixture).stakedCount.toString(), String(largest));
    assert.equal(stakedEvents(result).length, largest);
  });

  it("accepts 607-byte and compact metadata accounts", async () => {
    const holder = chain.fundedKeypair();
    const padded607 = poolNft(holder.publicKey, { layout: "padded607" });
    const compact = poolNft(holder.publicKey, { layout: "compact" });
    assert.equal(chain.svm.getAccount(padded607.metadata)?.data.length, 607);
    assert.ok((chain.svm.getAccount(compact.metadata)?.data.length ?? 0) < 300);

    assertOk(await stakeNfts(fixture, holder, [padded607, compact]));
    assertEscrowHolds(padded607.mint);
    assertEscrowHolds(compact.mint);
    assert.equal(stakerState(fixture, holder.publicKey)?.records.length, 2);
  });

  it("accepts NFTs of a verified creator in a creator-keyed pool", async () => {
    const authority = chain.fundedKeypair();
    const creator = Keypair.generate().publicKey;
    assertOk(
      chain.send(
        [
          await initializePoolInstruction({
            authority: authority.publicKey,
            poolId: 2n,
            collection: null,
            creator,
            defaultTierWeight: 5,
          }),
        ],
        [authority],
      ),
    );
    const [pool] = findPoolAddress(authority.publicKey, 2n);
    const creatorPool: PoolFixture = { ...fixture, authority, pool };
    const holder = chain.fundedKeypair();
    const nft = createNft(chain, holder.publicKey, {
      creators: [{ address: creator, verified: true, share: 100 }],
    });

    const result = await stakeNfts(creatorPool, holder, [nft]);
    assertOk(result);
    const escrow = chain.svm.getAccount(findEscrowAddress(pool, nft.mint)[0]);
    assert.ok(escrow);
    assert.ok(AccountLayout.decode(escrow.data).owner.equals(pool));
    assert.equal(tokenBalance(chain, findEscrowAddress(pool, nft.mint)[0]), 1n);
    assert.equal(tokenBalance(chain, nft.tokenAccount), 0n);
    assert.equal(
      stakerState(creatorPool, holder.publicKey)?.records[0]?.weight.toString(),
      "50000",
    );
    assert.equal(poolState(creatorPool).stakedCount.toString(), "1");
  });

  it("still creates an escrow whose address someone pre-funded", async () => {
    const { holder, nfts } = holderWithNfts(fixture, 2);
    const [below, above] = nfts;
    assert.ok(below && above);
    const griefer = chain.fundedKeypair();
    const aboveRent = rent(ACCOUNT_SIZE) + 1_000n;
    assertOk(
      chain.send(
        [
          SystemProgram.transfer({
            fromPubkey: griefer.publicKey,
            toPubkey: escrowOf(below.mint),
            lamports: Number(rent(0)),
          }),
          SystemProgram.transfer({
            fromPubkey: griefer.publicKey,
            toPubkey: escrowOf(above.mint),
            lamports: Number(aboveRent),
          }),
        ],
        [griefer],
      ),
    );
    const holderBefore = lamports(holder.publicKey);

    assertOk(await stakeNfts(fixture, holder, [below, above]));
    assertEscrowHolds(below.mint, rent(ACCOUNT_SIZE));
    assertEscrowHolds(above.mint, aboveRent);
    assert.equal(
      holderBefore - lamports(holder.publicKey),
      rent(stakerSize(2)) + (rent(ACCOUNT_SIZE) - rent(0)) + FEE,
      "the holder only topped the first escrow up",
    );
  });

  it("still creates the staker account whose address someone pre-funded", async () => {
    const { holder, nfts } = holderWithNfts(fixture, 1);
    const griefer = chain.fundedKeypair();
    const stakerAddress = stakerOf(holder.publicKey);
    assertOk(
      chain.send(
        [
          SystemProgram.transfer({
            fromPubkey: griefer.publicKey,
            toPubkey: stakerAddress,
            lamports: Number(rent(0)),
          }),
        ],
        [griefer],
      ),
    );
    const holderBefore = lamports(holder.publicKey);

    assertOk(await stakeNfts(fixture, holder, nfts));
    const account = chain.svm.getAccount(stakerAddress);
    assert.ok(account);
    assert.ok(account.owner.equals(PROGRAM_ID));
    assert.equal(account.data.length, stakerSize(1));
    assert.equal(BigInt(account.lamports), rent(stakerSize(1)));
    assert.equal(
      holderBefore - lamports(holder.publicKey),
      rent(stakerSize(1)) - rent(0) + rent(ACCOUNT_SIZE) + FEE,
      "the holder only topped the staker account up",
    );
    assert.ok(stakerState(fixture, holder.publicKey)?.owner.equals(holder.publicKey));
  });

  it("accepts a master edition whose mint has no freeze authority (only the edition can mint)", async () => {
    const holder = chain.fundedKeypair();
    const nft = poolNft(holder.publicKey, { freezeAuthority: null });
    assertOk(await stakeNfts(fixture, holder, [nft]));
    assertEscrowHolds(nft.mint);
    assert.equal(tokenBalance(chain, nft.tokenAccount), 0n);
    assert.equal(stakerState(fixture, holder.publicKey)?.records[0]?.weight.toString(), "70000");
  });

  it("accepts an NFT whose metadata predates the edition nonce (the edition bump is searched)", async () => {
    const holder = chain.fundedKeypair();
    const nft = poolNft(holder.publicKey, { editionNonce: null });
    assertOk(await stakeNfts(fixture, holder, [nft]));
    assertEscrowHolds(nft.mint);
    assert.equal(poolState(fixture).stakedCount.toString(), "1");
  });
});
