import { getMetadataAccountDataSerializer } from "@metaplex-foundation/mpl-token-metadata/dist/src/generated/accounts/metadata";
import type { AccountInfo } from "@solana/web3.js";
import { TOKEN_METADATA_PROGRAM_ID } from "@nft-staking/sdk";

/** What the app uses of a Metaplex metadata account (plain values, strings trimmed). */
export interface NftMetadata {
  mint: string;
  name: string;
  symbol: string;
  uri: string;
  collection: { key: string; verified: boolean } | null;
  creators: { address: string; verified: boolean }[];
  /** 0 NonFungible … 4/5 programmable; null when the account has none. */
  tokenStandard: number | null;
}

type UmiOption<T> = { __option: "Some"; value: T } | { __option: "None" };

function some<T>(option: UmiOption<T>): T | null {
  return option.__option === "Some" ? option.value : null;
}

const clean = (text: string) => text.replace(/\0/g, "").trim();

/**
 * Decodes a Token Metadata account with Metaplex's own deserializer (variable layout, padded
 * strings, corrupted tails); `null` when it is not a metadata account.
 */
export function decodeMetadata(account: AccountInfo<Buffer> | null): NftMetadata | null {
  if (!account || !account.owner.equals(TOKEN_METADATA_PROGRAM_ID) || account.data[0] !== 4) {
    return null;
  }
  try {
    const [data] = getMetadataAccountDataSerializer().deserialize(account.data);
    const collection = some(data.collection as UmiOption<{ key: string; verified: boolean }>);
    const creators = some(data.creators as UmiOption<{ address: string; verified: boolean }[]>);
    return {
      mint: data.mint.toString(),
      name: clean(data.name),
      symbol: clean(data.symbol),
      uri: clean(data.uri),
      collection: collection
        ? { key: String(collection.key), verified: collection.verified }
        : null,
      creators: (creators ?? []).map((creator) => ({
        address: String(creator.address),
        verified: creator.verified,
      })),
      tokenStandard: some(data.tokenStandard as UmiOption<number>),
    };
  } catch {
    return null;
  }
}
