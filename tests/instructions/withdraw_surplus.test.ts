import { strict as assert } from "assert";
import { TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID } from "@solana/spl-token";
import { Keypair, PublicKey, SystemProgram, type TransactionInstruction } from "@solana/web3.js";
import {
  ACC_SCALE,
  StreamMode,
  addRewardStreamInstruction,
  claimInstruction,
  findStakerAddress,
  parseEvents,
  surplus,
  unstakeInstruction,
  withdrawSurplusInstruction,
} from "@nft-staking/sdk";
import { TestChain } from "../utils/chain";
import { assertOk, assertRejected, rejecterFor } from "../utils/assertions";
import { tokenBalance, writeTokenAccount, type TestNft } from "../utils/nft";
import {
  addStream,
  createPool,
  createRewardMint,
  fundStream,
  holderWithNfts,
  poolState,
  setTokenBalance,
  stakeNfts,
  stakerState,
  type PoolFixture,
} from "../utils/pool";

/** A realistic unix time to start from (LiteSVM's clock starts at 0). */
const START = 1_700_000_000;

/** ⌈a / b⌉ for non-negative bigints. */
const ceilDiv = (a: bigint, b: bigint): bigint => (a + b - 1n) / b;

describe("withdraw_surplus", () => {
  let chain: TestChain;
  let fixture: PoolFixture;

  beforeEach(async () => {
    chain = new TestChain();
    chain.warp(START);
    fixture = await createPool(chain);
  });

  /** The stored vault of stream `index`. */
  const vaultOf = (index: number): PublicKey => {
    const vault = poolState(fixture).streams[index]?.vault;
    assert.ok(vault);
    return vault;
  };

  /** What the SDK says may be withdrawn from stream `index` right now. */
  const sdkSurplus = (index: number): bigint =>
    surplus(poolState(fixture), index, tokenBalance(chain, vaultOf(index)), chain.now());

  /** `withdraw_surplus` by the pool authority, to `destination` (default: its ATA). */
  const withdrawIx = (
    index: number,
    rewardMint: PublicKey,
    amount: bigint,
    destination?: PublicKey,
  ) =>
    withdrawSurplusInstruction({
      pool: fixture.pool,
      authority: fixture.authority.publicKey,
      streamIndex: index,
      rewardMint,
      amount,
      destination,
    });

  /** A holder who staked `count` default-tier (weight 1) NFTs. */
  async function stakedHolder(count: number) {
    const { holder, nfts } = holderWithNfts(fixture, count);
    assertOk(await stakeNfts(fixture, holder, nfts));
    return { holder, nfts };
  }

  /**
   * Claims for `holder` into a fresh ATA of `mint`; asserts they were paid in full (nothing
   * left owed on stream `index`) and returns the amount received.
   */
  async function claimAll(holder: Keypair, mint: PublicKey, index = 0): Promise<bigint> {
    const destination = setTokenBalance(chain, holder.publicKey, mint, 0n);
    const ix = await claimInstruction({
      pool: fixture.pool,
      poolAccount: poolState(fixture),
      owner: holder.publicKey,
    });
    assertOk(chain.send([ix], [holder]));
    assert.equal(
      stakerState(fixture, holder.publicKey)?.streams[index]?.owed.toString(),
      "0",
      "the vault paid everything owed",
    );
    return tokenBalance(chain, destination);
  }

  /**
   * Withdraws `expected + 1` (refused: SurplusExceeded, nothing moved) then exactly
   * `expected` (accepted): the vault drops and the destination receives exactly that, with a
   * `surplusWithdrawn` event.
   */
  async function withdrawExactly(index: number, mint: PublicKey, expected: bigint) {
    const vault = vaultOf(index);
    const destination = setTokenBalance(chain, fixture.authority.publicKey, mint, 0n);
    const vaultBefore = tokenBalance(chain, vault);

    const tooMuch = await withdrawIx(index, mint, expected + 1n);
    assertRejected(chain, tooMuch, [fixture.authority], "SurplusExceeded");

    const result = chain.send([await withdrawIx(index, mint, expected)], [fixture.authority]);
    assertOk(result);
    assert.equal(tokenBalance(chain, vault), vaultBefore - expected);
    assert.equal(tokenBalance(chain, destination), expected);
    const events = parseEvents(result.logs);
    assert.equal(events.length, 1);
    const [event] = events;
    assert.equal(event?.name, "surplusWithdrawn");
    if (event?.name !== "surplusWithdrawn") return;
    assert.ok(event.data.pool.equals(fixture.pool));
    assert.equal(event.data.streamIndex, index);
    assert.equal(event.data.amount.toString(), expected.toString());
    assert.ok(event.data.destination.equals(destination));
    assert.equal(sdkSurplus(index), 0n, "nothing more is surplus");
  }

  describe("happy paths", () => {
    it("FixedPerWeight before the end: vault − liability − totalWeight × rate × remaining, exactly", async () => {
      const { mint } = await addStream(fixture, { rate: 10n, duration: 1_000, fund: 1_000_000n });
      assert.equal(sdkSurplus(0), 1_000_000n, "no weight: nothing earned, nothing reserved");
      chain.warp(100);
      const a = await stakedHolder(2);
      const b = await stakedHolder(1);
      chain.warp(200); // stream at +300, weight 3 staked for 200 s

      const liability = 3n * 10n * 200n;
      const remaining = 1_000n - 300n;
      const expected = 1_000_000n - liability - 3n * 10n * remaining;
      assert.equal(expected, 973_000n);
      assert.equal(sdkSurplus(0), expected, "the SDK agrees with the hand computation");
      await withdrawExactly(0, mint, expected);
      assert.equal(tokenBalance(chain, vaultOf(0)), 27_000n);

      chain.warp(1_000);
      assert.equal(await claimAll(a.holder, mint), 2n * 10n * 900n);
      assert.equal(await claimAll(b.holder, mint), 1n * 10n * 900n);
      assert.equal(tokenBalance(chain, vaultOf(0)), 0n, "exactly what was reserved was earned");
    });

    it("FixedPerWeight after the end: only the liability (unsettled and owed) stays", async () => {
      const { mint } = await addStream(fixture, { rate: 10n, duration: 1_000, fund: 100_000n });
      const a = await stakedHolder(2);
      const b = await stakedHolder(1);
      chain.warp(400);
      assert.equal(await claimAll(a.holder, mint), 8_000n);
      chain.warp(100);
      const unstake = await unstakeInstruction({
        pool: fixture.pool,
        owner: b.holder.publicKey,
        nfts: b.nfts.map((nft: TestNft) => ({ mint: nft.mint })),
      });
      assertOk(chain.send([unstake], [b.holder]));
      assert.equal(stakerState(fixture, b.holder.publicKey)?.streams[0]?.owed.toString(), "5000");
      chain.warp(5_000); // long past the end

      // A earned 2 × 10 × 600 since claiming; B is owed 1 × 10 × 500; nothing remains to emit.
      const liability = 2n * 10n * 600n + 5_000n;
      const vault = 100_000n - 8_000n;
      assert.equal(tokenBalance(chain, vaultOf(0)), vault);
      const expected = vault - liability;
      assert.equal(expected, 75_000n);
      assert.equal(sdkSurplus(0), expected, "the SDK agrees with the hand computation");
      await withdrawExactly(0, mint, expected);

      assert.equal(await claimAll(a.holder, mint), 12_000n);
      assert.equal(await claimAll(b.holder, mint), 5_000n);
      assert.equal(tokenBalance(chain, vaultOf(0)), 0n);
    });

    it("SharedEmission with nothing staked: vault − rate × remaining; stakers still get it all", async () => {
      const { mint } = await addStream(fixture, {
        mode: StreamMode.SharedEmission,
        rate: 100n,
        duration: 1_000,
        fund: 150_000n,
      });
      assert.equal(sdkSurplus(0), 150_000n - 100n * 1_000n, "the whole emission is reserved");
      chain.warp(300); // nothing staked: these 300 s emit to nobody

      const expected = 150_000n - 100n * (1_000n - 300n);
      assert.equal(expected, 80_000n);
      assert.equal(sdkSurplus(0), expected, "the SDK agrees with the hand computation");
      await withdrawExactly(0, mint, expected);

      const a = await stakedHolder(1);
      chain.warp(2_000);
      assert.equal(await claimAll(a.holder, mint), 100n * 700n);
      assert.equal(tokenBalance(chain, vaultOf(0)), 0n);
    });

    it("SharedEmission that ended with nothing ever staked: the whole vault", async () => {
      const { mint } = await addStream(fixture, {
        mode: StreamMode.SharedEmission,
        rate: 100n,
        duration: 1_000,
        fund: 150_000n,
      });
      chain.warp(1_000);
      assert.equal(sdkSurplus(0), 150_000n);
      await withdrawExactly(0, mint, 150_000n);
      assert.equal(tokenBalance(chain, vaultOf(0)), 0n);
    });

    it("SharedEmission with holders before the end: liability rounded up plus rate × remaining", async () => {
      const { mint } = await addStream(fixture, {
        mode: StreamMode.SharedEmission,
        rate: 100n,
        duration: 1_000,
        fund: 200_000n,
      });
      const a = await stakedHolder(1);
      const b = await stakedHolder(2);
      chain.warp(100);

      // acc = ⌊100 × 100 × 1e12 / 3⌋; unsettled = 3 × acc; liability = ⌈unsettled / 1e12⌉.
      const acc = (100n * 100n * ACC_SCALE) / 3n;
      const liability = ceilDiv(3n * acc, ACC_SCALE);
      assert.equal(liability, 10_000n);
      const expected = 200_000n - liability - 100n * (1_000n - 100n);
      assert.equal(expected, 100_000n);
      assert.equal(sdkSurplus(0), expected, "the SDK agrees with the hand computation");
      await withdrawExactly(0, mint, expected);

      chain.warp(1_000);
      // acc at the end = ⌊1e16 / 3⌋ + ⌊9e16 / 3⌋; A weight 1, B weight 2, rounded down.
      const finalAcc = acc + (100n * 900n * ACC_SCALE) / 3n;
      const paidA = await claimAll(a.holder, mint);
      const paidB = await claimAll(b.holder, mint);
      assert.equal(paidA, finalAcc / ACC_SCALE);
      assert.equal(paidB, (2n * finalAcc) / ACC_SCALE);
      assert.equal(paidA + paidB, 99_999n);
      assert.equal(tokenBalance(chain, vaultOf(0)), 1n, "rounding dust stays, never a shortfall");
    });

    it("SharedEmission after the end: only the liability stays, then the dust is surplus", async () => {
      const { mint } = await addStream(fixture, {
        mode: StreamMode.SharedEmission,
        rate: 100n,
        duration: 1_000,
        fund: 150_000n,
      });
      const a = await stakedHolder(1);
      const b = await stakedHolder(2);
      chain.warp(1_500);

      const acc = (100n * 1_000n * ACC_SCALE) / 3n;
      const liability = ceilDiv(3n * acc, ACC_SCALE);
      assert.equal(liability, 100_000n);
      const expected = 150_000n - liability;
      assert.equal(sdkSurplus(0), expected, "the SDK agrees with the hand computation");
      await withdrawExactly(0, mint, expected);

      assert.equal(await claimAll(a.holder, mint), 33_333n);
      assert.equal(await claimAll(b.holder, mint), 66_666n);
      assert.equal(tokenBalance(chain, vaultOf(0)), 1n);
      assert.equal(sdkSurplus(0), 1n, "everything paid: the dust is surplus");
      await withdrawExactly(0, mint, 1n);
    });

    it("a stream that has not started yet reserves its whole schedule at the current weight", async () => {
      await stakedHolder(3);
      const mint = createRewardMint(chain);
      const now = chain.now();
      const add = await addRewardStreamInstruction({
        pool: fixture.pool,
        authority: fixture.authority.publicKey,
        rewardMint: mint,
        streamIndex: 0,
        mode: StreamMode.FixedPerWeight,
        rate: 5n,
        startTs: now + 1_000n,
        endTs: now + 1_400n,
      });
      assertOk(chain.send([add], [fixture.authority]));
      await fundStream(fixture, 0, mint, 10_000n);
      chain.warp(500); // still 500 s before the start

      const expected = 10_000n - 3n * 5n * 400n;
      assert.equal(sdkSurplus(0), expected, "the SDK agrees with the hand computation");
      await withdrawExactly(0, mint, expected);
    });

    it("withdraws from one stream without touching another, to any token account of the mint", async () => {
      await addStream(fixture, { rate: 1n, duration: 1_000, fund: 5_000n });
      const second = await addStream(fixture, { rate: 2n, duration: 1_000, fund: 7_000n });
      await stakedHolder(1);
      chain.warp(500);
      const destination = writeTokenAccount(
        chain,
        Keypair.generate().publicKey,
        Keypair.generate().publicKey,
        second.mint,
        3n,
      );
      const expected = 7_000n - 2n * 1_000n;
      assert.equal(sdkSurplus(1), expected);
      const ix = await withdrawIx(1, second.mint, expected, destination);
      assertOk(chain.send([ix], [fixture.authority]));
      assert.equal(tokenBalance(chain, destination), 3n + expected);
      assert.equal(tokenBalance(chain, vaultOf(1)), 2_000n);
      assert.equal(tokenBalance(chain, vaultOf(0)), 5_000n, "the other stream is untouched");
      assert.equal(sdkSurplus(0), 5_000n - 1_000n);
    });
  });

  describe("rejections", () => {
    /** A funded FixedPerWeight stream with plenty of surplus and the authority's empty ATA. */
    async function fundedStream() {
      const { index, mint } = await addStream(fixture, { rate: 1n, fund: 1_000_000_000n });
      const destination = setTokenBalance(chain, fixture.authority.publicKey, mint, 0n);
      assert.ok(sdkSurplus(index) > 1_000n);
      return { index, mint, destination };
    }

    /** Expects `error` and that nothing changed (see `assertRejected`). */
    const expectRejected = rejecterFor(() => chain);

    it("rejects one base unit more than the surplus (SurplusExceeded)", async () => {
      const { mint } = await addStream(fixture, { rate: 1n, duration: 100, fund: 150n });
      await stakedHolder(1);
      setTokenBalance(chain, fixture.authority.publicKey, mint, 0n);
      assert.equal(sdkSurplus(0), 50n);
      expectRejected(await withdrawIx(0, mint, 51n), [fixture.authority], "SurplusExceeded");
      expectRejected(
        await withdrawIx(0, mint, 2n ** 64n - 1n),
        [fixture.authority],
        "SurplusExceeded",
      );
    });

    it("rejects any amount when nothing is surplus (SurplusExceeded)", async () => {
      const { mint } = await addStream(fixture, { rate: 1n, duration: 100, fund: 100n });
      await stakedHolder(1);
      setTokenBalance(chain, fixture.authority.publicKey, mint, 0n);
      assert.equal(sdkSurplus(0), 0n);
      expectRejected(await withdrawIx(0, mint, 1n), [fixture.authority], "SurplusExceeded");
    });

    it("rejects a signer who is not the authority (Unauthorized)", async () => {
      const { mint } = await fundedStream();
      const other = chain.fundedKeypair();
      setTokenBalance(chain, other.publicKey, mint, 0n);
      const ix = await withdrawSurplusInstruction({
        pool: fixture.pool,
        authority: other.publicKey,
        streamIndex: 0,
        rewardMint: mint,
        amount: 1n,
      });
      expectRejected(ix, [other], "Unauthorized");
    });

    it("rejects a missing authority signature (MissingSignature)", async () => {
      const { mint } = await fundedStream();
      const ix = await withdrawIx(0, mint, 1n);
      const authorityMeta = ix.keys[1];
      assert.ok(authorityMeta && authorityMeta.pubkey.equals(fixture.authority.publicKey));
      authorityMeta.isSigner = false;
      expectRejected(ix, [], "MissingSignature");
    });

    it("rejects a zero amount (ZeroAmount)", async () => {
      const { mint } = await fundedStream();
      expectRejected(await withdrawIx(0, mint, 0n), [fixture.authority], "ZeroAmount");
    });

    it("rejects a stream index past the pool's streams (InvalidStreamIndex)", async () => {
      const { mint } = await fundedStream();
      for (const index of [1, 3, 255]) {
        const ix = await withdrawIx(index, mint, 1n);
        expectRejected(ix, [fixture.authority], "InvalidStreamIndex", [vaultOf(0)]);
      }
    });

    it("rejects the vault of another stream (InvalidRewardVault)", async () => {
      const { mint } = await fundedStream();
      await addStream(fixture, { rate: 1n, fund: 1_000_000_000n, mint });
      const ix = await withdrawIx(0, mint, 1n);
      const vaultMeta = ix.keys[2];
      assert.ok(vaultMeta && vaultMeta.pubkey.equals(vaultOf(0)));
      vaultMeta.pubkey = vaultOf(1);
      expectRejected(ix, [fixture.authority], "InvalidRewardVault", [vaultOf(0)]);
    });

    it("rejects another token account of the mint owned by the pool (InvalidRewardVault)", async () => {
      const { mint } = await fundedStream();
      const decoy = writeTokenAccount(
        chain,
        Keypair.generate().publicKey,
        fixture.pool,
        mint,
        1_000_000n,
      );
      const ix = await withdrawIx(0, mint, 1n);
      const vaultMeta = ix.keys[2];
      assert.ok(vaultMeta);
      vaultMeta.pubkey = decoy;
      expectRejected(ix, [fixture.authority], "InvalidRewardVault", [vaultOf(0)]);
    });

    it("rejects a read-only vault (InvalidRewardVault)", async () => {
      const { mint } = await fundedStream();
      const ix = await withdrawIx(0, mint, 1n);
      const vaultMeta = ix.keys[2];
      assert.ok(vaultMeta);
      vaultMeta.isWritable = false;
      expectRejected(ix, [fixture.authority], "InvalidRewardVault");
    });

    it("rejects a destination of another mint (RewardMintMismatch)", async () => {
      const { mint } = await fundedStream();
      const otherMint = createRewardMint(chain);
      const wrong = setTokenBalance(chain, fixture.authority.publicKey, otherMint, 0n);
      const ix = await withdrawIx(0, mint, 1n, wrong);
      expectRejected(ix, [fixture.authority], "RewardMintMismatch");
    });

    it("rejects a destination that is not a token account (RewardMintMismatch)", async () => {
      const { mint } = await fundedStream();
      const ix = await withdrawIx(0, mint, 1n, fixture.authority.publicKey);
      expectRejected(ix, [fixture.authority], "RewardMintMismatch");
    });

    it("rejects a wrong token program (InvalidTokenProgram)", async () => {
      const { mint } = await fundedStream();
      const ix = await withdrawIx(0, mint, 1n);
      const programMeta = ix.keys[4];
      assert.ok(programMeta && programMeta.pubkey.equals(TOKEN_PROGRAM_ID));
      programMeta.pubkey = SystemProgram.programId;
      expectRejected(ix, [fixture.authority], "InvalidTokenProgram", [TOKEN_PROGRAM_ID]);
    });

    it("rejects Token-2022 as the token program (Token2022NotSupported)", async () => {
      const { mint } = await fundedStream();
      const ix = await withdrawIx(0, mint, 1n);
      const programMeta = ix.keys[4];
      assert.ok(programMeta);
      programMeta.pubkey = TOKEN_2022_PROGRAM_ID;
      expectRejected(ix, [fixture.authority], "Token2022NotSupported", [TOKEN_PROGRAM_ID]);
    });

    it("rejects a pool account that is not a pool of this program (InvalidPoolAccount)", async () => {
      const { mint } = await fundedStream();
      const ix = await withdrawIx(0, mint, 1n);
      const poolMeta = ix.keys[0];
      assert.ok(poolMeta);
      poolMeta.pubkey = fixture.collection.mint;
      expectRejected(ix, [fixture.authority], "InvalidPoolAccount", [fixture.pool]);
    });

    it("rejects an account of this program that is not a pool (InvalidPoolAccount)", async () => {
      const { mint } = await fundedStream();
      const { holder } = await stakedHolder(1);
      const ix = await withdrawIx(0, mint, 1n);
      const poolMeta = ix.keys[0];
      assert.ok(poolMeta);
      poolMeta.pubkey = findStakerAddress(fixture.pool, holder.publicKey)[0];
      expectRejected(ix, [fixture.authority], "InvalidPoolAccount", [fixture.pool]);
    });

    it("rejects a read-only pool (AccountNotWritable)", async () => {
      const { mint } = await fundedStream();
      const ix = await withdrawIx(0, mint, 1n);
      const poolMeta = ix.keys[0];
      assert.ok(poolMeta);
      poolMeta.isWritable = false;
      expectRejected(ix, [fixture.authority], "AccountNotWritable");
    });

    it("rejects too few accounts (NotEnoughAccounts)", async () => {
      const { mint } = await fundedStream();
      const ix = await withdrawIx(0, mint, 1n);
      const all = ix.keys.map((key) => key.pubkey);
      ix.keys = ix.keys.slice(0, 4);
      expectRejected(ix, [fixture.authority], "NotEnoughAccounts", all);
    });

    it("rejects truncated and padded arguments (InvalidInstructionData)", async () => {
      const { mint } = await fundedStream();
      const ix = await withdrawIx(0, mint, 1n);
      const truncated = { ...ix, data: ix.data.subarray(0, ix.data.length - 1) };
      expectRejected(
        truncated as TransactionInstruction,
        [fixture.authority],
        "InvalidInstructionData",
      );
      const padded = { ...ix, data: Buffer.concat([ix.data, Buffer.from([0])]) };
      expectRejected(
        padded as TransactionInstruction,
        [fixture.authority],
        "InvalidInstructionData",
      );
    });
  });
});
