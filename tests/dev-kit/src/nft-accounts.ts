import { Keypair, PublicKey } from "@solana/web3.js";
import {
  MINT_SIZE,
  MintLayout,
  TOKEN_PROGRAM_ID,
  getAssociatedTokenAddressSync,
} from "@solana/spl-token";
import {
  getEditionAccountDataSerializer,
  getMasterEditionAccountDataSerializer,
  getMetadataAccountDataSerializer,
  type CollectionDetailsArgs,
} from "@metaplex-foundation/mpl-token-metadata";
import { none, publicKey, some } from "@metaplex-foundation/umi";
import { setRentExempt, writeTokenAccount, type AccountStore } from "./token-accounts";

/** The Metaplex Token Metadata program (owner of every real metadata account). */
export const TOKEN_METADATA_PROGRAM_ID = new PublicKey(
  "metaqbxxUerdq28cj1RbAWkYQm3ybzjb6a8bt518x1s",
);

/**
 * How the metadata bytes are shaped after Metaplex's serializer wrote them.
 *
 * - `"padded679"`: name/symbol/uri NUL-padded to 32/10/200 bytes, account zero-padded to 679 bytes
 *   (legacy mainnet accounts).
 * - `"padded607"`: same strings, account zero-padded to 607 bytes (accounts created or resized
 *   since August 2024).
 * - `"compact"`: the serializer output as is: exact strings, no trailing bytes (~164 bytes).
 */
export type MetadataLayout = "padded679" | "padded607" | "compact";

/** Knobs of {@link createNft}; every field is optional and defaults to a plain, valid NFT. */
export interface NftOptions {
  /** Collection written in the metadata; default none. */
  collection?: PublicKey | null;
  /** Whether that collection is verified; default true. Ignored without a collection. */
  collectionVerified?: boolean;
  /** Creators written in the metadata; default null (None). `[]` writes `Some([])`. */
  creators?: { address: PublicKey; verified: boolean; share: number }[] | null;
  /** Token standard (0 NonFungible … 5 ProgrammableNonFungibleEdition); default 0; null = None. */
  tokenStandard?: number | null;
  /** Byte shape of the metadata account; default `"padded679"`. */
  layout?: MetadataLayout;
  /** Cuts the final metadata bytes (after padding) to this length, for corrupted-tail tests. */
  truncateMetadataTo?: number;
  /** Owner program of the metadata account; default {@link TOKEN_METADATA_PROGRAM_ID}. */
  metadataOwner?: PublicKey;
  /** The `mint` field written inside the metadata; default the NFT's own mint. */
  metadataMint?: PublicKey;
  /** Mint decimals; default 0. */
  decimals?: number;
  /** Mint supply; default 1n. */
  supply?: bigint;
  /** Amount in the owner's associated token account; default `supply`. */
  amountInOwnerAccount?: bigint;
  /**
   * Program owning the mint and the token account (and deriving the ATA); default the SPL Token
   * program. `TOKEN_2022_PROGRAM_ID` gives Token-2022 accounts with the same 82/165-byte base
   * layouts and no extensions.
   */
  tokenProgram?: PublicKey;
  /** Metadata name; default `"Test NFT #<n>"` with a counter unique to this process. */
  name?: string;
  /** Metadata uri; default `https://example.org/nft/<first 8 hex digits of the mint>.json`. */
  uri?: string;
  /**
   * Edition account at the mint's edition PDA: `"master"` (MasterEditionV2, supply 0, max
   * supply 0: a one of one), `"print"` (an Edition of a made-up parent) or `"none"`; default
   * `"master"`.
   */
  edition?: "master" | "print" | "none";
  /** Owner program of the edition account; default {@link TOKEN_METADATA_PROGRAM_ID}. */
  editionOwner?: PublicKey;
  /**
   * Mint authority; default the edition PDA (as Token Metadata sets it). `null` writes None.
   */
  mintAuthority?: PublicKey | null;
  /** Freeze authority; default the edition PDA (as Token Metadata sets it). `null` writes None. */
  freezeAuthority?: PublicKey | null;
  /** `edition_nonce` in the metadata; default the edition PDA's bump. `null` writes None. */
  editionNonce?: number | null;
}

/** The accounts of one test NFT. */
export interface TestNft {
  /** The mint (decimals 0, supply 1 unless options said otherwise). */
  mint: PublicKey;
  /** The metadata account, at the Token Metadata PDA of `mint`. */
  metadata: PublicKey;
  /** Bump of the metadata PDA (the stake instruction takes it). */
  metadataBump: number;
  /** The owner's associated token account for `mint`. */
  tokenAccount: PublicKey;
  /** The edition PDA of `mint` (an account exists there unless `edition: "none"`). */
  edition: PublicKey;
  /** The wallet (or PDA) owning `tokenAccount`. */
  owner: PublicKey;
}

/** Name/symbol/uri limits of Token Metadata: the sizes mainnet strings are NUL-padded to. */
const MAX_NAME_LEN = 32;
const MAX_SYMBOL_LEN = 10;
const MAX_URI_LEN = 200;
const LAYOUT_LENGTH: Record<MetadataLayout, number | null> = {
  padded679: 679,
  padded607: 607,
  compact: null,
};

let nftCounter = 0;

/** Extra metadata fields that only the collection factory sets. */
interface MetadataExtras {
  updateAuthority: PublicKey;
  symbol: string;
  /** Path segment of the uri, `https://example.org/<uriPath>/<first 8 hex digits of mint>.json`. */
  uriPath: string;
  collectionDetails: CollectionDetailsArgs | null;
}

/** The metadata PDA and bump of a mint: `["metadata", TOKEN_METADATA_PROGRAM_ID, mint]`. */
export function findMetadataAddress(mint: PublicKey): [PublicKey, number] {
  return PublicKey.findProgramAddressSync(
    [Buffer.from("metadata"), TOKEN_METADATA_PROGRAM_ID.toBuffer(), mint.toBuffer()],
    TOKEN_METADATA_PROGRAM_ID,
  );
}

/** The edition PDA and bump of a mint: `["metadata", TOKEN_METADATA_PROGRAM_ID, mint, "edition"]`. */
export function findEditionAddress(mint: PublicKey): [PublicKey, number] {
  return PublicKey.findProgramAddressSync(
    [
      Buffer.from("metadata"),
      TOKEN_METADATA_PROGRAM_ID.toBuffer(),
      mint.toBuffer(),
      Buffer.from("edition"),
    ],
    TOKEN_METADATA_PROGRAM_ID,
  );
}

/**
 * Creates mint (mint and freeze authority the edition PDA, as Token Metadata leaves a master
 * edition; decimals/supply per options), the owner's associated token account holding
 * `amountInOwnerAccount`, the metadata account and the edition account.
 *
 * Accounts are written directly with `svm.setAccount` (rent-exempt, owned by the token program
 * and the Token Metadata program); the metadata bytes come from Metaplex's own serializer. The
 * update authority is `owner`, the symbol `"TEST"`, the uri `https://example.org/nft/<8 hex>.json`
 * (fixed length, so compact sizes depend only on the name), the seller fee 5%, `edition_nonce` the
 * bump of the edition PDA; the edition bytes come from Metaplex's serializers too. `owner` may be
 * off-curve (a PDA).
 */
export function createNft(
  chain: AccountStore,
  owner: PublicKey,
  options: NftOptions = {},
): TestNft {
  const n = ++nftCounter;
  return writeNft(
    chain,
    owner,
    options,
    {
      updateAuthority: owner,
      symbol: "TEST",
      uriPath: "nft",
      collectionDetails: null,
    },
    `Test NFT #${n}`,
  );
}

/**
 * A collection NFT (its own mint + metadata, owned by `authority`), returned like createNft.
 *
 * `authority` holds the token and is the update authority; the metadata is a sized collection
 * (`collection_details: V1 { size: 0 }`) with no collection of its own, 679-byte layout.
 */
export function createCollection(chain: AccountStore, authority: PublicKey): TestNft {
  const n = ++nftCounter;
  return writeNft(
    chain,
    authority,
    {},
    {
      updateAuthority: authority,
      symbol: "TCOL",
      uriPath: "collection",
      collectionDetails: { __kind: "V1", size: 0n },
    },
    `Test Collection #${n}`,
  );
}

/**
 * Creates `count` NFTs of `collection` (verified) for `owner`.
 *
 * `options` apply to every NFT (its `collection` is replaced by `collection`; pass
 * `collectionVerified: false` for unverified ones). Each NFT gets its own mint, and its own name
 * unless `options.name` is set.
 */
export function createCollectionNfts(
  chain: AccountStore,
  owner: PublicKey,
  collection: PublicKey,
  count: number,
  options: NftOptions = {},
): TestNft[] {
  return Array.from({ length: count }, () => createNft(chain, owner, { ...options, collection }));
}

function writeNft(
  chain: AccountStore,
  owner: PublicKey,
  options: NftOptions,
  extras: MetadataExtras,
  defaultName: string,
): TestNft {
  const tokenProgram = options.tokenProgram ?? TOKEN_PROGRAM_ID;
  const supply = options.supply ?? 1n;
  const mint = Keypair.generate().publicKey;
  const [edition, editionBump] = findEditionAddress(mint);
  const mintAuthority = options.mintAuthority === undefined ? edition : options.mintAuthority;
  const freezeAuthority = options.freezeAuthority === undefined ? edition : options.freezeAuthority;

  const mintData = new Uint8Array(MINT_SIZE);
  MintLayout.encode(
    {
      mintAuthorityOption: mintAuthority === null ? 0 : 1,
      mintAuthority: mintAuthority ?? PublicKey.default,
      supply,
      decimals: options.decimals ?? 0,
      isInitialized: true,
      freezeAuthorityOption: freezeAuthority === null ? 0 : 1,
      freezeAuthority: freezeAuthority ?? PublicKey.default,
    },
    mintData,
  );
  setRentExempt(chain, mint, mintData, tokenProgram);

  const tokenAccount = getAssociatedTokenAddressSync(mint, owner, true, tokenProgram);
  writeTokenAccount(
    chain,
    tokenAccount,
    owner,
    mint,
    options.amountInOwnerAccount ?? supply,
    tokenProgram,
  );

  const [metadata, metadataBump] = findMetadataAddress(mint);
  const editionNonce = options.editionNonce === undefined ? editionBump : options.editionNonce;
  const data = metadataBytes(mint, options, extras, defaultName, editionNonce);
  setRentExempt(chain, metadata, data, options.metadataOwner ?? TOKEN_METADATA_PROGRAM_ID);
  const editionData = editionBytes(options.edition ?? "master");
  if (editionData !== null) {
    setRentExempt(chain, edition, editionData, options.editionOwner ?? TOKEN_METADATA_PROGRAM_ID);
  }

  return { mint, metadata, metadataBump, tokenAccount, owner, edition };
}

/** Edition account bytes from Metaplex's serializers (a print's parent is made up). */
function editionBytes(kind: "master" | "print" | "none"): Uint8Array | null {
  if (kind === "none") return null;
  if (kind === "master") {
    // A one of one: no prints may be made (max supply 0); 282 bytes like Token Metadata's.
    const bytes = getMasterEditionAccountDataSerializer().serialize({ supply: 0n, maxSupply: 0n });
    const data = new Uint8Array(282);
    data.set(bytes);
    return data;
  }
  const bytes = getEditionAccountDataSerializer().serialize({
    parent: publicKey(Keypair.generate().publicKey),
    edition: 1n,
  });
  const data = new Uint8Array(241);
  data.set(bytes);
  return data;
}

/** Serializes the metadata with Metaplex's serializer, then pads/truncates it per the options. */
function metadataBytes(
  mint: PublicKey,
  options: NftOptions,
  extras: MetadataExtras,
  defaultName: string,
  editionNonce: number | null,
): Uint8Array {
  const layout = options.layout ?? "padded679";
  const padded = layout !== "compact";
  const pad = (value: string, max: number) => (padded ? padNul(value, max) : value);
  const tokenStandard = options.tokenStandard === undefined ? 0 : options.tokenStandard;
  const collection = options.collection ?? null;

  const serialized = getMetadataAccountDataSerializer().serialize({
    updateAuthority: publicKey(extras.updateAuthority),
    mint: publicKey(options.metadataMint ?? mint),
    name: pad(options.name ?? defaultName, MAX_NAME_LEN),
    symbol: pad(extras.symbol, MAX_SYMBOL_LEN),
    uri: pad(
      options.uri ??
        `https://example.org/${extras.uriPath}/${mint.toBuffer().toString("hex").slice(0, 8)}.json`,
      MAX_URI_LEN,
    ),
    sellerFeeBasisPoints: 500,
    creators:
      options.creators == null
        ? none()
        : some(
            options.creators.map((creator) => ({
              address: publicKey(creator.address),
              verified: creator.verified,
              share: creator.share,
            })),
          ),
    primarySaleHappened: false,
    isMutable: true,
    editionNonce: editionNonce === null ? none() : some(editionNonce),
    tokenStandard: tokenStandard === null ? none() : some(tokenStandard),
    collection:
      collection === null
        ? none()
        : some({ verified: options.collectionVerified ?? true, key: publicKey(collection) }),
    uses: none(),
    collectionDetails: extras.collectionDetails === null ? none() : some(extras.collectionDetails),
    programmableConfig: none(),
  });

  let data = serialized;
  const length = LAYOUT_LENGTH[layout];
  if (length !== null) {
    if (serialized.length > length) {
      throw new Error(`metadata is ${serialized.length} bytes, more than the ${layout} layout`);
    }
    data = new Uint8Array(length);
    data.set(serialized);
  }
  if (options.truncateMetadataTo !== undefined) {
    if (options.truncateMetadataTo > data.length) {
      throw new Error(
        `cannot truncate ${data.length} metadata bytes to ${options.truncateMetadataTo}`,
      );
    }
    data = data.slice(0, options.truncateMetadataTo);
  }
  return data;
}

/** NUL-pads `value` to `max` UTF-8 bytes, as Token Metadata stores strings on mainnet. */
function padNul(value: string, max: number): string {
  const bytes = Buffer.byteLength(value, "utf8");
  return bytes >= max ? value : value + "\0".repeat(max - bytes);
}
