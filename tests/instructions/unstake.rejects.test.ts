import { strict as assert } from "assert";
import { TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID } from "@solana/spl-token";
import { Keypair, SystemProgram } from "@solana/web3.js";
import {
  configurePool,
  createCollectionNfts,
  createPool,
  createTokenAccount,
  holderWithNfts,
  type PoolFixture,
  stakeNfts,
  type TestChain,
  type TestNft,
} from "@nft-staking/dev-kit";
import { accountMeta, assertOk, padded } from "../utils/assertions";
import { unstakeFixture } from "./unstake.fixture";

describe("unstake", () => {
  const suite = unstakeFixture();
  const { escrowOf, stakerOf, unstakeIx, stakedHolder, expectRejected, accountsOf } = suite;
  const { tokenAccountAt } = suite;
  let chain: TestChain, fixture: PoolFixture;
  beforeEach(() => ({ chain, fixture } = suite));

  describe("rejections", () => {
    it("rejects an NFT that is still locked (StakeLocked)", async () => {
      await configurePool(fixture, { lockOptions: [{ durationS: 1_000, multiplierBps: 20_000 }] });
      const { holder, nfts } = await stakedHolder(1, 0);
      chain.warp(999);
      const ix = await unstakeIx(holder.publicKey, nfts);
      expectRejected(ix, [holder], "StakeLocked");
    });

    it("rejects a whole batch when one of its NFTs is locked (StakeLocked)", async () => {
      await configurePool(fixture, { lockOptions: [{ durationS: 1_000, multiplierBps: 20_000 }] });
      const { holder, nfts } = holderWithNfts(fixture, 2);
      const [free, locked] = nfts as [TestNft, TestNft];
      assertOk(await stakeNfts(fixture, holder, [free]));
      assertOk(await stakeNfts(fixture, holder, [locked], 0));
      chain.warp(10);
      const ix = await unstakeIx(holder.publicKey, [free, locked]);
      expectRejected(ix, [holder], "StakeLocked");
    });

    it("rejects an NFT the holder did not stake (NftNotStaked)", async () => {
      const a = await stakedHolder(1);
      const b = await stakedHolder(1);
      const [bNft] = b.nfts as [TestNft];
      // A destination A owns for that mint, so that only the missing record is wrong.
      const destination = createTokenAccount(chain, a.holder.publicKey, bNft.mint);
      const ix = await unstakeIx(a.holder.publicKey, [
        { mint: bNft.mint, tokenAccount: destination },
      ]);
      expectRejected(ix, [a.holder], "NftNotStaked", accountsOf(b.holder.publicKey, b.nfts));
    });

    it("rejects a holder who never staked here (StakerNotFound), and moves nothing", async () => {
      const a = await stakedHolder(1);
      const [aNft] = a.nfts as [TestNft];
      const b = chain.fundedKeypair();
      const destination = createTokenAccount(chain, b.publicKey, aNft.mint);
      const ix = await unstakeIx(b.publicKey, [{ mint: aNft.mint, tokenAccount: destination }]);
      expectRejected(ix, [b], "StakerNotFound", accountsOf(a.holder.publicKey, a.nfts));
    });

    it("rejects another holder's staker account (InvalidStakerAccount)", async () => {
      const a = await stakedHolder(1);
      const [aNft] = a.nfts as [TestNft];
      const b = chain.fundedKeypair();
      const destination = createTokenAccount(chain, b.publicKey, aNft.mint);
      const ix = await unstakeIx(b.publicKey, [{ mint: aNft.mint, tokenAccount: destination }]);
      accountMeta(ix, 1).pubkey = stakerOf(a.holder.publicKey);
      expectRejected(ix, [b], "InvalidStakerAccount", accountsOf(a.holder.publicKey, a.nfts));
    });

    it("rejects a signer who passes the real owner's accounts but is not the owner (InvalidStakerAccount)", async () => {
      const a = await stakedHolder(1);
      const b = chain.fundedKeypair();
      const ix = await unstakeIx(a.holder.publicKey, a.nfts);
      assert.ok(accountMeta(ix, 2).pubkey.equals(a.holder.publicKey));
      accountMeta(ix, 2).pubkey = b.publicKey;
      expectRejected(ix, [b], "InvalidStakerAccount", accountsOf(a.holder.publicKey, a.nfts));
    });

    it("rejects the holder's staker account of another pool (InvalidStakerAccount)", async () => {
      const { holder, nfts } = await stakedHolder(1);
      const other = await createPool(chain);
      const otherNfts = createCollectionNfts(chain, holder.publicKey, other.collection.mint, 1);
      assertOk(await stakeNfts(other, holder, otherNfts));
      const ix = await unstakeIx(holder.publicKey, nfts);
      accountMeta(ix, 1).pubkey = stakerOf(holder.publicKey, other.pool);
      expectRejected(ix, [holder], "InvalidStakerAccount", accountsOf(holder.publicKey, nfts));
    });

    it("rejects a token account of the mint that is not the escrow PDA (InvalidEscrow)", async () => {
      const { holder, nfts } = await stakedHolder(1);
      const [nft] = nfts as [TestNft];
      const forged = tokenAccountAt(holder.publicKey, nft.mint, 0n);
      const ix = await unstakeIx(holder.publicKey, nfts);
      assert.ok(accountMeta(ix, 4).pubkey.equals(escrowOf(nft)));
      accountMeta(ix, 4).pubkey = forged;
      expectRejected(ix, [holder], "InvalidEscrow", accountsOf(holder.publicKey, nfts));
    });

    it("rejects a forged escrow owned by the pool and holding the NFT (InvalidEscrow)", async () => {
      const { holder, nfts } = await stakedHolder(1);
      const [nft] = nfts as [TestNft];
      const forged = tokenAccountAt(fixture.pool, nft.mint, 1n);
      const ix = await unstakeIx(holder.publicKey, nfts);
      accountMeta(ix, 4).pubkey = forged;
      expectRejected(ix, [holder], "InvalidEscrow", accountsOf(holder.publicKey, nfts));
    });

    it("rejects an escrow that is not a token account, or passed read-only (InvalidEscrow)", async () => {
      const { holder, nfts } = await stakedHolder(1);
      const notToken = await unstakeIx(holder.publicKey, nfts);
      accountMeta(notToken, 4).pubkey = holder.publicKey;
      expectRejected(notToken, [holder], "InvalidEscrow", accountsOf(holder.publicKey, nfts));

      const readOnly = await unstakeIx(holder.publicKey, nfts);
      accountMeta(readOnly, 4).isWritable = false;
      expectRejected(readOnly, [holder], "InvalidEscrow");
    });

    it("rejects an NFT already unstaked: its escrow is closed (InvalidEscrow)", async () => {
      const { holder, nfts } = await stakedHolder(1);
      assertOk(chain.send([await unstakeIx(holder.publicKey, nfts)], [holder]));
      const ix = await unstakeIx(holder.publicKey, nfts);
      expectRejected(ix, [holder], "InvalidEscrow");
    });

    it("rejects a destination owned by someone else (InvalidTokenAccount)", async () => {
      const { holder, nfts } = await stakedHolder(1);
      const [nft] = nfts as [TestNft];
      const thief = Keypair.generate().publicKey;
      const destination = createTokenAccount(chain, thief, nft.mint);
      const ix = await unstakeIx(holder.publicKey, [{ mint: nft.mint, tokenAccount: destination }]);
      expectRejected(ix, [holder], "InvalidTokenAccount", accountsOf(holder.publicKey, nfts));
    });

    it("rejects a destination of another mint (InvalidTokenAccount)", async () => {
      const { holder, nfts } = holderWithNfts(fixture, 2);
      const [staked, unstakedNft] = nfts as [TestNft, TestNft];
      assertOk(await stakeNfts(fixture, holder, [staked]));
      const ix = await unstakeIx(holder.publicKey, [
        { mint: staked.mint, tokenAccount: unstakedNft.tokenAccount },
      ]);
      expectRejected(ix, [holder], "InvalidTokenAccount", accountsOf(holder.publicKey, [staked]));
    });

    it("rejects the same NFT twice in one instruction (DuplicateNft)", async () => {
      const { holder, nfts } = await stakedHolder(2);
      const [nft] = nfts as [TestNft];
      const ix = await unstakeIx(holder.publicKey, [nft, nft]);
      expectRejected(ix, [holder], "DuplicateNft", accountsOf(holder.publicKey, nfts));
    });

    it("rejects a missing owner signature (MissingSignature)", async () => {
      const { holder, nfts } = await stakedHolder(1);
      const ix = await unstakeIx(holder.publicKey, nfts);
      assert.ok(accountMeta(ix, 2).pubkey.equals(holder.publicKey));
      accountMeta(ix, 2).isSigner = false;
      expectRejected(ix, [], "MissingSignature");
    });

    it("rejects a wrong token program (InvalidTokenProgram)", async () => {
      const { holder, nfts } = await stakedHolder(1);
      const ix = await unstakeIx(holder.publicKey, nfts);
      assert.ok(accountMeta(ix, 3).pubkey.equals(TOKEN_PROGRAM_ID));
      accountMeta(ix, 3).pubkey = SystemProgram.programId;
      expectRejected(ix, [holder], "InvalidTokenProgram", [TOKEN_PROGRAM_ID]);
    });

    it("rejects Token-2022 as the token program (Token2022NotSupported)", async () => {
      const { holder, nfts } = await stakedHolder(1);
      const ix = await unstakeIx(holder.publicKey, nfts);
      accountMeta(ix, 3).pubkey = TOKEN_2022_PROGRAM_ID;
      expectRejected(ix, [holder], "Token2022NotSupported", [TOKEN_PROGRAM_ID]);
    });

    it("rejects 0 NFTs and more than 16 (InvalidBatchSize)", async () => {
      const { holder, nfts } = await stakedHolder(1);
      const none = await unstakeIx(holder.publicKey, nfts);
      const pair = none.keys.slice(4, 6);
      none.keys = none.keys.slice(0, 4);
      expectRejected(none, [holder], "InvalidBatchSize", accountsOf(holder.publicKey, nfts));

      const seventeen = await unstakeIx(holder.publicKey, nfts);
      seventeen.keys = [
        ...seventeen.keys.slice(0, 4),
        ...Array.from({ length: 17 }, () => pair).flat(),
      ];
      assert.equal(seventeen.keys.length, 4 + 34);
      expectRejected(seventeen, [holder], "InvalidBatchSize");
    });

    it("rejects an odd number of NFT accounts, or fewer than the fixed ones (NotEnoughAccounts)", async () => {
      const { holder, nfts } = await stakedHolder(2);
      const all = accountsOf(holder.publicKey, nfts);
      const short = await unstakeIx(holder.publicKey, nfts);
      short.keys = short.keys.slice(0, 7);
      expectRejected(short, [holder], "NotEnoughAccounts", all);

      const long = await unstakeIx(holder.publicKey, nfts.slice(0, 1));
      const extra = long.keys[4];
      assert.ok(extra);
      long.keys = [...long.keys, extra];
      expectRejected(long, [holder], "NotEnoughAccounts", all);

      const fixedOnly = await unstakeIx(holder.publicKey, nfts);
      fixedOnly.keys = fixedOnly.keys.slice(0, 3);
      expectRejected(fixedOnly, [holder], "NotEnoughAccounts", all);
    });

    it("rejects a read-only pool, staker or owner (AccountNotWritable)", async () => {
      const { holder, nfts } = await stakedHolder(1);
      for (const index of [0, 1, 2]) {
        const ix = await unstakeIx(holder.publicKey, nfts);
        accountMeta(ix, index).isWritable = false;
        expectRejected(ix, [holder], "AccountNotWritable");
      }
    });

    it("rejects a pool account that is not a pool of this program (InvalidPoolAccount)", async () => {
      const { holder, nfts } = await stakedHolder(1);
      const ix = await unstakeIx(holder.publicKey, nfts);
      accountMeta(ix, 0).pubkey = fixture.collection.mint;
      expectRejected(ix, [holder], "InvalidPoolAccount", accountsOf(holder.publicKey, nfts));
    });

    it("rejects instruction data after the discriminator (InvalidInstructionData)", async () => {
      const { holder, nfts } = await stakedHolder(1);
      const ix = await unstakeIx(holder.publicKey, nfts);
      expectRejected(padded(ix), [holder], "InvalidInstructionData");
    });
  });
});
