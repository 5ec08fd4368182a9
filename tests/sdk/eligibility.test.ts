// Ported from app/src/features/nfts/eligibility.test.ts (vitest) to the SDK's mocha suite.
import { strict as assert } from "assert";
import { Keypair, PublicKey } from "@solana/web3.js";
import {
  TokenStandard,
  belongsToPool,
  nftEligibility,
  poolAcceptance,
  stakingErrorFromCode,
  StakingErrorCode,
  type EligibilityMetadata,
  type HeldNft,
} from "@nft-staking/sdk";

const collection = Keypair.generate().publicKey.toBase58();
const creator = Keypair.generate().publicKey.toBase58();
const mint = Keypair.generate().publicKey.toBase58();

/** What a wallet-side decoder gives (the app's metadata has name, symbol and uri too). */
interface Metadata extends EligibilityMetadata {
  name: string;
  symbol: string;
  uri: string;
}

function nft(
  patch: Partial<Metadata> = {},
  extra: Partial<HeldNft<Metadata>> = {},
): HeldNft<Metadata> {
  return {
    mint,
    decimals: 0,
    supply: 1n,
    metadata: {
      mint,
      name: "Demo #1",
      symbol: "DEMO",
      uri: "",
      collection: { key: collection, verified: true },
      creators: [],
      tokenStandard: 0,
      ...patch,
    },
    ...extra,
  };
}

const pool = { collection, creator: null };
const message = (name: keyof typeof StakingErrorCode) =>
  stakingErrorFromCode(StakingErrorCode[name])?.message;

describe("sdk eligibility", () => {
  it("accepts a verified NFT of the collection", () => {
    assert.deepEqual(nftEligibility(nft(), pool), { ok: true });
    assert.equal(nftEligibility(nft({ tokenStandard: null }), pool).ok, true);
    assert.equal(
      nftEligibility(nft({ tokenStandard: TokenStandard.NonFungibleEdition }), pool).ok,
      true,
    );
  });

  it("explains every refusal with the program's message", () => {
    assert.deepEqual(
      nftEligibility(nft({ collection: { key: collection, verified: false } }), pool),
      {
        ok: false,
        reason: "The NFT's collection (or creator) is not verified",
      },
    );
    assert.deepEqual(nftEligibility(nft({ collection: null }), pool), {
      ok: false,
      reason: "The NFT is not part of this pool's collection",
    });
    assert.deepEqual(nftEligibility(nft({ tokenStandard: 4 }), pool), {
      ok: false,
      reason: "Programmable NFTs are not supported yet",
    });
    assert.equal(nftEligibility(nft({}, { supply: 5n }), pool).ok, false);
    assert.equal(nftEligibility(nft({}, { metadata: null }), pool).ok, false);
  });

  it("checks in the program's order, each with its error", () => {
    const refused = (held: HeldNft<Metadata>) => {
      const check = nftEligibility(held, pool);
      return check.ok ? null : check.reason;
    };
    assert.equal(refused(nft({}, { decimals: 6 })), message("NotAnNft"));
    assert.equal(
      refused(nft({}, { supply: 5n, metadata: null })),
      message("NotAnNft"),
      "mint first",
    );
    assert.equal(refused(nft({}, { metadata: null })), message("InvalidMetadataAccount"));
    const otherMint = Keypair.generate().publicKey.toBase58();
    assert.equal(refused(nft({ mint: otherMint })), message("MetadataMintMismatch"));
    assert.equal(
      refused(nft({ mint: otherMint, collection: null })),
      message("MetadataMintMismatch"),
      "mint before collection",
    );
    assert.equal(
      refused(nft({ tokenStandard: TokenStandard.ProgrammableNonFungibleEdition })),
      message("ProgrammableNftNotSupported"),
    );
    for (const standard of [TokenStandard.FungibleAsset, TokenStandard.Fungible]) {
      assert.equal(refused(nft({ tokenStandard: standard })), message("UnsupportedTokenStandard"));
    }
    // check_nft_metadata reads the token standard before the collection: a pNFT of another
    // collection is refused as programmable, as the program does
    assert.equal(
      refused(nft({ collection: null, tokenStandard: TokenStandard.ProgrammableNonFungible })),
      message("ProgrammableNftNotSupported"),
      "token standard before collection",
    );
    assert.equal(refused(nft({ tokenStandard: 9 })), message("MalformedMetadata"));
  });

  it("accepts a verified creator when the pool names one", () => {
    const byCreator = { collection: null, creator };
    const held = nft({ collection: null, creators: [{ address: creator, verified: true }] });
    assert.equal(belongsToPool(held, byCreator), true);
    assert.equal(nftEligibility(held, byCreator).ok, true);
    const unverified = nft({ collection: null, creators: [{ address: creator, verified: false }] });
    assert.equal(belongsToPool(unverified, byCreator), true);
    assert.equal(nftEligibility(unverified, byCreator).ok, false);
    assert.equal(belongsToPool(nft({ collection: null }), byCreator), false);
    assert.equal(belongsToPool(nft({}, { metadata: null }), pool), false);
  });

  it("reads a pool's zero keys as none", () => {
    assert.deepEqual(
      poolAcceptance({ collection: new PublicKey(collection), creator: PublicKey.default }),
      { collection, creator: null },
    );
  });
});
