import { strict as assert } from "assert";
import { TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID } from "@solana/spl-token";
import { Keypair, PublicKey, SystemProgram, type TransactionInstruction } from "@solana/web3.js";
import {
  DEFAULT_POOL_LIMITS,
  TierTree,
  STAKER_SEED,
  lockTermsOf,
  setPausedInstruction,
  sunsetPoolInstruction,
} from "@nft-staking/sdk";
import {
  configurePool,
  createCollection,
  createNft,
  createTokenAccount,
  findEditionAddress,
  holderWithNfts,
  lowerValidBump,
  type PoolFixture,
  poolState,
  stakeNfts,
  stakerState,
  type TestChain,
  type TestNft,
  tokenBalance,
  unstakeNfts,
  isPaused as paused,
} from "@nft-staking/dev-kit";
import { accountMeta, assertOk } from "../utils/assertions";
import { stakeFixture, FIXED_ACCOUNTS, ACCOUNTS_PER_NFT } from "./stake.fixture";

describe("stake", () => {
  const suite = stakeFixture();
  const { escrowOf, stakerOf, poolNft, stakeIx, expectRejected, writeTokenAccount } = suite;
  const { metadataHeadLength, asAuthority, nftAccountMeta, stakeWithTermsIx } = suite;
  let chain: TestChain, fixture: PoolFixture;
  beforeEach(() => ({ chain, fixture } = suite));

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
    assert.ok(nftAccountMeta(ix, 0, "escrow").pubkey.equals(escrowOf(nft.mint)));
    nftAccountMeta(ix, 0, "escrow").pubkey = Keypair.generate().publicKey;
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
    let found: { holder: Keypair; nfts: TestNft[]; bump: number; address: PublicKey } | null = null;
    while (!found) {
      const candidate = holderWithNfts(fixture, 1);
      const seeds = [STAKER_SEED, fixture.pool.toBuffer(), candidate.holder.publicKey.toBuffer()];
      const lower = lowerValidBump(seeds);
      if (lower) found = { ...candidate, address: lower[0], bump: lower[1] };
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
    assert.ok(accountMeta(ix, 2).pubkey.equals(holder.publicKey));
    accountMeta(ix, 2).isSigner = false;
    expectRejected(ix, [], "MissingSignature");
  });

  it("rejects 0 or 17 NFTs before looking at the accounts", async () => {
    const { holder, nfts } = holderWithNfts(fixture, 1);
    const ix = await stakeIx(holder.publicKey, nfts);
    // data: discriminator (8), lock None (1), nfts count (u32), then per NFT
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

  it("rejects staking while the pool is paused", async () => {
    const { holder, nfts } = holderWithNfts(fixture, 1);
    const authority = fixture.authority.publicKey;
    await asAuthority(setPausedInstruction({ pool: fixture.pool, authority, paused: true }));
    assert.equal(paused(fixture), true);
    expectRejected(await stakeIx(holder.publicKey, nfts), [holder], "PoolPaused");
  });

  it("rejects staking in a sunset pool", async () => {
    const { holder, nfts } = holderWithNfts(fixture, 1);
    const authority = fixture.authority.publicKey;
    await asAuthority(sunsetPoolInstruction({ pool: fixture.pool, authority }));
    assert.equal(poolState(fixture).sunset, 1);
    expectRejected(await stakeIx(holder.publicKey, nfts), [holder], "PoolSunset");
  });

  describe("edition-locked mints (M-1)", () => {
    it("rejects a mint whose mint authority is not its edition (NftMintNotLocked)", async () => {
      const holder = chain.fundedKeypair();
      const stranger = Keypair.generate().publicKey;
      // The holder (or anyone) could mint a second token into the escrow; None is not what
      // Token Metadata leaves either.
      for (const mintAuthority of [holder.publicKey, stranger, null]) {
        const nft = poolNft(holder.publicKey, { mintAuthority });
        expectRejected(await stakeIx(holder.publicKey, [nft]), [holder], "NftMintNotLocked");
      }
    });

    it("rejects a mint whose freeze authority is a stranger's (NftMintNotLocked)", async () => {
      const holder = chain.fundedKeypair();
      // A freeze authority other than the edition could freeze the escrow: unstake would fail.
      for (const freezeAuthority of [Keypair.generate().publicKey, holder.publicKey]) {
        const nft = poolNft(holder.publicKey, { freezeAuthority });
        expectRejected(await stakeIx(holder.publicKey, [nft]), [holder], "NftMintNotLocked");
      }
    });

    it("rejects a whole batch when one mint is not locked by its edition", async () => {
      const { holder, nfts } = holderWithNfts(fixture, 2);
      const unlocked = poolNft(holder.publicKey, { mintAuthority: holder.publicKey });
      const ix = await stakeIx(holder.publicKey, [...nfts, unlocked]);
      expectRejected(ix, [holder], "NftMintNotLocked");
      for (const nft of nfts) assert.equal(tokenBalance(chain, nft.tokenAccount), 1n);
    });

    it("rejects an NFT without an edition account (InvalidEditionAccount)", async () => {
      const holder = chain.fundedKeypair();
      const nft = poolNft(holder.publicKey, { edition: "none" });
      assert.equal(chain.account(nft.edition), null);
      const ix = await stakeIx(holder.publicKey, [nft]);
      assert.ok(nftAccountMeta(ix, 0, "edition").pubkey.equals(nft.edition));
      expectRejected(ix, [holder], "InvalidEditionAccount");
    });

    it("rejects an edition account not owned by Token Metadata (InvalidEditionAccount)", async () => {
      const holder = chain.fundedKeypair();
      for (const editionOwner of [Keypair.generate().publicKey, TOKEN_PROGRAM_ID]) {
        const nft = poolNft(holder.publicKey, { editionOwner });
        expectRejected(await stakeIx(holder.publicKey, [nft]), [holder], "InvalidEditionAccount");
      }
    });

    it("rejects another mint's edition, or the metadata, in the edition's place (InvalidEditionAccount)", async () => {
      const holder = chain.fundedKeypair();
      const nft = poolNft(holder.publicKey);
      const other = poolNft(chain.fundedKeypair().publicKey);
      for (const impostor of [other.edition, nft.metadata]) {
        const ix = await stakeIx(holder.publicKey, [nft]);
        nftAccountMeta(ix, 0, "edition").pubkey = impostor;
        expectRejected(ix, [holder], "InvalidEditionAccount", [nft.edition]);
      }
    });

    it("rejects a Token Metadata account at the edition PDA that is not an edition (InvalidEditionAccount)", async () => {
      const holder = chain.fundedKeypair();
      const nft = poolNft(holder.publicKey);
      const account = chain.svm.getAccount(nft.edition);
      assert.ok(account);
      // Key 0 (Uninitialized) and 4 (MetadataV1): neither a master nor a print edition.
      for (const key of [0, 4]) {
        const data = Uint8Array.from(account.data);
        data[0] = key;
        chain.svm.setAccount(nft.edition, { ...account, data });
        expectRejected(await stakeIx(holder.publicKey, [nft]), [holder], "InvalidEditionAccount");
      }
    });

    it("rejects metadata whose edition nonce does not derive the edition (InvalidEditionAccount)", async () => {
      const holder = chain.fundedKeypair();
      const nft = poolNft(holder.publicKey, { editionNonce: 0 });
      assert.notEqual(findEditionAddress(nft.mint)[1], 0, "0 is not the edition's bump");
      expectRejected(await stakeIx(holder.publicKey, [nft]), [holder], "InvalidEditionAccount");
    });

    it("rejects a print edition (PrintEditionNotAccepted) unless the pool accepts editions", async () => {
      const holder = chain.fundedKeypair();
      const print = poolNft(holder.publicKey, { edition: "print" });
      expectRejected(await stakeIx(holder.publicKey, [print]), [holder], "PrintEditionNotAccepted");

      await configurePool(fixture, {
        defaultTierWeight: 7,
        limits: { ...DEFAULT_POOL_LIMITS, acceptEditions: true },
      });
      const master = poolNft(holder.publicKey);
      assertOk(await stakeNfts(fixture, holder, [print, master]));
      assert.equal(tokenBalance(chain, print.tokenAccount), 0n);
      assert.equal(tokenBalance(chain, escrowOf(print.mint)), 1n);
      assert.deepEqual(
        stakerState(fixture, holder.publicKey)?.records.map((record) => [
          record.mint.toBase58(),
          record.weight.toString(),
        ]),
        [
          [print.mint.toBase58(), "70000"],
          [master.mint.toBase58(), "70000"],
        ],
      );

      // Turning editions off again refuses new prints but never traps a staked one.
      await configurePool(fixture, { defaultTierWeight: 7, limits: DEFAULT_POOL_LIMITS });
      const another = poolNft(holder.publicKey, { edition: "print" });
      expectRejected(
        await stakeIx(holder.publicKey, [another]),
        [holder],
        "PrintEditionNotAccepted",
      );
      assertOk(await unstakeNfts(fixture, holder, [print]));
      assert.equal(tokenBalance(chain, print.tokenAccount), 1n);
    });
  });

  it("rejects an NFT without a tier proof in a pool that requires one (TierProofRequired)", async () => {
    const { holder, nfts } = holderWithNfts(fixture, 2);
    const [proven, unproven] = nfts as [TestNft, TestNft];
    const tree = TierTree.fromEntries([
      { mint: proven.mint, tier: 1 },
      { mint: unproven.mint, tier: 0 },
    ]);
    await configurePool(fixture, {
      tiers: tree,
      tierWeights: [10, 20],
      defaultTierWeight: 7,
      limits: { ...DEFAULT_POOL_LIMITS, requireTierProof: true },
    });
    const provenInput = { mint: proven.mint, tier: 1, proof: tree.proof(proven.mint) };
    expectRejected(
      await stakeIx(holder.publicKey, [{ mint: unproven.mint }]),
      [holder],
      "TierProofRequired",
    );
    // One NFT without a proof refuses the whole batch.
    expectRejected(
      await stakeIx(holder.publicKey, [provenInput, { mint: unproven.mint }]),
      [holder],
      "TierProofRequired",
    );

    assertOk(await stakeNfts(fixture, holder, [provenInput]));
    const record = stakerState(fixture, holder.publicKey)?.records[0];
    assert.equal(record?.tier, 1);
    assert.equal(record?.weight.toString(), "200000");
  });

  it("rejects lock terms that changed between the holder's view and the stake (LockTermsChanged)", async () => {
    const { holder, nfts } = holderWithNfts(fixture, 1);
    const lockOptions = [
      { durationS: 86_400, multiplierBps: 15_000 },
      { durationS: 172_800, multiplierBps: 20_000 },
    ];
    await configurePool(fixture, { defaultTierWeight: 7, lockOptions });
    const shown = lockTermsOf(poolState(fixture), 0);
    assert.deepEqual(shown, { option: 0, durationS: 86_400, multiplierBps: 15_000 });
    const viewed = await stakeWithTermsIx(holder.publicKey, nfts, shown);

    // The authority lengthens option 0 after the holder read it …
    await configurePool(fixture, {
      defaultTierWeight: 7,
      lockOptions: [{ durationS: 30 * 86_400, multiplierBps: 15_000 }, lockOptions[1]!],
    });
    expectRejected(viewed, [holder], "LockTermsChanged");
    // … or cuts its multiplier and keeps its duration.
    await configurePool(fixture, {
      defaultTierWeight: 7,
      lockOptions: [{ durationS: 86_400, multiplierBps: 12_000 }, lockOptions[1]!],
    });
    expectRejected(viewed, [holder], "LockTermsChanged");
    // Another option's terms under this option's index are not this option's terms either.
    const swapped = { ...lockTermsOf(poolState(fixture), 1), option: 0 };
    expectRejected(
      await stakeWithTermsIx(holder.publicKey, nfts, swapped),
      [holder],
      "LockTermsChanged",
    );

    // A holder who reads the new terms and accepts them is staked on exactly those.
    const current = lockTermsOf(poolState(fixture), 0);
    assertOk(chain.send([await stakeWithTermsIx(holder.publicKey, nfts, current)], [holder]));
    const record = stakerState(fixture, holder.publicKey)?.records[0];
    assert.equal(record?.multiplierBps, 12_000);
    assert.equal(record?.weight.toString(), String(7 * 12_000));
    assert.equal(record?.lockUntil.toString(), (chain.now() + 86_400n).toString());
  });

  it("rejects lock terms sent for a pool that has no lock at all (InvalidLockOption)", async () => {
    const { holder, nfts } = holderWithNfts(fixture, 1);
    const terms = { option: 0, durationS: 86_400, multiplierBps: 15_000 };
    expectRejected(
      await stakeWithTermsIx(holder.publicKey, nfts, terms),
      [holder],
      "InvalidLockOption",
    );
  });
});
