import { describe, expect, it } from "vitest";
import { Keypair, PublicKey } from "@solana/web3.js";
import { belongsToPool, nftEligibility, poolAcceptance, type HeldNft } from "./eligibility";

const collection = Keypair.generate().publicKey.toBase58();
const creator = Keypair.generate().publicKey.toBase58();
const mint = Keypair.generate().publicKey.toBase58();

function nft(
  patch: Partial<NonNullable<HeldNft["metadata"]>> = {},
  extra: Partial<HeldNft> = {},
): HeldNft {
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

describe("nftEligibility", () => {
  it("accepts a verified NFT of the collection", () => {
    expect(nftEligibility(nft(), pool)).toEqual({ ok: true });
    expect(nftEligibility(nft({ tokenStandard: null }), pool).ok).toBe(true);
  });

  it("explains every refusal with the program's message", () => {
    expect(nftEligibility(nft({ collection: { key: collection, verified: false } }), pool)).toEqual(
      {
        ok: false,
        reason: "The NFT's collection (or creator) is not verified",
      },
    );
    expect(nftEligibility(nft({ collection: null }), pool)).toEqual({
      ok: false,
      reason: "The NFT is not part of this pool's collection",
    });
    expect(nftEligibility(nft({ tokenStandard: 4 }), pool)).toEqual({
      ok: false,
      reason: "Programmable NFTs are not supported yet",
    });
    expect(nftEligibility(nft({}, { supply: 5n }), pool).ok).toBe(false);
    expect(nftEligibility(nft({}, { metadata: null }), pool).ok).toBe(false);
  });

  it("accepts a verified creator when the pool names one", () => {
    const byCreator = { collection: null, creator };
    const held = nft({ collection: null, creators: [{ address: creator, verified: true }] });
    expect(belongsToPool(held, byCreator)).toBe(true);
    expect(nftEligibility(held, byCreator).ok).toBe(true);
  });

  it("reads a pool's zero keys as none", () => {
    expect(
      poolAcceptance({ collection: new PublicKey(collection), creator: PublicKey.default }),
    ).toEqual({ collection, creator: null });
  });
});
