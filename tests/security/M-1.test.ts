// Review finding M-1 (../shared/AUDIT.md): a mint whose authority survives can mint into (or
// freeze) the escrow and strand the NFT forever. Only NFTs whose mint can never change supply or
// freeze the escrow are accepted, and unstake always empties and closes the escrow.
import { strict as assert } from "assert";
import { Keypair } from "@solana/web3.js";
import { AccountLayout, MintLayout, getAssociatedTokenAddressSync } from "@solana/spl-token";
import { percentAmount, some } from "@metaplex-foundation/umi";
import {
  TokenStandard,
  createV1,
  findMasterEditionPda,
  findMetadataPda,
  mintV1,
  verifyCollectionV1,
} from "@metaplex-foundation/mpl-token-metadata";
import {
  findEscrowAddress,
  findPoolAddress,
  initializePoolInstruction,
  stakeInstruction,
  unstakeInstruction,
} from "@nft-staking/sdk";
import {
  createCollectionNfts,
  stakeNfts,
  stakerState,
  TestChain,
  tokenBalance,
  type TestNft,
} from "@nft-staking/dev-kit";
import { assertOk } from "../utils/assertions";
import { describeWithPrograms, loadPrograms } from "../utils/programs";
import { START, poolSuite } from "../utils/suite";
import { offlineUmi, sendBuilder, signerOf, umiKey, web3Key } from "../programs/umi";

describe("security M-1: mints that could strand an escrowed NFT", () => {
  const suite = poolSuite({ start: START });
  const { stakeIx, unstakeIx, expectRejected } = suite;
  let chain: TestChain;
  beforeEach(() => ({ chain } = suite));

  /** One NFT of the pool's collection for a new holder, with `options` for its accounts. */
  function nftWith(options: Parameters<typeof createCollectionNfts>[4]) {
    const holder = chain.fundedKeypair();
    const [nft] = createCollectionNfts(
      chain,
      holder.publicKey,
      suite.fixture.collection.mint,
      1,
      options,
    ) as [TestNft];
    return { holder, nft };
  }

  /** Expects the stake of `nft` to fail with `error`, moving nothing (escrow never created). */
  async function expectStakeRefused(
    holder: Keypair,
    nft: TestNft,
    error: Parameters<typeof expectRejected>[2],
  ) {
    const escrow = findEscrowAddress(suite.fixture.pool, nft.mint)[0];
    expectRejected(await stakeIx(holder.publicKey, [{ mint: nft.mint }]), [holder], error, [
      nft.tokenAccount,
      escrow,
    ]);
    assert.equal(chain.account(escrow), null);
    assert.equal(tokenBalance(chain, nft.tokenAccount), 1n);
  }

  it("M-1: refuses a mint whose authority is not the edition (it could mint into the escrow)", async () => {
    const attacker = Keypair.generate();
    const { holder, nft } = nftWith({ mintAuthority: attacker.publicKey, tokenStandard: null });
    await expectStakeRefused(holder, nft, "NftMintNotLocked");
  });

  it("M-1: refuses a mint with a freeze authority other than the edition (it could freeze the escrow)", async () => {
    const freezer = Keypair.generate();
    const { holder, nft } = nftWith({ freezeAuthority: freezer.publicKey });
    await expectStakeRefused(holder, nft, "NftMintNotLocked");
  });

  it("M-1: refuses a mint with no mint authority at all but no edition behind it", async () => {
    const { holder, nft } = nftWith({
      mintAuthority: null,
      freezeAuthority: null,
      edition: "none",
    });
    await expectStakeRefused(holder, nft, "InvalidEditionAccount");
  });

  it("M-1: refuses an edition account not owned by Token Metadata", async () => {
    const { holder, nft } = nftWith({ editionOwner: Keypair.generate().publicKey });
    await expectStakeRefused(holder, nft, "InvalidEditionAccount");
  });

  it("M-1: refuses an edition account at another address than the mint's edition PDA", async () => {
    const { holder, nft } = nftWith({});
    const { nft: other } = nftWith({});
    const ix = await stakeIx(holder.publicKey, [{ mint: nft.mint }]);
    const edition = ix.keys.findIndex((meta) => meta.pubkey.equals(nft.edition));
    assert.ok(edition > 0);
    ix.keys[edition]!.pubkey = other.edition;
    expectRejected(ix, [holder], "InvalidEditionAccount", [nft.tokenAccount]);
  });

  it("M-1: accepts a freeze authority of None with the edition as mint authority", async () => {
    const { holder, nft } = nftWith({ freezeAuthority: null });
    assertOk(chain.send([await stakeIx(holder.publicKey, [{ mint: nft.mint }])], [holder]));
    assert.equal(stakerState(suite.fixture, holder.publicKey)?.records.length, 1);
  });

  it("M-1: unstake transfers the escrow's whole balance, so extra tokens can never block the close", async () => {
    const { holder, nft } = nftWith({});
    assertOk(await stakeNfts(suite.fixture, holder, [nft]));
    // Simulate the attack's end state (a second token in the escrow, supply 2): what a live
    // mint authority could have done before this fix.
    const escrow = findEscrowAddress(suite.fixture.pool, nft.mint)[0];
    for (const [address, layout, patch] of [
      [escrow, AccountLayout, { amount: 2n }],
      [nft.mint, MintLayout, { supply: 2n }],
    ] as const) {
      const account = chain.svm.getAccount(address);
      assert.ok(account);
      const data = Buffer.from(account.data);
      (layout as typeof AccountLayout).encode(
        { ...(layout as typeof AccountLayout).decode(data), ...patch } as never,
        data,
      );
      chain.svm.setAccount(address, { ...account, data });
    }
    assert.equal(tokenBalance(chain, escrow), 2n);
    assertOk(chain.send([await unstakeIx(holder.publicKey, [nft])], [holder]));
    assert.equal(tokenBalance(chain, nft.tokenAccount), 2n, "everything in the escrow came back");
    assert.equal(chain.account(escrow), null, "and the escrow is closed");
  });
});

describeWithPrograms(
  "security M-1: an NFT made by the real Token Metadata program stakes and comes back",
  ["mpl_token_metadata"],
  () => {
    it("M-1: accepts a legacy NFT minted by Token Metadata (master edition, verified collection) and returns it", async () => {
      const chain = new TestChain();
      chain.warp(START);
      loadPrograms(chain.svm, ["mpl_token_metadata"]);
      const creator = chain.fundedKeypair(100);
      const holder = chain.fundedKeypair(10);
      const umi = offlineUmi(creator);
      const collectionMint = Keypair.generate();
      const nftMint = Keypair.generate();
      const send = (builder: Parameters<typeof sendBuilder>[1], signers: Keypair[]) =>
        assertOk(sendBuilder(chain, builder, [creator, ...signers]));

      send(
        createV1(umi, {
          mint: signerOf(umi, collectionMint),
          name: "Collection",
          uri: "https://example.org/c.json",
          sellerFeeBasisPoints: percentAmount(0),
          isCollection: true,
          tokenStandard: TokenStandard.NonFungible,
        }),
        [collectionMint],
      );
      send(
        createV1(umi, {
          mint: signerOf(umi, nftMint),
          name: "Member",
          uri: "https://example.org/1.json",
          sellerFeeBasisPoints: percentAmount(5),
          collection: some({ key: umiKey(collectionMint.publicKey), verified: false }),
          tokenStandard: TokenStandard.NonFungible,
        }).add(
          mintV1(umi, {
            mint: umiKey(nftMint.publicKey),
            tokenOwner: umiKey(holder.publicKey),
            amount: 1,
            tokenStandard: TokenStandard.NonFungible,
          }),
        ),
        [nftMint],
      );
      send(
        verifyCollectionV1(umi, {
          metadata: findMetadataPda(umi, { mint: umiKey(nftMint.publicKey) }),
          collectionMint: umiKey(collectionMint.publicKey),
        }),
        [],
      );
      // What Token Metadata left: the master edition holds both authorities of the mint.
      const edition = web3Key(findMasterEditionPda(umi, { mint: umiKey(nftMint.publicKey) })[0]);
      const mint = MintLayout.decode(chain.svm.getAccount(nftMint.publicKey)!.data);
      assert.ok(mint.mintAuthority.equals(edition));
      assert.ok(mint.freezeAuthority.equals(edition));

      assertOk(
        chain.send(
          [
            await initializePoolInstruction({
              authority: creator.publicKey,
              poolId: 1n,
              collection: collectionMint.publicKey,
              defaultTierWeight: 1,
            }),
          ],
          [creator],
        ),
      );
      const [pool] = findPoolAddress(creator.publicKey, 1n);
      const token = getAssociatedTokenAddressSync(nftMint.publicKey, holder.publicKey);
      const stake = await stakeInstruction({
        pool,
        owner: holder.publicKey,
        nfts: [{ mint: nftMint.publicKey }],
      });
      assertOk(chain.send([stake], [holder]));
      const escrow = findEscrowAddress(pool, nftMint.publicKey)[0];
      assert.equal(tokenBalance(chain, escrow), 1n);
      assert.equal(tokenBalance(chain, token), 0n);

      const unstake = await unstakeInstruction({
        pool,
        owner: holder.publicKey,
        nfts: [{ mint: nftMint.publicKey }],
      });
      assertOk(chain.send([unstake], [holder]));
      assert.equal(tokenBalance(chain, token), 1n);
      assert.equal(chain.account(escrow), null);
    });
  },
);
