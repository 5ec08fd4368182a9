import { strict as assert } from "assert";
import {
  ASSOCIATED_TOKEN_PROGRAM_ID,
  createAssociatedTokenAccountIdempotentInstruction,
  createCloseAccountInstruction,
  getAssociatedTokenAddressSync,
} from "@solana/spl-token";
import {
  ComputeBudgetProgram,
  Keypair,
  PACKET_DATA_SIZE,
  PublicKey,
  type TransactionInstruction,
} from "@solana/web3.js";
import {
  PROGRAM_ID,
  StreamMode,
  addRewardStreamInstruction,
  budgetInstructions,
  buildClaimTransaction,
  buildStakeTransactions,
  buildUnstakeTransactions,
  claimComputeUnits,
  claimInstruction,
  decodePool,
  decodeStaker,
  findPoolAddress,
  findStakerAddress,
  fundRewardStreamInstruction,
  initializePoolInstruction,
  legacyTransactionSize,
  stakeComputeUnits,
  stakedNftCount,
  stakeInstruction,
  stakingProgram,
  unstakeComputeUnits,
} from "@nft-staking/sdk";
import {
  addStream,
  createCollection,
  createCollectionNfts,
  createPool,
  createRewardMint,
  holderWithNfts,
  type PoolFixture,
  poolState,
  PROGRAM_SO,
  setTokenBalance,
  stakeNfts,
  TestChain,
  type TestNft,
  tokenBalance,
  writeTokenAccount,
} from "@nft-staking/dev-kit";
import { assertOk } from "../utils/assertions";

describe("sdk transactions (batching by size and compute)", () => {
  it("splits 20 NFTs into legacy transactions that fit, land, and stay within their CU limit", async () => {
    const chain = new TestChain();
    const fixture = await createPool(chain);
    const { holder, nfts } = holderWithNfts(fixture, 20);
    const txs = await buildStakeTransactions(
      {
        pool: fixture.pool,
        owner: holder.publicKey,
        nfts: nfts.map((nft) => ({ mint: nft.mint })),
      },
      { feePayer: holder.publicKey, priorityFeeMicroLamports: 1_000 },
    );
    assert.ok(txs.length >= 2 && txs.length <= 4, `${txs.length} transactions`);
    for (const tx of txs) {
      assert.ok(legacyTransactionSize(tx.instructions, holder.publicKey) <= PACKET_DATA_SIZE);
      assert.ok(tx.instructions[0]?.programId.equals(ComputeBudgetProgram.programId));
      const result = chain.send(tx.instructions, [holder]);
      assertOk(result);
      const staked = stakedNftCount(tx.instructions.at(-1)!);
      assert.ok(result.computeUnits <= stakeComputeUnits(staked), "limit covers use");
    }
    assert.equal(poolState(fixture).stakedCount.toString(), "20");

    const unstakeTxs = await buildUnstakeTransactions(
      { pool: fixture.pool, owner: holder.publicKey, mints: nfts.map((nft) => nft.mint) },
      { feePayer: holder.publicKey },
    );
    for (const tx of unstakeTxs) assertOk(chain.send(tx.instructions, [holder]));
    assert.equal(poolState(fixture).stakedCount.toString(), "0");
    for (const nft of nfts) assert.equal(tokenBalance(chain, nft.tokenAccount), 1n);
  });

  it("prepends an idempotent ATA creation for destinations that are missing, and it lands", async () => {
    const chain = new TestChain();
    const fixture = await createPool(chain);
    const { holder, nfts } = holderWithNfts(fixture, 2);
    assertOk(chain.send((await stakeTxs(fixture, holder, nfts))[0]!.instructions, [holder]));
    // the holder closed one NFT's token account after staking: unstake must recreate it
    const [kept, recreated] = nfts;
    assert.ok(kept && recreated);
    assertOk(
      chain.send(
        [createCloseAccountInstruction(recreated.tokenAccount, holder.publicKey, holder.publicKey)],
        [holder],
      ),
    );
    assert.equal(chain.account(recreated.tokenAccount), null);
    const [tx] = await buildUnstakeTransactions(
      {
        pool: fixture.pool,
        owner: holder.publicKey,
        mints: nfts.map((n) => n.mint),
        createTokenAccountsFor: [recreated.mint],
      },
      { feePayer: holder.publicKey },
    );
    const programs = tx!.instructions.map((ix) => ix.programId.toBase58());
    assert.equal(programs.filter((id) => id === ASSOCIATED_TOKEN_PROGRAM_ID.toBase58()).length, 1);
    // the real ATA program runs inside the unstake transaction, within the SDK's CU limit
    const result = chain.send(tx!.instructions, [holder]);
    assertOk(result);
    assert.ok(result.logs.includes(`Program ${ASSOCIATED_TOKEN_PROGRAM_ID.toBase58()} invoke [1]`));
    assert.ok(result.computeUnits <= unstakeComputeUnits(2, 1), "limit covers use");
    assert.equal(tokenBalance(chain, kept.tokenAccount), 1n);
    assert.equal(tokenBalance(chain, recreated.tokenAccount), 1n);
  });
});

/** The SDK's stake transactions for `nfts` of `holder`. */
function stakeTxs(fixture: PoolFixture, holder: Keypair, nfts: TestNft[]) {
  return buildStakeTransactions(
    { pool: fixture.pool, owner: holder.publicKey, nfts: nfts.map((nft) => ({ mint: nft.mint })) },
    { feePayer: holder.publicKey },
  );
}

/** The CU limit a transaction's first instruction sets. */
function unitLimitOf(instructions: TransactionInstruction[]): number {
  const [first] = instructions;
  assert.ok(first && first.programId.equals(ComputeBudgetProgram.programId));
  assert.equal(first.data[0], 2, "SetComputeUnitLimit");
  return first.data.readUInt32LE(1);
}

const ataProgramCount = (instructions: TransactionInstruction[]) =>
  instructions.filter((ix) => ix.programId.equals(ASSOCIATED_TOKEN_PROGRAM_ID)).length;

describe("sdk claim transaction", () => {
  let chain: TestChain;
  let fixture: PoolFixture;
  let holder: Keypair;
  let mints: PublicKey[];

  beforeEach(async () => {
    chain = new TestChain();
    fixture = await createPool(chain);
    mints = [
      (await addStream(fixture, { fund: 10_000_000n })).mint,
      (await addStream(fixture, { fund: 10_000_000n })).mint,
    ];
    const staked = holderWithNfts(fixture, 2);
    holder = staked.holder;
    assertOk(await stakeNfts(fixture, holder, staked.nfts));
    chain.warp(100);
  });

  const ata = (mint: PublicKey) => getAssociatedTokenAddressSync(mint, holder.publicKey, true);

  it("creates the missing reward accounts in the claim itself, as the app did by hand", async () => {
    const [held, missing] = mints as [PublicKey, PublicKey];
    setTokenBalance(chain, holder.publicKey, held, 0n); // an account of stream 0's mint exists
    const poolAccount = poolState(fixture);
    const owner = holder.publicKey;
    const tx = await buildClaimTransaction(
      {
        pool: fixture.pool,
        poolAccount,
        owner,
        destinations: [
          { mint: held, ata: ata(held), account: ata(held) },
          { mint: missing, ata: ata(missing), account: null },
        ],
      },
      { feePayer: owner },
    );
    // what app/src/features/rewards/RewardsPanel.tsx built
    const byHand = [
      ...budgetInstructions(claimComputeUnits(2, 1), { feePayer: owner }),
      createAssociatedTokenAccountIdempotentInstruction(owner, ata(missing), owner, missing),
      await claimInstruction({
        pool: fixture.pool,
        poolAccount,
        owner,
        rewardTokenAccounts: [ata(held), ata(missing)],
      }),
    ];
    assert.deepEqual(tx.instructions, byHand);
    assert.ok(tx.feePayer?.equals(owner));
    assert.ok(legacyTransactionSize(tx.instructions, owner) <= PACKET_DATA_SIZE);

    const result = chain.send(tx.instructions, [holder]);
    assertOk(result);
    assert.ok(result.computeUnits <= claimComputeUnits(2, 1), "the limit covers the claim");
    for (const mint of mints) assert.ok(tokenBalance(chain, ata(mint)) > 0n);
  });

  it("takes explicit accounts, creates only what is asked, once per account", async () => {
    const poolAccount = poolState(fixture);
    const [first, second] = mints as [PublicKey, PublicKey];
    const base = { pool: fixture.pool, poolAccount, owner: holder.publicKey };
    const options = { feePayer: holder.publicKey, priorityFeeMicroLamports: 5 };
    const plain = await buildClaimTransaction(base, options);
    assert.equal(ataProgramCount(plain.instructions), 0);
    assert.equal(unitLimitOf(plain.instructions), claimComputeUnits(2, 0));
    assert.ok(plain.instructions[1]?.programId.equals(ComputeBudgetProgram.programId), "fee");

    const tx = await buildClaimTransaction(
      { ...base, createAtaFor: [first, second, second] },
      options,
    );
    assert.equal(ataProgramCount(tx.instructions), 2);
    assert.equal(unitLimitOf(tx.instructions), claimComputeUnits(2, 2));
    const result = chain.send(tx.instructions, [holder]);
    assertOk(result);
    assert.ok(result.computeUnits <= claimComputeUnits(2, 2));

    // another account of the mint, chosen by the holder: no creation for it
    const elsewhere = Keypair.generate().publicKey;
    writeTokenAccount(chain, elsewhere, holder.publicKey, second, 0n);
    chain.warp(10);
    const explicit = await buildClaimTransaction(
      { ...base, poolAccount: poolState(fixture), rewardTokenAccounts: [ata(first), elsewhere] },
      options,
    );
    assert.equal(ataProgramCount(explicit.instructions), 0);
    assertOk(chain.send(explicit.instructions, [holder]));
    assert.ok(tokenBalance(chain, elsewhere) > 0n);
  });

  it("refuses destinations that do not line up with the pool's streams", async () => {
    const base = { pool: fixture.pool, poolAccount: poolState(fixture), owner: holder.publicKey };
    const options = { feePayer: holder.publicKey };
    await assert.rejects(
      buildClaimTransaction({ ...base, destinations: [{ account: null }] }, options),
      /1 destinations for 2 reward streams/,
    );
    const [first, second] = mints as [PublicKey, PublicKey];
    await assert.rejects(
      buildClaimTransaction(
        {
          ...base,
          destinations: [
            { mint: second, account: null },
            { mint: first, account: null },
          ],
        },
        options,
      ),
      /destination 0 is for mint/,
    );
  });
});

describe("sdk builders for a deployment under another program id", () => {
  it("stakes, claims and unstakes with the SDK's batch builders and that program", async () => {
    const chain = new TestChain();
    const programId = Keypair.generate().publicKey;
    chain.svm.addProgramFromFile(programId, PROGRAM_SO);
    const program = stakingProgram(undefined, programId);
    const authority = chain.fundedKeypair(100);
    const collection = createCollection(chain, authority.publicKey);
    const init = await initializePoolInstruction(
      {
        authority: authority.publicKey,
        poolId: 1n,
        collection: collection.mint,
        defaultTierWeight: 1,
      },
      program,
    );
    assertOk(chain.send([init], [authority]));
    const [pool] = findPoolAddress(authority.publicKey, 1n, programId);
    assert.equal(chain.account(findPoolAddress(authority.publicKey, 1n)[0]), null);
    const poolOf = () => decodePool(Buffer.from(chain.svm.getAccount(pool)!.data));

    const mint = createRewardMint(chain);
    const now = chain.now();
    setTokenBalance(chain, authority.publicKey, mint, 1_000_000n);
    assertOk(
      chain.send(
        [
          await addRewardStreamInstruction(
            {
              pool,
              authority: authority.publicKey,
              rewardMint: mint,
              streamIndex: 0,
              mode: StreamMode.SharedEmission,
              rate: 100n,
              startTs: now,
              endTs: now + 86_400n,
            },
            program,
          ),
          await fundRewardStreamInstruction(
            {
              pool,
              funder: authority.publicKey,
              streamIndex: 0,
              rewardMint: mint,
              amount: 1_000_000n,
            },
            program,
          ),
        ],
        [authority],
      ),
    );

    const holder = chain.fundedKeypair();
    const nfts = createCollectionNfts(chain, holder.publicKey, collection.mint, 20);
    const owner = holder.publicKey;
    const [stakerAddress, stakerBump] = findStakerAddress(pool, owner, programId);
    const stakeTxs = await buildStakeTransactions(
      { pool, owner, nfts: nfts.map(({ mint }) => ({ mint })) },
      { feePayer: owner },
      program,
    );
    assert.ok(stakeTxs.length >= 2);
    for (const tx of stakeTxs) {
      const stake = tx.instructions.at(-1)!;
      assert.ok(stake.programId.equals(programId));
      const count = stakedNftCount(stake);
      assert.equal(unitLimitOf(tx.instructions), stakeComputeUnits(count, stakerBump));
      const result = chain.send(tx.instructions, [holder]);
      assertOk(result);
      assert.ok(result.computeUnits <= stakeComputeUnits(count, stakerBump));
    }
    const staker = decodeStaker(Buffer.from(chain.svm.getAccount(stakerAddress)!.data));
    assert.equal(staker.records.length, 20);
    assert.equal(poolOf().stakedCount.toNumber(), 20);

    chain.warp(100);
    const claim = await buildClaimTransaction(
      { pool, poolAccount: poolOf(), owner, destinations: [{ account: null }] },
      { feePayer: owner },
      program,
    );
    assert.ok(claim.instructions.at(-1)!.programId.equals(programId));
    assertOk(chain.send(claim.instructions, [holder]));
    assert.ok(tokenBalance(chain, getAssociatedTokenAddressSync(mint, owner, true)) > 0n);

    const closed = nfts[0]!;
    assertOk(
      chain.send([createCloseAccountInstruction(closed.tokenAccount, owner, owner)], [holder]),
    );
    const unstakeTxs = await buildUnstakeTransactions(
      { pool, owner, mints: nfts.map((nft) => nft.mint), createTokenAccountsFor: [closed.mint] },
      { feePayer: owner },
      program,
    );
    assert.equal(
      unstakeTxs.map((tx) => ataProgramCount(tx.instructions)).reduce((a, b) => a + b),
      1,
    );
    for (const tx of unstakeTxs) {
      const creations = ataProgramCount(tx.instructions);
      const count = tx.instructions.at(-1)!.keys.length / 2 - 2;
      assert.equal(unitLimitOf(tx.instructions), unstakeComputeUnits(count, creations));
      assertOk(chain.send(tx.instructions, [holder]));
    }
    for (const nft of nfts) assert.equal(tokenBalance(chain, nft.tokenAccount), 1n);
    assert.equal(poolOf().stakedCount.toNumber(), 0);
    assert.ok(!programId.equals(PROGRAM_ID));
  });
});

describe("sdk stake builder", () => {
  it("derives each NFT's escrow and metadata addresses once", async () => {
    const pool = Keypair.generate().publicKey;
    const owner = Keypair.generate().publicKey;
    const nfts = [1, 2, 3].map(() => ({
      mint: Keypair.generate().publicKey,
      tokenAccount: Keypair.generate().publicKey,
    }));
    const original = PublicKey.findProgramAddressSync;
    let derivations = 0;
    PublicKey.findProgramAddressSync = (seeds, programId) => {
      derivations++;
      return original.call(PublicKey, seeds, programId);
    };
    try {
      await stakeInstruction({ pool, owner, nfts });
    } finally {
      PublicKey.findProgramAddressSync = original;
    }
    assert.equal(
      derivations,
      1 + 3 * nfts.length,
      "the staker, then escrow, metadata and edition per NFT",
    );
  });
});
