import { strict as assert } from "assert";
import { TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID } from "@solana/spl-token";
import { Keypair, PublicKey, SystemProgram } from "@solana/web3.js";
import {
  StreamMode,
  addRewardStreamInstruction,
  findRewardVaultAddress,
  setPausedInstruction,
  sunsetPoolInstruction,
} from "@nft-staking/sdk";
import {
  addStream,
  createCollectionNfts,
  createPool,
  createRewardMint,
  fundStream,
  type PoolFixture,
  setTokenBalance,
  stakeNfts,
  type TestChain,
  tokenBalance,
  isPaused as paused,
} from "@nft-staking/dev-kit";
import { accountMeta, assertOk, padded } from "../utils/assertions";
import { claimFixture, freezableStream, isFrozen } from "./claim.fixture";

describe("claim", () => {
  const suite = claimFixture();
  const { asAuthority, claimIx, stakedHolder, stakerOf, expectRejected } = suite;
  let chain: TestChain, fixture: PoolFixture;
  beforeEach(() => ({ chain, fixture } = suite));

  describe("rejections", () => {
    /** A pool with two funded streams, a staked holder and their two reward ATAs. */
    async function twoStreams() {
      const first = await addStream(fixture, { rate: 10n, fund: 1_000_000n });
      const second = await addStream(fixture, { rate: 20n, fund: 1_000_000n });
      const staked = await stakedHolder(1, [first.mint, second.mint]);
      chain.warp(100);
      return { first, second, ...staked };
    }

    it("rejects a claim by someone who is not the staker's owner (InvalidStakerAccount)", async () => {
      const { first, second, holder } = await twoStreams();
      const thief = chain.fundedKeypair();
      const thiefDestinations = [first.mint, second.mint].map((mint) =>
        setTokenBalance(chain, thief.publicKey, mint, 0n),
      );
      const ix = await claimIx(thief.publicKey, thiefDestinations);
      accountMeta(ix, 1).pubkey = stakerOf(holder.publicKey);
      expectRejected(ix, [thief], "InvalidStakerAccount");
    });

    it("rejects a signer who passes the owner's accounts but is not the owner (InvalidStakerAccount)", async () => {
      const { holder } = await twoStreams();
      const thief = chain.fundedKeypair();
      const ix = await claimIx(holder.publicKey);
      assert.ok(accountMeta(ix, 2).pubkey.equals(holder.publicKey));
      accountMeta(ix, 2).pubkey = thief.publicKey;
      expectRejected(ix, [thief], "InvalidStakerAccount", [holder.publicKey]);
    });

    it("rejects a holder with no staker account (StakerNotFound)", async () => {
      const { first, second } = await twoStreams();
      const stranger = chain.fundedKeypair();
      for (const mint of [first.mint, second.mint]) {
        setTokenBalance(chain, stranger.publicKey, mint, 0n);
      }
      expectRejected(await claimIx(stranger.publicKey), [stranger], "StakerNotFound");
    });

    it("rejects the holder's staker account of another pool (InvalidStakerAccount)", async () => {
      const { holder } = await twoStreams();
      const other = await createPool(chain);
      const otherNfts = createCollectionNfts(chain, holder.publicKey, other.collection.mint, 1);
      assertOk(await stakeNfts(other, holder, otherNfts));
      const ix = await claimIx(holder.publicKey);
      const ownStaker = accountMeta(ix, 1).pubkey;
      accountMeta(ix, 1).pubkey = stakerOf(holder.publicKey, other.pool);
      expectRejected(ix, [holder], "InvalidStakerAccount", [ownStaker]);
    });

    it("rejects the vaults of two streams swapped (InvalidRewardVault)", async () => {
      const { holder } = await twoStreams();
      const ix = await claimIx(holder.publicKey);
      const [vault0, vault1] = [ix.keys[4], ix.keys[6]];
      assert.ok(vault0 && vault1);
      assert.ok(vault0.pubkey.equals(findRewardVaultAddress(fixture.pool, 0)[0]));
      [vault0.pubkey, vault1.pubkey] = [vault1.pubkey, vault0.pubkey];
      expectRejected(ix, [holder], "InvalidRewardVault");
    });

    it("rejects another token account of the reward mint as the vault (InvalidRewardVault)", async () => {
      const { first, holder } = await twoStreams();
      const decoy = setTokenBalance(chain, fixture.pool, first.mint, 1_000_000n);
      const ix = await claimIx(holder.publicKey);
      const realVault = accountMeta(ix, 4).pubkey;
      accountMeta(ix, 4).pubkey = decoy;
      expectRejected(ix, [holder], "InvalidRewardVault", [realVault]);
    });

    it("rejects a read-only vault (InvalidRewardVault)", async () => {
      const { holder } = await twoStreams();
      const ix = await claimIx(holder.publicKey);
      accountMeta(ix, 6).isWritable = false;
      expectRejected(ix, [holder], "InvalidRewardVault");
    });

    it("rejects a destination of another mint (RewardMintMismatch)", async () => {
      const { holder, destinations } = await twoStreams();
      const [first, second] = destinations as [PublicKey, PublicKey];
      const ix = await claimIx(holder.publicKey, [second, second]);
      expectRejected(ix, [holder], "RewardMintMismatch", [first]);
    });

    it("rejects the stream's own vault as the destination (RewardDestinationIsVault)", async () => {
      // Audit I-4: a vault-to-vault payment moved nothing but emitted RewardsClaimed and turned
      // the holder's owed into surplus.
      const { holder, destinations } = await twoStreams();
      const [first] = destinations as [PublicKey, PublicKey];
      const ix = await claimIx(holder.publicKey);
      const vault = accountMeta(ix, 4).pubkey;
      accountMeta(ix, 5).pubkey = vault;
      expectRejected(ix, [holder], "RewardDestinationIsVault", [first, vault]);
    });

    it("rejects a destination that is not a token account (RewardMintMismatch)", async () => {
      const { holder, destinations } = await twoStreams();
      const [first] = destinations as [PublicKey, PublicKey];
      const ix = await claimIx(holder.publicKey);
      assert.ok(accountMeta(ix, 5).pubkey.equals(first));
      accountMeta(ix, 5).pubkey = Keypair.generate().publicKey;
      expectRejected(ix, [holder], "RewardMintMismatch", [first]);
    });

    it("rejects missing stream accounts (NotEnoughAccounts)", async () => {
      const { holder } = await twoStreams();
      const full = await claimIx(holder.publicKey);
      const all = full.keys.map((key) => key.pubkey);
      for (const length of [4, 5, 6, 7, 3]) {
        const ix = await claimIx(holder.publicKey);
        ix.keys = ix.keys.slice(0, length);
        expectRejected(ix, [holder], "NotEnoughAccounts", all);
      }
    });

    it("rejects a missing owner signature (MissingSignature)", async () => {
      const { holder } = await twoStreams();
      const ix = await claimIx(holder.publicKey);
      assert.ok(accountMeta(ix, 2).pubkey.equals(holder.publicKey));
      accountMeta(ix, 2).isSigner = false;
      expectRejected(ix, [], "MissingSignature");
    });

    it("rejects a claim while the pool is paused (PoolPaused), but not once it is sunset (L-7)", async () => {
      const { holder, destinations } = await twoStreams();
      const authority = fixture.authority.publicKey;
      await asAuthority(setPausedInstruction({ pool: fixture.pool, authority, paused: true }));
      assert.equal(paused(fixture), true);
      expectRejected(await claimIx(holder.publicKey), [holder], "PoolPaused");

      await asAuthority(sunsetPoolInstruction({ pool: fixture.pool, authority }));
      assert.equal(paused(fixture), true, "still paused");
      assertOk(chain.send([await claimIx(holder.publicKey)], [holder]));
      assert.deepEqual(
        destinations.map((destination) => tokenBalance(chain, destination)),
        [10n * 100n, 20n * 100n],
      );
    });

    it("rejects a claim that would pay nothing (NothingToClaim): a second claim in the same second, nothing moved", async () => {
      const { holder, destinations } = await twoStreams();
      assertOk(chain.send([await claimIx(holder.publicKey)], [holder]));
      assert.deepEqual(
        destinations.map((destination) => tokenBalance(chain, destination)),
        [1_000n, 2_000n],
      );
      // The pool, staker, vaults and destinations (all in the instruction) stay byte for byte.
      expectRejected(await claimIx(holder.publicKey), [holder], "NothingToClaim");
    });

    it("rejects a claim that would pay nothing (NothingToClaim): a pool without streams", async () => {
      const { holder } = await stakedHolder(2, []);
      chain.warp(100);
      expectRejected(await claimIx(holder.publicKey), [holder], "NothingToClaim");
      assert.equal(
        suite.staker(holder.publicKey).points.toString(),
        "0",
        "a refused claim settles no points either",
      );
    });

    it("rejects a claim that would pay nothing (NothingToClaim): an unfunded stream and one not started", async () => {
      const unfunded = await addStream(fixture, { rate: 10n });
      const mint = createRewardMint(chain);
      const now = chain.now();
      await asAuthority(
        addRewardStreamInstruction({
          pool: fixture.pool,
          authority: fixture.authority.publicKey,
          rewardMint: mint,
          streamIndex: 1,
          mode: StreamMode.SharedEmission,
          rate: 10n,
          startTs: now + 1_000n,
          endTs: now + 2_000n,
        }),
      );
      await fundStream(fixture, 1, mint, 1_000_000n);
      const { holder } = await stakedHolder(1, [unfunded.mint, mint]);
      chain.warp(999);
      expectRejected(await claimIx(holder.publicKey), [holder], "NothingToClaim");
    });

    it("rejects a claim whose only stream owed has a frozen vault (RewardVaultFrozen); thawed, it pays", async () => {
      const held = await freezableStream(fixture, { rate: 10n, fund: 1_000_000n });
      const unfunded = await addStream(fixture, { rate: 20n }); // owes nothing
      const { holder, destinations } = await stakedHolder(1, [held.mint, unfunded.mint]);
      chain.warp(100);
      held.freeze();
      assert.ok(isFrozen(chain, held.vault));
      expectRejected(await claimIx(holder.publicKey), [holder], "RewardVaultFrozen");

      held.thaw();
      assertOk(chain.send([await claimIx(holder.publicKey)], [holder]));
      assert.deepEqual(
        destinations.map((destination) => tokenBalance(chain, destination)),
        [1_000n, 0n],
      );
      assert.equal(tokenBalance(chain, held.vault), 1_000_000n - 1_000n);
    });

    it("rejects a wrong token program (InvalidTokenProgram)", async () => {
      const { holder } = await twoStreams();
      const ix = await claimIx(holder.publicKey);
      assert.ok(accountMeta(ix, 3).pubkey.equals(TOKEN_PROGRAM_ID));
      accountMeta(ix, 3).pubkey = SystemProgram.programId;
      expectRejected(ix, [holder], "InvalidTokenProgram");
    });

    it("rejects Token-2022 as the token program (Token2022NotSupported)", async () => {
      const { holder } = await twoStreams();
      const ix = await claimIx(holder.publicKey);
      accountMeta(ix, 3).pubkey = TOKEN_2022_PROGRAM_ID;
      expectRejected(ix, [holder], "Token2022NotSupported");
    });

    it("rejects a read-only pool or staker (AccountNotWritable)", async () => {
      const { holder } = await twoStreams();
      for (const index of [0, 1]) {
        const ix = await claimIx(holder.publicKey);
        accountMeta(ix, index).isWritable = false;
        expectRejected(ix, [holder], "AccountNotWritable");
      }
    });

    it("rejects instruction data after the discriminator (InvalidInstructionData)", async () => {
      const { holder } = await twoStreams();
      const ix = await claimIx(holder.publicKey);
      expectRejected(padded(ix), [holder], "InvalidInstructionData");
    });
  });
});
