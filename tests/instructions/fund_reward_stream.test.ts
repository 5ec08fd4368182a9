import { strict as assert } from "assert";
import { TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID } from "@solana/spl-token";
import { Keypair, PublicKey, SystemProgram, type TransactionInstruction } from "@solana/web3.js";
import {
  FIXED_ACC_PER_RATE_SECOND,
  WEIGHT_SCALE,
  accountFieldLayout,
  findRewardVaultAddress,
  fundRewardStreamInstruction,
  type FundRewardStreamParams,
} from "@nft-staking/sdk";
import {
  addStream,
  createRewardMint,
  type PoolFixture,
  poolState,
  setTokenBalance,
  TestChain,
  tokenBalance,
  type TxResult,
} from "@nft-staking/dev-kit";
import {
  accountMeta,
  assertOk,
  assertProgramError,
  assertUnchanged,
  onlyEvent,
  padded,
  truncated,
} from "../utils/assertions";
import { poolSuite } from "../utils/suite";

/** Account indices of `fund_reward_stream`. */
const FUNDER = 1;
const FUNDER_TOKEN = 2;
const VAULT = 3;
const TOKEN_PROGRAM = 4;

/** SPL Token's own error codes (not this program's). */
const TOKEN_INSUFFICIENT_FUNDS = 1;
const TOKEN_OWNER_MISMATCH = 4;

describe("fund_reward_stream", () => {
  const suite = poolSuite();
  const { tokenAccountAt, stakedHolder, claimInto } = suite;
  let chain: TestChain, fixture: PoolFixture;
  let rewardMint: PublicKey, vault: PublicKey, funder: Keypair, funderToken: PublicKey;

  beforeEach(async () => {
    ({ chain, fixture } = suite);
    ({ mint: rewardMint } = await addStream(fixture));
    [vault] = findRewardVaultAddress(fixture.pool, 0);
    funder = chain.fundedKeypair();
    funderToken = setTokenBalance(chain, funder.publicKey, rewardMint, 1_000_000n);
  });

  const params = (overrides: Partial<FundRewardStreamParams> = {}): FundRewardStreamParams => ({
    pool: fixture.pool,
    funder: funder.publicKey,
    streamIndex: 0,
    rewardMint,
    amount: 250_000n,
    ...overrides,
  });

  /** Token balances of the accounts a fund moves tokens between. */
  function balances(): [bigint, bigint] {
    return [tokenBalance(chain, funderToken), tokenBalance(chain, vault)];
  }

  /** Runs `ix`, and checks that it failed and that no account it names changed. */
  function expectFailure(
    ix: TransactionInstruction,
    signers: Keypair[],
    check: (result: TxResult) => void,
  ) {
    const watched = ix.keys.map((key) => key.pubkey);
    const feePayer = chain.fundedKeypair();
    const before = chain.snapshot(watched);
    const tokensBefore = balances();
    const result = chain.send([ix], [feePayer, ...signers]);
    check(result);
    assertUnchanged(chain, before);
    assert.deepEqual(balances(), tokensBefore, "no tokens moved");
  }

  /** Runs `ix` expecting the program error `error`, with nothing changed. */
  function expectRejected(
    ix: TransactionInstruction,
    signers: Keypair[],
    error: Parameters<typeof assertProgramError>[1],
  ) {
    expectFailure(ix, signers, (result) => assertProgramError(result, error));
  }

  /** Runs `ix` expecting the SPL Token program to refuse the transfer with `code`. */
  function expectTokenError(ix: TransactionInstruction, signers: Keypair[], code: number) {
    expectFailure(ix, signers, (result) => {
      assert.equal(result.ok, false, "expected the token program to fail");
      assert.equal(result.customCode, code, `${result.error}\n${result.logs.join("\n")}`);
      assert.ok(
        result.logs.some(
          (line) =>
            line ===
            `Program ${TOKEN_PROGRAM_ID.toBase58()} failed: custom program error: 0x${code.toString(16)}`,
        ),
        "the token program failed",
      );
    });
  }

  /** The stream's accrual fields and the books' vault balance, as strings. */
  function books(index = 0) {
    const stream = poolState(fixture).streams[index];
    assert.ok(stream, `stream ${index}`);
    return {
      accPerWeight: stream.accPerWeight.toString(),
      unsettledScaled: stream.unsettledScaled.toString(),
      lastUpdateTs: stream.lastUpdateTs.toString(),
      owedTotal: stream.owedTotal.toString(),
      vaultBalance: stream.vaultBalance.toString(),
    };
  }

  /** Indices of the bytes of the pool's data that differ from `before`. */
  function changedPoolBytes(before: Uint8Array): number[] {
    const after = chain.svm.getAccount(fixture.pool);
    assert.ok(after);
    assert.equal(after.data.length, before.length);
    return Array.from(after.data).flatMap((byte, i) => (byte === before[i] ? [] : [i]));
  }

  it("moves the amount from the funder's token account into the vault, and books only that in the pool", async () => {
    const before = chain.svm.getAccount(fixture.pool);
    assert.ok(before);
    const booksBefore = books();
    const result = chain.send([await fundRewardStreamInstruction(params())], [funder]);
    assertOk(result);
    assert.equal(tokenBalance(chain, vault), 250_000n);
    assert.equal(tokenBalance(chain, funderToken), 750_000n);

    // The pool is written (M-4): nothing staked and no time passed, so nothing accrues, and the
    // only change is the stream's vault balance.
    assert.equal(chain.svm.getAccount(fixture.pool)?.lamports, before.lamports);
    assert.deepEqual(books(), { ...booksBefore, vaultBalance: "250000" });
    const { offset, size } = accountFieldLayout("pool", "streams.0.vaultBalance");
    assert.equal(size, 8);
    const changed = changedPoolBytes(before.data);
    assert.ok(changed.length > 0);
    assert.ok(
      changed.every((i) => i >= offset && i < offset + 8),
      "only streams[0].vaultBalance changed",
    );
  });

  it("accrues every stream up to now under the old balances before booking the funding", async () => {
    const other = await addStream(fixture, { rate: 2n, fund: 1_000_000n });
    await stakedHolder(1);
    chain.warp(10);
    const before = books(other.index);
    assertOk(chain.send([await fundRewardStreamInstruction(params())], [funder]));

    const now = chain.now().toString();
    // Stream 0 had an empty vault: its 10 s earn nothing, and accrual restarts from now.
    assert.deepEqual(books(0), {
      accPerWeight: "0",
      unsettledScaled: "0",
      lastUpdateTs: now,
      owedTotal: "0",
      vaultBalance: "250000",
    });
    // Stream 1 (funded, not the one funded now) is brought up to now: 2/s × 10 s at weight 1.
    const acc = 2n * 10n * FIXED_ACC_PER_RATE_SECOND;
    assert.deepEqual(books(other.index), {
      accPerWeight: acc.toString(),
      unsettledScaled: (acc * WEIGHT_SCALE).toString(),
      lastUpdateTs: now,
      owedTotal: "0",
      vaultBalance: before.vaultBalance,
    });
  });

  it("resumes accrual when funded, without paying for the unfunded gap (exact amounts)", async () => {
    // The stream pays 1 000/s per weight; one NFT of weight 1 is staked from its start.
    const { holder } = await stakedHolder(1);
    chain.warp(100); // 100 s with an empty vault: nothing accrues
    assertOk(chain.send([await fundRewardStreamInstruction(params())], [funder])); // 250 000
    assert.equal(books().accPerWeight, "0", "the gap is not paid for");
    assert.equal(books().vaultBalance, "250000");

    chain.warp(100); // 100 s covered
    assert.deepEqual(await claimInto(holder, [rewardMint]), [100_000n], "not 200 000");
    chain.warp(200); // 150 s covered, then the vault is spent: 50 s earn nothing
    assert.deepEqual(await claimInto(holder, [rewardMint]), [150_000n]);
    assert.equal(tokenBalance(chain, vault), 0n);
    assert.equal(books().vaultBalance, "0");
    assert.equal(books().accPerWeight, (1_000n * 250n * FIXED_ACC_PER_RATE_SECOND).toString());

    chain.warp(100); // still empty: the gap is now 150 s
    const top = await fundRewardStreamInstruction(params({ amount: 5_000n }));
    assertOk(chain.send([top], [funder]));
    chain.warp(3);
    assert.deepEqual(await claimInto(holder, [rewardMint]), [3_000n], "only the 3 s since");
    assert.equal(tokenBalance(chain, vault), 2_000n);
    assert.deepEqual(books(), {
      accPerWeight: (1_000n * 253n * FIXED_ACC_PER_RATE_SECOND).toString(),
      unsettledScaled: "0",
      lastUpdateTs: chain.now().toString(),
      owedTotal: "0",
      vaultBalance: "2000",
    });
    assert.equal(tokenBalance(chain, funderToken), 1_000_000n - 255_000n);
  });

  it("emits StreamFunded", async () => {
    const result = chain.send([await fundRewardStreamInstruction(params())], [funder]);
    assertOk(result);
    const event = onlyEvent(result, "streamFunded");
    assert.ok(event.pool.equals(fixture.pool));
    assert.equal(event.streamIndex, 0);
    assert.ok(event.funder.equals(funder.publicKey));
    assert.equal(event.amount.toString(), "250000");
  });

  it("lets anyone fund, any number of times: amounts add up", async () => {
    const authority = fixture.authority;
    setTokenBalance(chain, authority.publicKey, rewardMint, 40n);
    const authorityFund = await fundRewardStreamInstruction(
      params({ funder: authority.publicKey, amount: 40n }),
    );
    assertOk(chain.send([authorityFund], [authority]));
    assertOk(chain.send([await fundRewardStreamInstruction(params({ amount: 1n }))], [funder]));
    assertOk(
      chain.send([await fundRewardStreamInstruction(params({ amount: 999_999n }))], [funder]),
    );
    assert.equal(tokenBalance(chain, vault), 1_000_040n);
    assert.equal(books().vaultBalance, "1000040", "the books follow every funding");
    assert.equal(tokenBalance(chain, funderToken), 0n, "the whole balance can go");
  });

  it("funds from any token account of the funder, given explicitly", async () => {
    const source = tokenAccountAt(funder.publicKey, rewardMint, 500n);
    const ix = await fundRewardStreamInstruction(params({ funderToken: source, amount: 500n }));
    assertOk(chain.send([ix], [funder]));
    assert.equal(tokenBalance(chain, vault), 500n);
    assert.equal(tokenBalance(chain, source), 0n);
    assert.equal(tokenBalance(chain, funderToken), 1_000_000n);
  });

  it("funds only the stream named by the index", async () => {
    const { index, mint } = await addStream(fixture);
    assert.equal(index, 1);
    const [secondVault] = findRewardVaultAddress(fixture.pool, 1);
    setTokenBalance(chain, funder.publicKey, mint, 10n);
    const ix = await fundRewardStreamInstruction(
      params({ streamIndex: 1, rewardMint: mint, amount: 10n }),
    );
    assertOk(chain.send([ix], [funder]));
    assert.equal(tokenBalance(chain, secondVault), 10n);
    assert.equal(tokenBalance(chain, vault), 0n);
    assert.equal(books(1).vaultBalance, "10");
    assert.equal(books(0).vaultBalance, "0");
  });

  it("rejects a vault that is not the stream's", async () => {
    await addStream(fixture, { mint: rewardMint });
    const [secondVault] = findRewardVaultAddress(fixture.pool, 1);
    const ownAccount = tokenAccountAt(Keypair.generate().publicKey, rewardMint, 0n);
    for (const wrong of [secondVault, ownAccount]) {
      const ix = await fundRewardStreamInstruction(params());
      accountMeta(ix, VAULT).pubkey = wrong;
      expectRejected(ix, [funder], "InvalidRewardVault");
    }
  });

  it("rejects a funder token account of another mint (stream funded with the wrong mint)", async () => {
    const otherMint = createRewardMint(chain);
    setTokenBalance(chain, funder.publicKey, otherMint, 1_000_000n);
    const ix = await fundRewardStreamInstruction(params({ rewardMint: otherMint }));
    expectRejected(ix, [funder], "RewardMintMismatch");
  });

  it("rejects a funder token account that is not a token account", async () => {
    for (const notToken of [funder.publicKey, rewardMint]) {
      const ix = await fundRewardStreamInstruction(params({ funderToken: notToken }));
      expectRejected(ix, [funder], "RewardMintMismatch");
    }
  });

  it("rejects a zero amount", async () => {
    const ix = await fundRewardStreamInstruction(params({ amount: 0n }));
    expectRejected(ix, [funder], "ZeroAmount");
  });

  it("rejects a stream index out of range", async () => {
    for (const streamIndex of [1, 3, 255]) {
      const ix = await fundRewardStreamInstruction(params({ streamIndex }));
      expectRejected(ix, [funder], "InvalidStreamIndex");
    }
  });

  it("rejects a missing funder signature", async () => {
    const ix = await fundRewardStreamInstruction(params());
    assert.ok(accountMeta(ix, FUNDER).pubkey.equals(funder.publicKey));
    accountMeta(ix, FUNDER).isSigner = false;
    expectRejected(ix, [], "MissingSignature");
  });

  it("rejects a pool account not owned by the program", async () => {
    for (const impostor of [fixture.collection.mint, rewardMint, funder.publicKey]) {
      const ix = await fundRewardStreamInstruction(params({ pool: impostor }));
      accountMeta(ix, VAULT).pubkey = vault;
      expectRejected(ix, [funder], "InvalidPoolAccount");
    }
  });

  it("rejects a read-only pool (the funding is booked in it)", async () => {
    const ix = await fundRewardStreamInstruction(params());
    assert.ok(accountMeta(ix, 0).pubkey.equals(fixture.pool));
    assert.equal(accountMeta(ix, 0).isWritable, true, "the SDK marks the pool writable");
    accountMeta(ix, 0).isWritable = false;
    expectRejected(ix, [funder], "AccountNotWritable");
  });

  it("rejects Token-2022 as the token program", async () => {
    const ix = await fundRewardStreamInstruction(params());
    accountMeta(ix, TOKEN_PROGRAM).pubkey = TOKEN_2022_PROGRAM_ID;
    expectRejected(ix, [funder], "Token2022NotSupported");
  });

  it("rejects another program as the token program", async () => {
    const ix = await fundRewardStreamInstruction(params());
    accountMeta(ix, TOKEN_PROGRAM).pubkey = SystemProgram.programId;
    expectRejected(ix, [funder], "InvalidTokenProgram");
  });

  it("rejects truncated and padded arguments", async () => {
    const ix = await fundRewardStreamInstruction(params());
    expectRejected(truncated(ix), [funder], "InvalidInstructionData");
    expectRejected(padded(ix), [funder], "InvalidInstructionData");
  });

  it("rejects too few accounts", async () => {
    const ix = await fundRewardStreamInstruction(params());
    ix.keys = ix.keys.slice(0, TOKEN_PROGRAM);
    expectRejected(ix, [funder], "NotEnoughAccounts");
  });

  it("moves nothing when the funder holds less than the amount (token program refuses)", async () => {
    const ix = await fundRewardStreamInstruction(params({ amount: 1_000_001n }));
    expectTokenError(ix, [funder], TOKEN_INSUFFICIENT_FUNDS);
  });

  it("moves nothing from a token account the funder does not own (token program refuses)", async () => {
    const victim = chain.fundedKeypair();
    const victimToken = setTokenBalance(chain, victim.publicKey, rewardMint, 1_000n);
    const ix = await fundRewardStreamInstruction(
      params({ funderToken: victimToken, amount: 1_000n }),
    );
    assert.ok(accountMeta(ix, FUNDER_TOKEN).pubkey.equals(victimToken));
    expectTokenError(ix, [funder], TOKEN_OWNER_MISMATCH);
    assert.equal(tokenBalance(chain, victimToken), 1_000n);
  });
});
