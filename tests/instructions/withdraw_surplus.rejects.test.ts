import { strict as assert } from "assert";
import { TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID } from "@solana/spl-token";
import { SystemProgram } from "@solana/web3.js";
import { findStakerAddress, withdrawSurplusInstruction } from "@nft-staking/sdk";
import {
  addStream,
  createRewardMint,
  type PoolFixture,
  setTokenBalance,
  type TestChain,
} from "@nft-staking/dev-kit";
import { accountMeta, padded, truncated } from "../utils/assertions";
import { withdrawSurplusFixture } from "./withdraw_surplus.fixture";

describe("withdraw_surplus", () => {
  const suite = withdrawSurplusFixture();
  const { vaultOf, sdkSurplus, withdrawIx, stakedHolder, tokenAccountAt, expectRejected } = suite;
  let chain: TestChain, fixture: PoolFixture;
  beforeEach(() => ({ chain, fixture } = suite));

  describe("rejections", () => {
    /** A funded FixedPerWeight stream with plenty of surplus and the authority's empty ATA. */
    async function fundedStream() {
      const { index, mint } = await addStream(fixture, { rate: 1n, fund: 1_000_000_000n });
      const destination = setTokenBalance(chain, fixture.authority.publicKey, mint, 0n);
      assert.ok(sdkSurplus(index) > 1_000n);
      return { index, mint, destination };
    }

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
      assert.ok(accountMeta(ix, 1).pubkey.equals(fixture.authority.publicKey));
      accountMeta(ix, 1).isSigner = false;
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
      assert.ok(accountMeta(ix, 2).pubkey.equals(vaultOf(0)));
      accountMeta(ix, 2).pubkey = vaultOf(1);
      expectRejected(ix, [fixture.authority], "InvalidRewardVault", [vaultOf(0)]);
    });

    it("rejects another token account of the mint owned by the pool (InvalidRewardVault)", async () => {
      const { mint } = await fundedStream();
      const decoy = tokenAccountAt(fixture.pool, mint, 1_000_000n);
      const ix = await withdrawIx(0, mint, 1n);
      accountMeta(ix, 2).pubkey = decoy;
      expectRejected(ix, [fixture.authority], "InvalidRewardVault", [vaultOf(0)]);
    });

    it("rejects a read-only vault (InvalidRewardVault)", async () => {
      const { mint } = await fundedStream();
      const ix = await withdrawIx(0, mint, 1n);
      accountMeta(ix, 2).isWritable = false;
      expectRejected(ix, [fixture.authority], "InvalidRewardVault");
    });

    it("rejects a destination of another mint (RewardMintMismatch)", async () => {
      const { mint } = await fundedStream();
      const otherMint = createRewardMint(chain);
      const wrong = setTokenBalance(chain, fixture.authority.publicKey, otherMint, 0n);
      const ix = await withdrawIx(0, mint, 1n, wrong);
      expectRejected(ix, [fixture.authority], "RewardMintMismatch");
    });

    it("rejects the stream's own vault as the destination (RewardDestinationIsVault)", async () => {
      // Audit I-4: a self-transfer emitted SurplusWithdrawn for tokens that never moved.
      const { mint } = await fundedStream();
      const ix = await withdrawIx(0, mint, 1n, vaultOf(0));
      expectRejected(ix, [fixture.authority], "RewardDestinationIsVault", [vaultOf(0)]);
    });

    it("rejects a destination that is not a token account (RewardMintMismatch)", async () => {
      const { mint } = await fundedStream();
      const ix = await withdrawIx(0, mint, 1n, fixture.authority.publicKey);
      expectRejected(ix, [fixture.authority], "RewardMintMismatch");
    });

    it("rejects a wrong token program (InvalidTokenProgram)", async () => {
      const { mint } = await fundedStream();
      const ix = await withdrawIx(0, mint, 1n);
      assert.ok(accountMeta(ix, 4).pubkey.equals(TOKEN_PROGRAM_ID));
      accountMeta(ix, 4).pubkey = SystemProgram.programId;
      expectRejected(ix, [fixture.authority], "InvalidTokenProgram", [TOKEN_PROGRAM_ID]);
    });

    it("rejects Token-2022 as the token program (Token2022NotSupported)", async () => {
      const { mint } = await fundedStream();
      const ix = await withdrawIx(0, mint, 1n);
      accountMeta(ix, 4).pubkey = TOKEN_2022_PROGRAM_ID;
      expectRejected(ix, [fixture.authority], "Token2022NotSupported", [TOKEN_PROGRAM_ID]);
    });

    it("rejects a pool account that is not a pool of this program (InvalidPoolAccount)", async () => {
      const { mint } = await fundedStream();
      const ix = await withdrawIx(0, mint, 1n);
      accountMeta(ix, 0).pubkey = fixture.collection.mint;
      expectRejected(ix, [fixture.authority], "InvalidPoolAccount", [fixture.pool]);
    });

    it("rejects an account of this program that is not a pool (InvalidPoolAccount)", async () => {
      const { mint } = await fundedStream();
      const { holder } = await stakedHolder(1);
      const ix = await withdrawIx(0, mint, 1n);
      accountMeta(ix, 0).pubkey = findStakerAddress(fixture.pool, holder.publicKey)[0];
      expectRejected(ix, [fixture.authority], "InvalidPoolAccount", [fixture.pool]);
    });

    it("rejects a read-only pool (AccountNotWritable)", async () => {
      const { mint } = await fundedStream();
      const ix = await withdrawIx(0, mint, 1n);
      accountMeta(ix, 0).isWritable = false;
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
      expectRejected(truncated(ix), [fixture.authority], "InvalidInstructionData");
      expectRejected(padded(ix), [fixture.authority], "InvalidInstructionData");
    });
  });
});
