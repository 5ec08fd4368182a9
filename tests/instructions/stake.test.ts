import { strict as assert } from "assert";
import {
  ACCOUNT_SIZE,
  AccountLayout,
  AccountState,
  TOKEN_2022_PROGRAM_ID,
  TOKEN_PROGRAM_ID,
} from "@solana/spl-token";
import {
  Keypair,
  PublicKey,
  SystemProgram,
  Transaction,
  type TransactionInstruction,
} from "@solana/web3.js";
import {
  DEFAULT_TIER,
  STAKER_HEADER_SIZE,
  STAKE_RECORD_SIZE,
  TierTree,
  findEscrowAddress,
  findPoolAddress,
  findStakerAddress,
  initializePoolInstruction,
  PROGRAM_ID,
  parseEvents,
  stakeInstruction,
  setPausedInstruction,
  sunsetPoolInstruction,
  type StakeNftInput,
} from "@nft-staking/sdk";
import { TestChain, type TxResult } from "../utils/chain";
import { assertOk, rejecterFor } from "../utils/assertions";
import { recordComputeUnits } from "../utils/compute";
import {
  createCollection,
  createNft,
  createTokenAccount,
  tokenBalance,
  type NftOptions,
  type TestNft,
} from "../utils/nft";
import { writeTokenAccount as writeAnyTokenAccount } from "../utils/nft";
import {
  configurePool,
  createPool,
  holderWithNfts,
  poolState,
  stakeNfts,
  stakerState,
  type PoolFixture,
} from "../utils/pool";

/** Lock option value recorded for an NFT staked without a lock. */
const NO_LOCK = 255;
/** Fee of a one-signature transaction in LiteSVM. */
const FEE = 5000n;
/** Fixed accounts of `stake` before the per-NFT groups, and accounts per NFT. */
const FIXED_ACCOUNTS = 5;
const ACCOUNTS_PER_NFT = 4;

describe("stake", () => {
  let chain: TestChain;
  let fixture: PoolFixture;

  beforeEach(async () => {
    chain = new TestChain();
    fixture = await createPool(chain, { defaultTierWeight: 7 });
  });

  const rent = (bytes: number): bigint => chain.svm.minimumBalanceForRentExemption(BigInt(bytes));
  const lamports = (address: PublicKey): bigint => chain.account(address)?.lamports ?? 0n;
  const escrowOf = (mint: PublicKey): PublicKey => findEscrowAddress(fixture.pool, mint)[0];
  const stakerOf = (owner: PublicKey): PublicKey => findStakerAddress(fixture.pool, owner)[0];

  /** An NFT of the pool's collection (verified unless `options` say otherwise) for `owner`. */
  const poolNft = (owner: PublicKey, options: NftOptions = {}): TestNft =>
    createNft(chain, owner, { collection: fixture.collection.mint, ...options });

  /** `stake` for `owner` and these NFTs in the fixture's pool. */
  const stakeIx = (
    owner: PublicKey,
    nfts: StakeNftInput[],
    lockOption?: number,
  ): Promise<TransactionInstruction> =>
    stakeInstruction({ pool: fixture.pool, owner, nfts, lockOption });

  /** Expects `error` and that nothing changed (see `assertRejected`). */
  const expectRejected = rejecterFor(() => chain);

  /** The escrow of `mint` exists, is a rent-exempt SPL token account of the pool holding 1. */
  function assertEscrowHolds(mint: PublicKey, expectedLamports = rent(ACCOUNT_SIZE)): void {
    const address = escrowOf(mint);
    const account = chain.svm.getAccount(address);
    assert.ok(account, `escrow of ${mint.toBase58()} missing`);
    assert.ok(account.owner.equals(TOKEN_PROGRAM_ID), "escrow owned by the token program");
    assert.equal(account.data.length, ACCOUNT_SIZE);
    assert.equal(BigInt(account.lamports), expectedLamports);
    const token = AccountLayout.decode(account.data);
    assert.ok(token.mint.equals(mint));
    assert.ok(token.owner.equals(fixture.pool), "token owner is the pool");
    assert.equal(token.amount, 1n);
    assert.equal(token.state, AccountState.Initialized);
    assert.equal(tokenBalance(chain, address), 1n);
  }

  /** The `nftStaked` events of a result, in order. */
  function stakedEvents(result: TxResult) {
    return parseEvents(result.logs).flatMap((event) =>
      event.name === "nftStaked" ? [event.data] : [],
    );
  }

  /** Account data length of a staker with `records` records. */
  const stakerSize = (records: number): number => STAKER_HEADER_SIZE + STAKE_RECORD_SIZE * records;

  /** Writes an initialized SPL token account at `address` (not an ATA). */
  function writeTokenAccount(
    address: PublicKey,
    owner: PublicKey,
    mint: PublicKey,
    amount: bigint,
  ): void {
    writeAnyTokenAccount(chain, address, owner, mint, amount);
  }

  /** Length of `key` … `edition_nonce` of a MetadataV1 account (Borsh, read from the front). */
  function metadataHeadLength(data: Uint8Array): number {
    const bytes = Buffer.from(data);
    let offset = 1 + 32 + 32; // key, update_authority, mint
    for (let i = 0; i < 3; i++) offset += 4 + bytes.readUInt32LE(offset); // name, symbol, uri
    offset += 2; // seller_fee_basis_points
    if (bytes[offset++] === 1) offset += 4 + 34 * bytes.readUInt32LE(offset); // creators
    offset += 2; // primary_sale_happened, is_mutable
    if (bytes[offset++] === 1) offset += 1; // edition_nonce
    return offset;
  }

  /** Whether a legacy transaction with `ix`, signed by `payer`, serializes. */
  function fitsLegacyTransaction(ix: TransactionInstruction, payer: Keypair): boolean {
    const tx = new Transaction().add(ix);
    tx.feePayer = payer.publicKey;
    tx.recentBlockhash = chain.svm.latestBlockhash();
    tx.sign(payer);
    try {
      tx.serialize();
      return true;
    } catch (error) {
      if (error instanceof Error && error.message.includes("Transaction too large")) return false;
      throw error;
    }
  }

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
    assert.equal(staker.totalWeight.toString(), "7");
    assert.equal(staker.records.length, 1);
    const [record] = staker.records;
    assert.ok(record);
    assert.ok(record.mint.equals(nft.mint));
    assert.equal(record.weight, 7, "the pool's default tier weight");
    assert.equal(record.tier, DEFAULT_TIER);
    assert.equal(record.lockOption, NO_LOCK);
    assert.equal(record.lockUntil.toString(), "0");
    assert.equal(record.stakedAt.toString(), now.toString());
    assert.equal(record.escrowBump, findEscrowAddress(fixture.pool, nft.mint)[1]);

    const pool = poolState(fixture);
    assert.equal(pool.totalWeight.toString(), "7");
    assert.equal(pool.stakedCount.toString(), "1");

    const events = stakedEvents(result);
    assert.equal(events.length, 1);
    const [event] = events;
    assert.ok(event);
    assert.ok(event.pool.equals(fixture.pool));
    assert.ok(event.owner.equals(holder.publicKey));
    assert.ok(event.mint.equals(nft.mint));
    assert.equal(event.weight, 7);
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
    assert.equal(account.data.length, stakerSize(2), "grew by 56 bytes");
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
    assert.equal(staker.totalWeight.toString(), "14");
    assertEscrowHolds(first.mint);
    assertEscrowHolds(second.mint);
    assert.equal(poolState(fixture).stakedCount.toString(), "2");
    assert.equal(poolState(fixture).totalWeight.toString(), "14");
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
      staker.records.map((record) => [record.mint.toBase58(), record.tier, record.weight]),
      [
        [gold.mint.toBase58(), 2, tierWeights[2]],
        [silver.mint.toBase58(), 0, tierWeights[0]],
        [plain.mint.toBase58(), DEFAULT_TIER, 3],
      ],
    );
    assert.equal(staker.totalWeight.toString(), "63");
    assert.equal(poolState(fixture).totalWeight.toString(), "63");
    assert.deepEqual(
      stakedEvents(result).map((event) => [event.tier, event.weight]),
      [
        [2, 50],
        [0, 10],
        [DEFAULT_TIER, 3],
      ],
    );
  });

  it("multiplies the weight by the lock option (rounded down) and sets lockUntil", async () => {
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
        record.weight,
        record.tier,
        record.lockOption,
        record.lockUntil.toString(),
      ]),
      [
        [10, 1, 0, lockUntil], // floor(7 × 1.5)
        [4, DEFAULT_TIER, 0, lockUntil], // floor(3 × 1.5)
      ],
    );
    assert.equal(staker.totalWeight.toString(), "14");
    assert.equal(poolState(fixture).totalWeight.toString(), "14");
    assert.deepEqual(
      stakedEvents(result).map((event) => [event.weight, event.lockUntil.toString()]),
      [
        [10, lockUntil],
        [4, lockUntil],
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
    assert.equal(pool.totalWeight.toString(), "28");
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
    // Default-tier NFTs (no proofs): 4 accounts and 7 bytes of arguments each.
    assert.equal(largest, 6, "largest legacy batch");

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
    assert.equal(stakerState(creatorPool, holder.publicKey)?.records[0]?.weight, 5);
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

  it("rejects an NFT of another collection", async () => {
    const holder = chain.fundedKeypair();
    const otherCollection = createCollection(chain, chain.fundedKeypair().publicKey);
    const nft = createNft(chain, holder.publicKey, { collection: otherCollection.mint });
    expectRejected(await stakeIx(holder.publicKey, [nft]), [holder], "WrongCollection");
  });

  it("rejects an NFT whose collection is not verified", async () => {
    const holder = chain.fundedKeypair();
    const nft = poolNft(holder.publicKey, { collectionVerified: false });
    expectRejected(await stakeIx(holder.publicKey, [nft]), [holder], "CollectionNotVerified");
  });

  it("rejects a metadata account owned by another program", async () => {
    const holder = chain.fundedKeypair();
    for (const metadataOwner of [SystemProgram.programId, TOKEN_PROGRAM_ID]) {
      const nft = poolNft(holder.publicKey, { metadataOwner });
      expectRejected(await stakeIx(holder.publicKey, [nft]), [holder], "InvalidMetadataAccount");
    }
  });

  it("rejects metadata describing another mint", async () => {
    const holder = chain.fundedKeypair();
    const nft = poolNft(holder.publicKey, { metadataMint: Keypair.generate().publicKey });
    expectRejected(await stakeIx(holder.publicKey, [nft]), [holder], "MetadataMintMismatch");
  });

  it("rejects fungible mints (supply 2, or decimals 1)", async () => {
    const holder = chain.fundedKeypair();
    for (const options of [{ supply: 2n }, { decimals: 1 }]) {
      const nft = poolNft(holder.publicKey, options);
      expectRejected(await stakeIx(holder.publicKey, [nft]), [holder], "NotAnNft");
    }
  });

  it("rejects a Token-2022 mint", async () => {
    const holder = chain.fundedKeypair();
    const nft = poolNft(holder.publicKey, { tokenProgram: TOKEN_2022_PROGRAM_ID });
    const ix = await stakeIx(holder.publicKey, [
      { mint: nft.mint, tokenAccount: nft.tokenAccount },
    ]);
    expectRejected(ix, [holder], "Token2022NotSupported");
  });

  it("rejects a programmable NFT", async () => {
    const holder = chain.fundedKeypair();
    const nft = poolNft(holder.publicKey, { tokenStandard: 4 });
    expectRejected(await stakeIx(holder.publicKey, [nft]), [holder], "ProgrammableNftNotSupported");
  });

  it("rejects a fungible token standard", async () => {
    const holder = chain.fundedKeypair();
    const nft = poolNft(holder.publicKey, { tokenStandard: 2 });
    expectRejected(await stakeIx(holder.publicKey, [nft]), [holder], "UnsupportedTokenStandard");
  });

  it("rejects metadata truncated right after the edition nonce as not in the collection", async () => {
    const holder = chain.fundedKeypair();
    const probe = poolNft(chain.fundedKeypair().publicKey);
    const headLength = metadataHeadLength(
      chain.svm.getAccount(probe.metadata)?.data ?? new Uint8Array(),
    );
    const nft = poolNft(holder.publicKey, { truncateMetadataTo: headLength });
    const data = chain.svm.getAccount(nft.metadata)?.data;
    assert.equal(data?.length, headLength);
    assert.equal(
      metadataHeadLength(data ?? new Uint8Array()),
      headLength,
      "cut right after edition_nonce",
    );
    expectRejected(await stakeIx(holder.publicKey, [nft]), [holder], "WrongCollection");
  });

  it("rejects the same NFT twice in a batch", async () => {
    const { holder, nfts } = holderWithNfts(fixture, 2);
    const [first, second] = nfts;
    assert.ok(first && second);
    const ix = await stakeIx(holder.publicKey, [
      { mint: first.mint },
      { mint: second.mint },
      { mint: first.mint },
    ]);
    expectRejected(ix, [holder], "DuplicateNft");
  });

  it("rejects a tier proof of another mint, or for another tier", async () => {
    const { holder, nfts } = holderWithNfts(fixture, 2);
    const [nft, other] = nfts;
    assert.ok(nft && other);
    const tree = TierTree.fromEntries([
      { mint: nft.mint, tier: 1 },
      { mint: other.mint, tier: 1 },
      { mint: Keypair.generate().publicKey, tier: 2 },
    ]);
    await configurePool(fixture, { tiers: tree, tierWeights: [10, 20, 30] });

    const otherProof = await stakeIx(holder.publicKey, [
      { mint: nft.mint, tier: 1, proof: tree.proof(other.mint) },
    ]);
    expectRejected(otherProof, [holder], "InvalidTierProof");
    const otherTier = await stakeIx(holder.publicKey, [
      { mint: nft.mint, tier: 2, proof: tree.proof(nft.mint) },
    ]);
    expectRejected(otherTier, [holder], "InvalidTierProof");
  });

  it("rejects a tier whose weight is 0", async () => {
    const { holder, nfts } = holderWithNfts(fixture, 1);
    const [nft] = nfts;
    assert.ok(nft);
    const tree = TierTree.fromEntries([
      { mint: nft.mint, tier: 3 },
      { mint: Keypair.generate().publicKey, tier: 0 },
    ]);
    // Tiers 3..7 are unused (weight 0), though the proof of tier 3 is valid.
    await configurePool(fixture, { tiers: tree, tierWeights: [10, 20, 30] });
    const ix = await stakeIx(holder.publicKey, [
      { mint: nft.mint, tier: 3, proof: tree.proof(nft.mint) },
    ]);
    expectRejected(ix, [holder], "InvalidTier");
  });

  it("rejects a lock option that is not configured", async () => {
    const { holder, nfts } = holderWithNfts(fixture, 1);
    await configurePool(fixture, {
      lockOptions: [{ durationS: 86_400, multiplierBps: 15_000 }],
    });
    for (const lockOption of [1, 3, 4, 255]) {
      const ix = await stakeIx(
        holder.publicKey,
        nfts.map((nft) => ({ mint: nft.mint })),
        lockOption,
      );
      expectRejected(ix, [holder], "InvalidLockOption");
    }
  });

  it("rejects an escrow that is not the PDA of (pool, mint)", async () => {
    const { holder, nfts } = holderWithNfts(fixture, 1);
    const [nft] = nfts;
    assert.ok(nft);
    const ix = await stakeIx(holder.publicKey, [nft]);
    const escrowMeta = ix.keys[FIXED_ACCOUNTS + 3];
    assert.ok(escrowMeta && escrowMeta.pubkey.equals(escrowOf(nft.mint)));
    escrowMeta.pubkey = Keypair.generate().publicKey;
    expectRejected(ix, [holder], "InvalidEscrow", [escrowOf(nft.mint)]);
  });

  it("rejects an escrow address that already holds a token account", async () => {
    const { holder, nfts } = holderWithNfts(fixture, 1);
    const [nft] = nfts;
    assert.ok(nft);
    writeTokenAccount(escrowOf(nft.mint), fixture.pool, nft.mint, 0n);
    expectRejected(await stakeIx(holder.publicKey, [nft]), [holder], "InvalidEscrow");
  });

  it("rejects another holder's staker account, or an address that is not the holder's PDA", async () => {
    const a = holderWithNfts(fixture, 1);
    assertOk(await stakeNfts(fixture, a.holder, a.nfts));
    const b = holderWithNfts(fixture, 1);
    const ix = await stakeIx(b.holder.publicKey, b.nfts);
    const stakerMeta = ix.keys[1];
    assert.ok(stakerMeta && stakerMeta.pubkey.equals(stakerOf(b.holder.publicKey)));
    stakerMeta.pubkey = stakerOf(a.holder.publicKey);
    expectRejected(ix, [b.holder], "InvalidStakerAccount", [stakerOf(b.holder.publicKey)]);
    // Nor may a holder open a staker account anywhere but at their own PDA.
    stakerMeta.pubkey = Keypair.generate().publicKey;
    expectRejected(ix, [b.holder], "InvalidStakerAccount", [stakerOf(b.holder.publicKey)]);
  });

  it("rejects a staker bump that is not the canonical one, first stake or later", async () => {
    // A holder whose Staker seeds also have a valid PDA at a lower bump: the program must not
    // let them open a second Staker there (one position per holder and pool).
    const seeds = (owner: PublicKey) => [
      Buffer.from("staker"),
      fixture.pool.toBuffer(),
      owner.toBuffer(),
    ];
    let found: { holder: Keypair; nfts: TestNft[]; bump: number; address: PublicKey } | null = null;
    while (!found) {
      const candidate = holderWithNfts(fixture, 1);
      const [, canonical] = findStakerAddress(fixture.pool, candidate.holder.publicKey);
      for (let bump = canonical - 1; bump >= 0 && !found; bump--) {
        try {
          const address = PublicKey.createProgramAddressSync(
            [...seeds(candidate.holder.publicKey), Buffer.from([bump])],
            PROGRAM_ID,
          );
          found = { ...candidate, bump, address };
        } catch {
          // on the curve: not a PDA, try the next bump
        }
      }
    }
    const { holder, nfts, bump, address } = found;
    const ix = await stakeIx(holder.publicKey, nfts);
    const withBump = (data: Buffer, value: number) =>
      Buffer.concat([data.subarray(0, data.length - 1), Buffer.from([value])]);
    const stakerMeta = ix.keys[1];
    assert.ok(stakerMeta);
    const canonicalAddress = stakerMeta.pubkey;
    // the valid, non-canonical PDA with its bump
    stakerMeta.pubkey = address;
    const nonCanonical = { ...ix, data: withBump(ix.data, bump) } as TransactionInstruction;
    expectRejected(nonCanonical, [holder], "InvalidStakerBump", [address, canonicalAddress]);
    // the canonical address with a bump that does not derive it
    stakerMeta.pubkey = canonicalAddress;
    const mismatched = { ...ix, data: withBump(ix.data, bump) } as TransactionInstruction;
    expectRejected(mismatched, [holder], "InvalidStakerAccount", [canonicalAddress]);
    // once the Staker exists, the bump must match the one it stores
    assertOk(chain.send([ix], [holder]));
    const next = await stakeIx(holder.publicKey, [poolNft(holder.publicKey)]);
    const wrong = { ...next, data: withBump(next.data, bump) } as TransactionInstruction;
    expectRejected(wrong, [holder], "InvalidStakerBump", [canonicalAddress]);
  });

  it("rejects a token account that does not hold the NFT", async () => {
    const { holder, nfts } = holderWithNfts(fixture, 1);
    const [nft] = nfts;
    assert.ok(nft);
    // Someone else's (empty) token account of that mint.
    const stranger = createTokenAccount(chain, Keypair.generate().publicKey, nft.mint, 0n);
    const ix = await stakeIx(holder.publicKey, [{ mint: nft.mint, tokenAccount: stranger }]);
    expectRejected(ix, [holder], "InvalidTokenAccount", [nft.tokenAccount]);
    // The holder's own second, empty, token account of that mint.
    const empty = Keypair.generate().publicKey;
    writeTokenAccount(empty, holder.publicKey, nft.mint, 0n);
    const own = await stakeIx(holder.publicKey, [{ mint: nft.mint, tokenAccount: empty }]);
    expectRejected(own, [holder], "InvalidTokenAccount", [nft.tokenAccount]);
  });

  it("rejects a missing owner signature", async () => {
    const { holder, nfts } = holderWithNfts(fixture, 1);
    const ix = await stakeIx(holder.publicKey, nfts);
    const ownerMeta = ix.keys[2];
    assert.ok(ownerMeta && ownerMeta.pubkey.equals(holder.publicKey));
    ownerMeta.isSigner = false;
    expectRejected(ix, [], "MissingSignature");
  });

  it("rejects 0 or 17 NFTs before looking at the accounts", async () => {
    const { holder, nfts } = holderWithNfts(fixture, 1);
    const ix = await stakeIx(holder.publicKey, nfts);
    // data: discriminator (8), lock_option None (1), nfts count (u32), then per NFT
    // tier None (1), proof length (u32 = 0), escrow_bump, metadata_bump: 7 bytes; staker_bump.
    const header = ix.data.subarray(0, 9);
    const entry = ix.data.subarray(13, 20);
    const stakerBump = ix.data.subarray(20);
    assert.equal(ix.data.length, 21);
    for (const count of [0, 17]) {
      const countBytes = Buffer.alloc(4);
      countBytes.writeUInt32LE(count);
      const entries = Array<Buffer>(count).fill(entry);
      const data = Buffer.concat([header, countBytes, ...entries, stakerBump]);
      expectRejected({ ...ix, data } as TransactionInstruction, [holder], "InvalidBatchSize");
    }
  });

  it("rejects an account list that does not match the NFTs argument", async () => {
    const { holder, nfts } = holderWithNfts(fixture, 2);
    const ix = await stakeIx(holder.publicKey, nfts);
    assert.equal(ix.keys.length, FIXED_ACCOUNTS + 2 * ACCOUNTS_PER_NFT);
    const oneGroup = { ...ix, keys: ix.keys.slice(0, FIXED_ACCOUNTS + ACCOUNTS_PER_NFT) };
    expectRejected(oneGroup as TransactionInstruction, [holder], "NotEnoughAccounts", [
      ...ix.keys.map((key) => key.pubkey),
    ]);
    const partialGroup = { ...ix, keys: ix.keys.slice(0, -1) };
    expectRejected(partialGroup as TransactionInstruction, [holder], "NotEnoughAccounts", [
      ...ix.keys.map((key) => key.pubkey),
    ]);
  });

  it("rejects a token program that is not SPL Token", async () => {
    const { holder, nfts } = holderWithNfts(fixture, 1);
    const ix = await stakeIx(holder.publicKey, nfts);
    const tokenMeta = ix.keys[3];
    assert.ok(tokenMeta && tokenMeta.pubkey.equals(TOKEN_PROGRAM_ID));
    tokenMeta.pubkey = Keypair.generate().publicKey;
    expectRejected(ix, [holder], "InvalidTokenProgram");
    tokenMeta.pubkey = TOKEN_2022_PROGRAM_ID;
    expectRejected(ix, [holder], "Token2022NotSupported");
  });

  /** Sends one of the authority's pool instructions. */
  async function asAuthority(ix: Promise<TransactionInstruction>): Promise<void> {
    assertOk(chain.send([await ix], [fixture.authority]));
  }

  it("rejects staking while the pool is paused", async () => {
    const { holder, nfts } = holderWithNfts(fixture, 1);
    const authority = fixture.authority.publicKey;
    await asAuthority(setPausedInstruction({ pool: fixture.pool, authority, paused: true }));
    assert.equal(poolState(fixture).paused, 1);
    expectRejected(await stakeIx(holder.publicKey, nfts), [holder], "PoolPaused");
  });

  it("rejects staking in a sunset pool", async () => {
    const { holder, nfts } = holderWithNfts(fixture, 1);
    const authority = fixture.authority.publicKey;
    await asAuthority(sunsetPoolInstruction({ pool: fixture.pool, authority }));
    assert.equal(poolState(fixture).sunset, 1);
    expectRejected(await stakeIx(holder.publicKey, nfts), [holder], "PoolSunset");
  });
});
