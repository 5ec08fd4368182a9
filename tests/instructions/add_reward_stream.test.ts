import { strict as assert } from "assert";
import {
  AccountLayout,
  AccountState,
  MINT_SIZE,
  MintLayout,
  TOKEN_2022_PROGRAM_ID,
  TOKEN_PROGRAM_ID,
} from "@solana/spl-token";
import { Keypair, PublicKey, SystemProgram, type TransactionInstruction } from "@solana/web3.js";
import {
  MAX_STREAMS,
  StreamMode,
  addRewardStreamInstruction,
  findRewardVaultAddress,
  parseEvents,
  unstakeInstruction,
  type AddRewardStreamParams,
} from "@nft-staking/sdk";
import { TestChain } from "../utils/chain";
import { assertOk, rejecterFor, accountMeta } from "../utils/assertions";
import { tokenBalance } from "../utils/nft";
import {
  createPool,
  createRewardMint,
  holderWithNfts,
  poolState,
  setTokenBalance,
  stakeNfts,
  type PoolFixture,
} from "../utils/pool";

/** A realistic clock start (LiteSVM starts at unix time 0). */
const GENESIS = 1_700_000_000;
const DAY = 86_400n;

/** Account indices of `add_reward_stream`. */
const POOL = 0;
const AUTHORITY = 1;
const PAYER = 2;
const VAULT = 4;
const TOKEN_PROGRAM = 5;
const SYSTEM_PROGRAM = 6;

describe("add_reward_stream", () => {
  let chain: TestChain;
  let fixture: PoolFixture;
  let rewardMint: PublicKey;

  beforeEach(async () => {
    chain = new TestChain();
    chain.warp(GENESIS);
    fixture = await createPool(chain);
    rewardMint = createRewardMint(chain);
  });

  const params = (overrides: Partial<AddRewardStreamParams> = {}): AddRewardStreamParams => ({
    pool: fixture.pool,
    authority: fixture.authority.publicKey,
    rewardMint,
    streamIndex: poolState(fixture).streamCount,
    mode: StreamMode.FixedPerWeight,
    rate: 1_000n,
    startTs: chain.now(),
    endTs: chain.now() + 30n * DAY,
    ...overrides,
  });

  /** Sends `add_reward_stream` signed by the authority and asserts it succeeded. */
  async function add(overrides: Partial<AddRewardStreamParams> = {}) {
    const result = chain.send(
      [await addRewardStreamInstruction(params(overrides))],
      [fixture.authority],
    );
    assertOk(result);
    return result;
  }

  /** Expects `error` and that nothing changed (see `assertRejected`). */
  const expectRejected = rejecterFor(() => chain);

  /** Writes a rent-exempt account directly. */
  function setAccount(address: PublicKey, data: Uint8Array, owner: PublicKey) {
    chain.svm.setAccount(address, {
      lamports: Number(chain.svm.minimumBalanceForRentExemption(BigInt(data.length))),
      data,
      owner,
      executable: false,
    });
  }

  /** An 82-byte mint account owned by `owner`, initialized or not. */
  function writeMint(owner: PublicKey, isInitialized = true): PublicKey {
    const mint = Keypair.generate().publicKey;
    const data = new Uint8Array(MINT_SIZE);
    MintLayout.encode(
      {
        mintAuthorityOption: 0,
        mintAuthority: PublicKey.default,
        supply: 0n,
        decimals: 6,
        isInitialized,
        freezeAuthorityOption: 0,
        freezeAuthority: PublicKey.default,
      },
      data,
    );
    setAccount(mint, data, owner);
    return mint;
  }

  it("creates the vault PDA: an SPL token account of the reward mint, owned by the pool, empty", async () => {
    await add();
    const [vault] = findRewardVaultAddress(fixture.pool, 0);
    const account = chain.svm.getAccount(vault);
    assert.ok(account);
    assert.ok(account.owner.equals(TOKEN_PROGRAM_ID));
    assert.equal(account.data.length, AccountLayout.span);
    assert.equal(
      BigInt(account.lamports),
      chain.svm.minimumBalanceForRentExemption(BigInt(AccountLayout.span)),
      "rent-exempt, and not a lamport more",
    );
    const token = AccountLayout.decode(account.data);
    assert.ok(token.mint.equals(rewardMint));
    assert.ok(token.owner.equals(fixture.pool));
    assert.equal(token.amount, 0n);
    assert.equal(token.state, AccountState.Initialized);
    assert.equal(token.delegateOption, 0);
    assert.equal(token.closeAuthorityOption, 0);
    assert.equal(token.isNativeOption, 0);
  });

  it("records the stream: mint, vault, rate, schedule, mode and bump, with empty books", async () => {
    const start = chain.now() + 60n;
    const end = start + 7n * DAY;
    await add({ startTs: start, endTs: end, rate: 123_456_789n });

    const pool = poolState(fixture);
    assert.equal(pool.streamCount, 1);
    const [vault, vaultBump] = findRewardVaultAddress(fixture.pool, 0);
    const stream = pool.streams[0];
    assert.ok(stream);
    assert.ok(stream.mint.equals(rewardMint));
    assert.ok(stream.vault.equals(vault));
    assert.equal(stream.rate.toString(), "123456789");
    assert.equal(stream.startTs.toString(), start.toString(), "a future start is kept");
    assert.equal(stream.endTs.toString(), end.toString());
    assert.equal(stream.lastUpdateTs.toString(), start.toString());
    assert.equal(stream.mode, StreamMode.FixedPerWeight);
    assert.equal(stream.vaultBump, vaultBump);
    assert.equal(stream.accPerWeight.toString(), "0");
    assert.equal(stream.unsettledScaled.toString(), "0");
    assert.equal(stream.owedTotal.toString(), "0");
    for (const unused of pool.streams.slice(1)) {
      assert.ok(unused.mint.equals(PublicKey.default), "other slots stay empty");
      assert.equal(unused.rate.toString(), "0");
    }
  });

  it("emits StreamAdded", async () => {
    const end = chain.now() + DAY;
    const result = await add({ mode: StreamMode.SharedEmission, rate: 77n, endTs: end });
    const events = parseEvents(result.logs);
    assert.equal(events.length, 1);
    const [event] = events;
    assert.equal(event?.name, "streamAdded");
    if (event?.name !== "streamAdded") return;
    assert.ok(event.data.pool.equals(fixture.pool));
    assert.equal(event.data.streamIndex, 0);
    assert.ok(event.data.mint.equals(rewardMint));
    assert.ok(event.data.vault.equals(findRewardVaultAddress(fixture.pool, 0)[0]));
    assert.equal(event.data.mode, StreamMode.SharedEmission);
    assert.equal(event.data.rate.toString(), "77");
    assert.equal(event.data.startTs.toString(), chain.now().toString());
    assert.equal(event.data.endTs.toString(), end.toString());
  });

  it("moves a start in the past to now", async () => {
    const now = chain.now();
    const result = await add({ startTs: now - 1_000n, endTs: now + 1n });
    const stream = poolState(fixture).streams[0];
    assert.equal(stream?.startTs.toString(), now.toString());
    assert.equal(stream?.lastUpdateTs.toString(), now.toString());
    assert.equal(stream?.endTs.toString(), (now + 1n).toString(), "one second long is enough");
    const [event] = parseEvents(result.logs);
    assert.ok(event?.name === "streamAdded");
    assert.equal(event.data.startTs.toString(), now.toString());
  });

  it("adds a SharedEmission stream with a separate rent payer", async () => {
    const payer = chain.fundedKeypair();
    const authorityLamports = chain.account(fixture.authority.publicKey)?.lamports;
    const payerLamports = chain.account(payer.publicKey)?.lamports ?? 0n;
    const ix = await addRewardStreamInstruction(
      params({ payer: payer.publicKey, mode: StreamMode.SharedEmission }),
    );
    assertOk(chain.send([ix], [payer, fixture.authority]));
    assert.equal(poolState(fixture).streams[0]?.mode, StreamMode.SharedEmission);
    assert.equal(chain.account(fixture.authority.publicKey)?.lamports, authorityLamports);
    const rent = chain.svm.minimumBalanceForRentExemption(BigInt(AccountLayout.span));
    assert.equal(
      payerLamports - (chain.account(payer.publicKey)?.lamports ?? 0n),
      rent + 2n * 5_000n,
      "the payer paid the vault's rent (and the fees of two signatures)",
    );
  });

  it("holds up to 4 streams, each with its own mint and vault at its index", async () => {
    const mints = Array.from({ length: MAX_STREAMS }, () => createRewardMint(chain));
    for (const mint of mints) await add({ rewardMint: mint });
    const pool = poolState(fixture);
    assert.equal(pool.streamCount, MAX_STREAMS);
    mints.forEach((mint, index) => {
      const [vault] = findRewardVaultAddress(fixture.pool, index);
      assert.ok(pool.streams[index]?.mint.equals(mint));
      assert.ok(pool.streams[index]?.vault.equals(vault));
      const account = chain.svm.getAccount(vault);
      assert.ok(account);
      assert.ok(AccountLayout.decode(account.data).mint.equals(mint));
    });
  });

  it("still creates the vault when someone pre-funded its address", async () => {
    const [vault] = findRewardVaultAddress(fixture.pool, 0);
    const griefer = chain.fundedKeypair();
    assertOk(
      chain.send(
        [
          SystemProgram.transfer({
            fromPubkey: griefer.publicKey,
            toPubkey: vault,
            lamports: Number(chain.svm.minimumBalanceForRentExemption(0n)),
          }),
        ],
        [griefer],
      ),
    );
    await add();
    const account = chain.svm.getAccount(vault);
    assert.ok(account && account.owner.equals(TOKEN_PROGRAM_ID));
    assert.equal(
      BigInt(account.lamports),
      chain.svm.minimumBalanceForRentExemption(BigInt(AccountLayout.span)),
    );
    assert.ok(AccountLayout.decode(account.data).owner.equals(fixture.pool));
  });

  it("never lets a new stream trap staked NFTs: unstake works after an extreme rate", async () => {
    // Unstake must not depend on the creator (nft_unstake.rs). The largest accepted rate
    // (rate × duration = u64::MAX) at weight 10^6 would owe more than u64::MAX within a
    // second: the stream ends at its last consistent time instead, and the holder can leave.
    fixture = await createPool(chain, { defaultTierWeight: 1_000_000 });
    const { holder, nfts } = holderWithNfts(fixture, 1);
    assertOk(await stakeNfts(fixture, holder, nfts));
    const rate = (2n ** 64n - 1n) / (30n * DAY);
    assertOk(chain.send([await addRewardStreamInstruction(params({ rate }))], [fixture.authority]));
    chain.warp(60);
    const ix = await unstakeInstruction({
      pool: fixture.pool,
      owner: holder.publicKey,
      nfts: nfts.map((nft) => ({ mint: nft.mint })),
    });
    assertOk(chain.send([ix], [holder]));
    assert.equal(tokenBalance(chain, nfts[0]!.tokenAccount), 1n, "the NFT is back");
    const stream = poolState(fixture).streams[0]!;
    assert.equal(stream.endTs.toString(), stream.startTs.toString(), "the stream ended");
  });

  it("rejects a rate × duration that does not fit in 64 bits", async () => {
    const rate = (2n ** 64n - 1n) / (30n * DAY) + 1n;
    const ix = await addRewardStreamInstruction(params({ rate }));
    expectRejected(ix, [fixture.authority], "RateTooHigh");
  });

  it("rejects a signer that is not the pool authority", async () => {
    const other = chain.fundedKeypair();
    const ix = await addRewardStreamInstruction(params({ authority: other.publicKey }));
    expectRejected(ix, [other], "Unauthorized");
  });

  it("rejects a missing authority signature", async () => {
    const payer = chain.fundedKeypair();
    const ix = await addRewardStreamInstruction(params({ payer: payer.publicKey }));
    accountMeta(ix, AUTHORITY).isSigner = false;
    expectRejected(ix, [payer], "MissingSignature");
  });

  it("rejects a missing payer signature", async () => {
    const payer = chain.fundedKeypair();
    const ix = await addRewardStreamInstruction(params({ payer: payer.publicKey }));
    assert.ok(accountMeta(ix, PAYER).pubkey.equals(payer.publicKey));
    accountMeta(ix, PAYER).isSigner = false;
    expectRejected(ix, [fixture.authority], "MissingSignature");
  });

  it("rejects a fifth stream", async () => {
    for (let i = 0; i < MAX_STREAMS; i += 1) await add({ rewardMint: createRewardMint(chain) });
    const ix = await addRewardStreamInstruction(params({ streamIndex: MAX_STREAMS }));
    expectRejected(ix, [fixture.authority], "TooManyStreams");
  });

  it("rejects an unknown stream mode", async () => {
    for (const mode of [2, 255]) {
      const ix = await addRewardStreamInstruction(params());
      const data = Buffer.from(ix.data);
      assert.equal(data[8], StreamMode.FixedPerWeight, "mode is the first argument");
      data[8] = mode;
      expectRejected(
        { ...ix, data } as TransactionInstruction,
        [fixture.authority],
        "InvalidStreamMode",
      );
    }
  });

  it("rejects an end at or before the start", async () => {
    const start = chain.now() + DAY;
    for (const endTs of [start, start - 1n]) {
      const ix = await addRewardStreamInstruction(params({ startTs: start, endTs }));
      expectRejected(ix, [fixture.authority], "InvalidStreamSchedule");
    }
  });

  it("rejects an end in the past (or now)", async () => {
    const now = chain.now();
    for (const endTs of [now - 1n, now]) {
      const ix = await addRewardStreamInstruction(params({ startTs: now - DAY, endTs }));
      expectRejected(ix, [fixture.authority], "InvalidStreamSchedule");
    }
  });

  it("rejects a reward mint that is not an initialized SPL mint", async () => {
    const tokenAccount = setTokenBalance(chain, fixture.authority.publicKey, rewardMint, 5n);
    const wallet = chain.fundedKeypair().publicKey;
    const uninitialized = writeMint(TOKEN_PROGRAM_ID, false);
    const foreign = writeMint(SystemProgram.programId);
    for (const mint of [tokenAccount, wallet, uninitialized, foreign]) {
      const ix = await addRewardStreamInstruction(params({ rewardMint: mint }));
      expectRejected(ix, [fixture.authority], "InvalidRewardMint");
    }
  });

  it("rejects a Token-2022 reward mint", async () => {
    const mint = writeMint(TOKEN_2022_PROGRAM_ID);
    const ix = await addRewardStreamInstruction(params({ rewardMint: mint }));
    expectRejected(ix, [fixture.authority], "Token2022NotSupported");
  });

  it("rejects a vault that is not the PDA of the next stream index", async () => {
    const wrongIndex = await addRewardStreamInstruction(params({ streamIndex: 1 }));
    expectRejected(wrongIndex, [fixture.authority], "InvalidRewardVault");

    const otherPool = await addRewardStreamInstruction(params());
    accountMeta(otherPool, VAULT).pubkey = findRewardVaultAddress(
      Keypair.generate().publicKey,
      0,
    )[0];
    expectRejected(otherPool, [fixture.authority], "InvalidRewardVault");

    await add();
    const existing = await addRewardStreamInstruction(params());
    accountMeta(existing, VAULT).pubkey = findRewardVaultAddress(fixture.pool, 0)[0];
    expectRejected(existing, [fixture.authority], "InvalidRewardVault");
  });

  it("rejects a vault address that already holds an account", async () => {
    const [vault] = findRewardVaultAddress(fixture.pool, 0);
    const data = new Uint8Array(AccountLayout.span);
    AccountLayout.encode(
      {
        mint: rewardMint,
        owner: Keypair.generate().publicKey,
        amount: 0n,
        delegateOption: 0,
        delegate: PublicKey.default,
        state: AccountState.Initialized,
        isNativeOption: 0,
        isNative: 0n,
        delegatedAmount: 0n,
        closeAuthorityOption: 0,
        closeAuthority: PublicKey.default,
      },
      data,
    );
    setAccount(vault, data, TOKEN_PROGRAM_ID);
    const ix = await addRewardStreamInstruction(params());
    expectRejected(ix, [fixture.authority], "InvalidRewardVault");
  });

  it("rejects Token-2022 as the token program", async () => {
    const ix = await addRewardStreamInstruction(params());
    accountMeta(ix, TOKEN_PROGRAM).pubkey = TOKEN_2022_PROGRAM_ID;
    expectRejected(ix, [fixture.authority], "Token2022NotSupported");
  });

  it("rejects another program as the token program", async () => {
    for (const program of [SystemProgram.programId, Keypair.generate().publicKey]) {
      const ix = await addRewardStreamInstruction(params());
      accountMeta(ix, TOKEN_PROGRAM).pubkey = program;
      expectRejected(ix, [fixture.authority], "InvalidTokenProgram");
    }
  });

  it("rejects a wrong system program", async () => {
    const ix = await addRewardStreamInstruction(params());
    assert.ok(accountMeta(ix, SYSTEM_PROGRAM).pubkey.equals(SystemProgram.programId));
    accountMeta(ix, SYSTEM_PROGRAM).pubkey = TOKEN_PROGRAM_ID;
    expectRejected(ix, [fixture.authority], "InvalidSystemProgram");
  });

  it("rejects a pool account not owned by the program", async () => {
    for (const impostor of [rewardMint, fixture.collection.mint, Keypair.generate().publicKey]) {
      const ix = await addRewardStreamInstruction(params({ pool: impostor, streamIndex: 0 }));
      expectRejected(ix, [fixture.authority], "InvalidPoolAccount");
    }
  });

  it("rejects a read-only pool, payer or vault", async () => {
    for (const index of [POOL, PAYER, VAULT]) {
      const payer = chain.fundedKeypair();
      const ix = await addRewardStreamInstruction(params({ payer: payer.publicKey }));
      accountMeta(ix, index).isWritable = false;
      expectRejected(ix, [payer, fixture.authority], "AccountNotWritable");
    }
  });

  it("rejects truncated and padded arguments", async () => {
    const ix = await addRewardStreamInstruction(params());
    const truncated = { ...ix, data: ix.data.subarray(0, ix.data.length - 1) };
    expectRejected(
      truncated as TransactionInstruction,
      [fixture.authority],
      "InvalidInstructionData",
    );
    const padded = { ...ix, data: Buffer.concat([ix.data, Buffer.from([0])]) };
    expectRejected(padded as TransactionInstruction, [fixture.authority], "InvalidInstructionData");
  });

  it("rejects too few accounts", async () => {
    const ix = await addRewardStreamInstruction(params());
    ix.keys = ix.keys.slice(0, SYSTEM_PROGRAM);
    expectRejected(ix, [fixture.authority], "NotEnoughAccounts");
  });
});
