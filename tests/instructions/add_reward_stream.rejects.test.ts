import { strict as assert } from "assert";
import { TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID } from "@solana/spl-token";
import { Keypair, PublicKey, SystemProgram, type TransactionInstruction } from "@solana/web3.js";
import {
  MAX_STREAMS,
  StreamMode,
  addRewardStreamInstruction,
  findRewardVaultAddress,
} from "@nft-staking/sdk";
import {
  createRewardMint,
  type PoolFixture,
  setTokenBalance,
  type TestChain,
  writeTokenAccount,
} from "@nft-staking/dev-kit";
import { accountMeta, padded, truncated } from "../utils/assertions";
import {
  addRewardStreamFixture,
  DAY,
  POOL,
  AUTHORITY,
  PAYER,
  VAULT,
  TOKEN_PROGRAM,
  SYSTEM_PROGRAM,
} from "./add_reward_stream.fixture";

describe("add_reward_stream", () => {
  const suite = addRewardStreamFixture();
  const { params, add, expectRejected, writeMint } = suite;
  let chain: TestChain, fixture: PoolFixture, rewardMint: PublicKey;
  beforeEach(() => ({ chain, fixture, rewardMint } = suite));

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
    writeTokenAccount(chain, vault, Keypair.generate().publicKey, rewardMint, 0n);
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
    expectRejected(truncated(ix), [fixture.authority], "InvalidInstructionData");
    expectRejected(padded(ix), [fixture.authority], "InvalidInstructionData");
  });

  it("rejects too few accounts", async () => {
    const ix = await addRewardStreamInstruction(params());
    ix.keys = ix.keys.slice(0, SYSTEM_PROGRAM);
    expectRejected(ix, [fixture.authority], "NotEnoughAccounts");
  });
});
