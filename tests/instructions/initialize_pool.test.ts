import { strict as assert } from "assert";
import { Keypair, PublicKey, SystemProgram, type TransactionInstruction } from "@solana/web3.js";
import {
  DEFAULT_POOL_LIMITS,
  IDL,
  MAX_LOCK_DURATION_S,
  MAX_PAUSE_S,
  MAX_URI_LEN,
  POOL_SIZE,
  decodePool,
  findPoolAddress,
  initializePoolInstruction,
  poolLimitsOf,
  poolUri,
  type InitializePoolParams,
} from "@nft-staking/sdk";
import { TestChain } from "@nft-staking/dev-kit";
import {
  accountMeta,
  assertOk,
  onlyEvent,
  padded,
  rejecterFor,
  truncated,
} from "../utils/assertions";

describe("initialize_pool", () => {
  let chain: TestChain;
  let authority: Keypair;
  let collection: PublicKey;

  beforeEach(() => {
    chain = new TestChain();
    authority = chain.fundedKeypair();
    collection = Keypair.generate().publicKey;
  });

  const params = (overrides: Partial<InitializePoolParams> = {}): InitializePoolParams => ({
    authority: authority.publicKey,
    poolId: 1n,
    collection,
    defaultTierWeight: 100,
    uri: "https://example.org/pool.json",
    ...overrides,
  });

  /** Expects `error` and that nothing changed (see `assertRejected`). */
  const expectRejected = rejecterFor(() => chain);

  /** The pool PDA of (authority, 1), which a rejected initialization must leave empty. */
  const poolAddress = () => findPoolAddress(authority.publicKey, 1n)[0];

  /** Two years and thirty days: the program's caps on `maxLockS` and `maxPauseS`. */
  const TWO_YEARS = 2 * 365 * 86_400;
  const THIRTY_DAYS = 30 * 86_400;

  it("creates the pool PDA with its authority, keys, tier default and URI", async () => {
    const ix = await initializePoolInstruction(params());
    const result = chain.send([ix], [authority]);
    assertOk(result);

    const [poolAddress, bump] = findPoolAddress(authority.publicKey, 1n);
    const account = chain.svm.getAccount(poolAddress);
    assert.ok(account);
    assert.equal(account.owner.toBase58(), IDL.address);
    assert.equal(POOL_SIZE, 1088);
    assert.equal(account.data.length, 1088);
    assert.equal(
      BigInt(account.lamports),
      chain.svm.minimumBalanceForRentExemption(1088n),
      "rent-exempt, and not a lamport more",
    );
    const pool = decodePool(account.data);
    assert.ok(pool.authority.equals(authority.publicKey));
    assert.ok(pool.seedAuthority.equals(authority.publicKey));
    assert.ok(pool.pendingAuthority.equals(PublicKey.default));
    assert.ok(pool.collection.equals(collection));
    assert.ok(pool.creator.equals(PublicKey.default));
    assert.equal(pool.poolId.toString(), "1");
    assert.equal(pool.defaultTierWeight, 100);
    assert.equal(pool.bump, bump);
    assert.equal(pool.pausedUntil.toString(), "0");
    assert.equal(pool.streamCount, 0);
    assert.equal(pool.stakedCount.toString(), "0");
    assert.equal(pool.createdAt.toString(), chain.svm.getClock().unixTimestamp.toString());
    assert.equal(poolUri(pool), "https://example.org/pool.json");
    assert.equal(pool.maxLockS, 365 * 86_400, "default: locks up to a year");
    assert.equal(pool.maxPauseS, 7 * 86_400, "default: pauses up to a week");
    assert.equal(pool.flags, 0, "default: originals only, the default tier allowed");
    assert.deepEqual(poolLimitsOf(pool), DEFAULT_POOL_LIMITS);
  });

  it("stores the limits it is given, up to the program's caps", async () => {
    const limits = {
      maxLockS: TWO_YEARS,
      maxPauseS: THIRTY_DAYS,
      acceptEditions: true,
      requireTierProof: true,
    };
    assertOk(chain.send([await initializePoolInstruction(params({ limits }))], [authority]));
    const pool = decodePool(chain.svm.getAccount(poolAddress())?.data ?? new Uint8Array());
    assert.equal(pool.maxLockS, TWO_YEARS);
    assert.equal(pool.maxPauseS, THIRTY_DAYS);
    assert.equal(pool.flags, 3, "accepts editions | requires tier proofs");
    assert.deepEqual(poolLimitsOf(pool), limits);

    const smallest = { maxLockS: 0, maxPauseS: 1, acceptEditions: false, requireTierProof: true };
    const ix = await initializePoolInstruction(params({ poolId: 2n, limits: smallest }));
    assertOk(chain.send([ix], [authority]));
    const [second] = findPoolAddress(authority.publicKey, 2n);
    const other = decodePool(chain.svm.getAccount(second)?.data ?? new Uint8Array());
    assert.deepEqual(poolLimitsOf(other), smallest);
    assert.equal(other.flags, 2);
  });

  it("emits PoolInitialized", async () => {
    const creator = Keypair.generate().publicKey;
    const result = chain.send(
      [await initializePoolInstruction(params({ poolId: 7n, creator }))],
      [authority],
    );
    assertOk(result);
    const event = onlyEvent(result, "poolInitialized");
    const [poolAddress] = findPoolAddress(authority.publicKey, 7n);
    assert.ok(event.pool.equals(poolAddress));
    assert.ok(event.authority.equals(authority.publicKey));
    assert.ok(event.collection.equals(collection));
    assert.ok(event.creator.equals(creator));
    assert.equal(event.poolId.toString(), "7");
    assert.equal(event.defaultTierWeight, 100);
  });

  it("accepts a creator-only pool, a separate rent payer and the largest pool id", async () => {
    const payer = chain.fundedKeypair();
    const creator = Keypair.generate().publicKey;
    const maxId = 2n ** 64n - 1n;
    const ix = await initializePoolInstruction(
      params({ poolId: maxId, collection: null, creator, payer: payer.publicKey }),
    );
    const authorityLamports = chain.account(authority.publicKey)?.lamports;
    assertOk(chain.send([ix], [payer, authority]));
    const [poolAddress] = findPoolAddress(authority.publicKey, maxId);
    const pool = decodePool(chain.svm.getAccount(poolAddress)?.data ?? new Uint8Array());
    assert.ok(pool.creator.equals(creator));
    assert.ok(pool.collection.equals(PublicKey.default));
    assert.equal(pool.poolId.toString(), maxId.toString());
    assert.equal(chain.account(authority.publicKey)?.lamports, authorityLamports, "payer paid");
  });

  it("accepts a URI of exactly 96 bytes", async () => {
    const uri = "u".repeat(MAX_URI_LEN);
    assertOk(chain.send([await initializePoolInstruction(params({ uri }))], [authority]));
    const [poolAddress] = findPoolAddress(authority.publicKey, 1n);
    assert.equal(
      poolUri(decodePool(chain.svm.getAccount(poolAddress)?.data ?? new Uint8Array())),
      uri,
    );
  });

  it("still creates the pool when someone pre-funded its address", async () => {
    const [poolAddress] = findPoolAddress(authority.publicKey, 1n);
    const griefer = chain.fundedKeypair();
    assertOk(
      chain.send(
        [
          SystemProgram.transfer({
            fromPubkey: griefer.publicKey,
            toPubkey: poolAddress,
            lamports: Number(chain.svm.minimumBalanceForRentExemption(0n)),
          }),
        ],
        [griefer],
      ),
    );
    assertOk(chain.send([await initializePoolInstruction(params())], [authority]));
    const account = chain.svm.getAccount(poolAddress);
    assert.equal(account?.data.length, 1088);
    assert.equal(BigInt(account?.lamports ?? 0), chain.svm.minimumBalanceForRentExemption(1088n));
  });

  it("gives each (authority, pool id) its own pool", async () => {
    assertOk(chain.send([await initializePoolInstruction(params({ poolId: 1n }))], [authority]));
    assertOk(chain.send([await initializePoolInstruction(params({ poolId: 2n }))], [authority]));
    const other = chain.fundedKeypair();
    assertOk(
      chain.send(
        [await initializePoolInstruction(params({ authority: other.publicKey, poolId: 1n }))],
        [other],
      ),
    );
  });

  it("rejects a missing authority signature", async () => {
    const payer = chain.fundedKeypair();
    const ix = await initializePoolInstruction(params({ payer: payer.publicKey }));
    const authorityMeta = ix.keys.find((key) => key.pubkey.equals(authority.publicKey));
    assert.ok(authorityMeta);
    authorityMeta.isSigner = false;
    expectRejected(ix, [payer], "MissingSignature");
  });

  it("rejects a second initialization of the same pool", async () => {
    assertOk(chain.send([await initializePoolInstruction(params())], [authority]));
    const again = await initializePoolInstruction(params({ defaultTierWeight: 5 }));
    expectRejected(again, [authority], "PoolAlreadyInitialized");
  });

  it("rejects a wrong system program", async () => {
    const ix = await initializePoolInstruction(params());
    assert.ok(accountMeta(ix, 3).pubkey.equals(SystemProgram.programId));
    accountMeta(ix, 3).pubkey = new PublicKey("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA");
    expectRejected(ix, [authority], "InvalidSystemProgram");
  });

  it("rejects a pool address that is not the PDA of (authority, pool id)", async () => {
    const ix = await initializePoolInstruction(params({ poolId: 1n }));
    const [otherId] = findPoolAddress(authority.publicKey, 2n);
    accountMeta(ix, 0).pubkey = otherId;
    expectRejected(ix, [authority], "InvalidPoolAddress");
  });

  it("rejects a pool whose seeds name another authority", async () => {
    const other = Keypair.generate().publicKey;
    const ix = await initializePoolInstruction(params());
    accountMeta(ix, 0).pubkey = findPoolAddress(other, 1n)[0];
    expectRejected(ix, [authority], "InvalidPoolAddress");
  });

  it("rejects a read-only pool account", async () => {
    const ix = await initializePoolInstruction(params());
    accountMeta(ix, 0).isWritable = false;
    expectRejected(ix, [authority], "AccountNotWritable");
  });

  it("rejects a pool with neither collection nor creator", async () => {
    const ix = await initializePoolInstruction(params({ collection: null, creator: null }));
    expectRejected(ix, [authority], "MissingCollectionOrCreator");
  });

  it("rejects a zero collection key standing in for 'none'", async () => {
    const ix = await initializePoolInstruction(params({ collection: PublicKey.default }));
    expectRejected(ix, [authority], "MissingCollectionOrCreator");
  });

  it("rejects a default tier weight of zero", async () => {
    const ix = await initializePoolInstruction(params({ defaultTierWeight: 0 }));
    expectRejected(ix, [authority], "InvalidTierWeight");
  });

  it("rejects a URI longer than 96 bytes", async () => {
    const ix = await initializePoolInstruction(params({ uri: "u".repeat(MAX_URI_LEN + 1) }));
    expectRejected(ix, [authority], "UriTooLong");
  });

  it("rejects a maxLockS above the 2-year cap (LockTooLong)", async () => {
    assert.equal(MAX_LOCK_DURATION_S, TWO_YEARS);
    const limits = { ...DEFAULT_POOL_LIMITS, maxLockS: TWO_YEARS + 1 };
    const ix = await initializePoolInstruction(params({ limits }));
    expectRejected(ix, [authority], "LockTooLong", [poolAddress()]);
    assert.equal(chain.account(poolAddress()), null, "no pool created");
  });

  it("rejects a maxPauseS of 0 or above 30 days (PauseTooLong)", async () => {
    assert.equal(MAX_PAUSE_S, THIRTY_DAYS);
    for (const maxPauseS of [0, THIRTY_DAYS + 1]) {
      const limits = { ...DEFAULT_POOL_LIMITS, maxPauseS };
      const ix = await initializePoolInstruction(params({ limits }));
      expectRejected(ix, [authority], "PauseTooLong", [poolAddress()]);
    }
    assert.equal(chain.account(poolAddress()), null, "no pool created");
  });

  it("rejects too few accounts", async () => {
    const ix = await initializePoolInstruction(params());
    ix.keys = ix.keys.slice(0, 3);
    expectRejected(ix, [authority], "NotEnoughAccounts");
  });

  it("rejects truncated and padded arguments", async () => {
    const ix = await initializePoolInstruction(params());
    expectRejected(truncated(ix), [authority], "InvalidInstructionData");
    expectRejected(padded(ix), [authority], "InvalidInstructionData");
  });

  it("rejects an unknown instruction discriminator", async () => {
    const ix = await initializePoolInstruction(params());
    const data = Buffer.from(ix.data);
    data[0] = (data[0] ?? 0) ^ 0xff;
    expectRejected({ ...ix, data } as TransactionInstruction, [authority], "InvalidInstruction");
  });
});
