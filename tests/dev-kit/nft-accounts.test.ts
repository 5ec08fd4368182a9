import { strict as assert } from "assert";
import { Keypair, PublicKey } from "@solana/web3.js";
import {
  ACCOUNT_SIZE,
  AccountLayout,
  MINT_SIZE,
  MintLayout,
  TOKEN_2022_PROGRAM_ID,
  TOKEN_PROGRAM_ID,
  createTransferCheckedInstruction,
  createTransferInstruction,
  getAssociatedTokenAddressSync,
} from "@solana/spl-token";
import {
  Key,
  TokenStandard,
  getMetadataAccountDataSerializer,
  type MetadataAccountData,
} from "@metaplex-foundation/mpl-token-metadata";
import { none, publicKey, some, unwrapOption } from "@metaplex-foundation/umi";
import { assertOk } from "../utils/assertions";
import {
  TOKEN_METADATA_PROGRAM_ID,
  TestChain,
  createCollection,
  createCollectionNfts,
  createNft,
  createTokenAccount,
  findMetadataAddress,
  tokenBalance,
  type MetadataLayout,
  type TestNft,
} from "@nft-staking/dev-kit";

const serializer = getMetadataAccountDataSerializer();

/** Offset of the name's u32 length prefix: key (1) + update authority (32) + mint (32). */
const NAME_OFFSET = 65;

describe("test NFT factory", () => {
  let chain: TestChain;
  let owner: Keypair;

  beforeEach(() => {
    chain = new TestChain();
    owner = chain.fundedKeypair();
  });

  /** Sends `transfer_checked` of the owner's NFT (decimals 0) to `destination`. */
  const transferChecked = (nft: TestNft, destination: PublicKey, programId = TOKEN_PROGRAM_ID) =>
    chain.send(
      [
        createTransferCheckedInstruction(
          nft.tokenAccount,
          nft.mint,
          destination,
          owner.publicKey,
          1n,
          0,
          [],
          programId,
        ),
      ],
      [owner],
    );

  function accountData(address: PublicKey): Uint8Array {
    const account = chain.svm.getAccount(address);
    assert.ok(account, `${address.toBase58()} missing`);
    return account.data;
  }

  function readMetadata(nft: TestNft): [MetadataAccountData, number] {
    return serializer.deserialize(accountData(nft.metadata));
  }

  /** The u32 length prefixes of name, symbol and uri, read from the raw bytes. */
  function stringLengths(data: Uint8Array): [number, number, number] {
    const view = Buffer.from(data);
    const name = view.readUInt32LE(NAME_OFFSET);
    const symbol = view.readUInt32LE(NAME_OFFSET + 4 + name);
    const uri = view.readUInt32LE(NAME_OFFSET + 8 + name + symbol);
    return [name, symbol, uri];
  }

  const layouts: { layout: MetadataLayout; length: number | null }[] = [
    { layout: "padded679", length: 679 },
    { layout: "padded607", length: 607 },
    { layout: "compact", length: null },
  ];

  for (const { layout, length } of layouts) {
    it(`writes ${layout} metadata that Metaplex's deserializer reads back`, () => {
      const collection = Keypair.generate().publicKey;
      const creators = [{ address: Keypair.generate().publicKey, verified: true, share: 100 }];
      const nft = createNft(chain, owner.publicKey, { layout, collection, creators });

      const account = chain.svm.getAccount(nft.metadata);
      assert.ok(account);
      assert.ok(account.owner.equals(TOKEN_METADATA_PROGRAM_ID));
      assert.equal(account.executable, false);
      assert.equal(
        BigInt(account.lamports),
        chain.svm.minimumBalanceForRentExemption(BigInt(account.data.length)),
      );
      const [metadata, end] = serializer.deserialize(account.data);

      assert.equal(metadata.key, Key.MetadataV1);
      assert.equal(metadata.mint, publicKey(nft.mint));
      assert.equal(metadata.updateAuthority, publicKey(owner.publicKey));
      assert.match(metadata.name, /^Test NFT #\d+$/);
      assert.equal(metadata.symbol, "TEST");
      assert.deepEqual(metadata.tokenStandard, some(TokenStandard.NonFungible));
      assert.deepEqual(metadata.collection, some({ verified: true, key: publicKey(collection) }));
      assert.deepEqual(
        metadata.creators,
        some([{ address: publicKey(creators[0]!.address), verified: true, share: 100 }]),
      );
      assert.deepEqual(metadata.uses, none());
      assert.deepEqual(metadata.collectionDetails, none());
      assert.deepEqual(metadata.programmableConfig, none());

      const [nameLen, symbolLen, uriLen] = stringLengths(account.data);
      if (length === null) {
        // Serializer output as is: exact strings, nothing after the last field.
        assert.deepEqual(
          [nameLen, symbolLen, uriLen],
          [metadata.name.length, 4, metadata.uri.length],
        );
        assert.equal(end, account.data.length);
        assert.deepEqual(serializer.serialize(metadata), account.data);
      } else {
        assert.equal(account.data.length, length);
        // The strings are NUL-padded in the bytes; Metaplex's deserializer strips the NULs.
        assert.deepEqual([nameLen, symbolLen, uriLen], [32, 10, 200]);
        const rawName = Buffer.from(account.data.subarray(NAME_OFFSET + 4, NAME_OFFSET + 36));
        assert.equal(rawName.toString("utf8").replace(/\0+$/, ""), metadata.name);
        assert.equal(rawName[rawName.length - 1], 0);
        assert.ok(
          account.data.subarray(end).every((byte) => byte === 0),
          "zero padding after the last field",
        );
      }
    });
  }

  it("writes compact metadata of exactly the Borsh size", () => {
    const nft = createNft(chain, owner.publicKey, {
      layout: "compact",
      collection: Keypair.generate().publicKey,
      name: "Test NFT #1",
    });
    const [metadata] = readMetadata(nft);
    assert.match(metadata.uri, /^https:\/\/example\.org\/nft\/[0-9a-f]{8}\.json$/);
    // 123 fixed bytes + name + symbol + uri: 164 with a 26-byte uri (docs/design.md §6), 175 with ours.
    assert.equal(123 + 11 + 4 + 37, 175);
    assert.equal(accountData(nft.metadata).length, 175);
  });

  it("writes a mint with supply 1, decimals 0 and the edition PDA as both authorities, as Token Metadata leaves it", () => {
    const nft = createNft(chain, owner.publicKey);
    const account = chain.svm.getAccount(nft.mint);
    assert.ok(account);
    assert.ok(account.owner.equals(TOKEN_PROGRAM_ID));
    assert.equal(account.data.length, MINT_SIZE);
    assert.equal(BigInt(account.lamports), chain.svm.minimumBalanceForRentExemption(82n));
    const mint = MintLayout.decode(account.data);
    assert.equal(mint.supply, 1n);
    assert.equal(mint.decimals, 0);
    assert.equal(mint.isInitialized, true);
    assert.equal(mint.mintAuthorityOption, 1);
    assert.ok(mint.mintAuthority.equals(nft.edition));
    assert.equal(mint.freezeAuthorityOption, 1);
    assert.ok(mint.freezeAuthority.equals(nft.edition));
  });

  it("puts the NFT in the owner's associated token account", () => {
    const nft = createNft(chain, owner.publicKey);
    assert.ok(nft.owner.equals(owner.publicKey));
    assert.ok(nft.tokenAccount.equals(getAssociatedTokenAddressSync(nft.mint, owner.publicKey)));
    const account = chain.svm.getAccount(nft.tokenAccount);
    assert.ok(account);
    assert.ok(account.owner.equals(TOKEN_PROGRAM_ID));
    assert.equal(account.data.length, ACCOUNT_SIZE);
    const token = AccountLayout.decode(account.data);
    assert.equal(token.amount, 1n);
    assert.ok(token.owner.equals(owner.publicKey));
    assert.ok(token.mint.equals(nft.mint));
    assert.equal(token.state, 1);
    assert.equal(token.delegateOption, 0);
    assert.equal(token.isNativeOption, 0);
    assert.equal(token.closeAuthorityOption, 0);
    assert.equal(tokenBalance(chain, nft.tokenAccount), 1n);
  });

  it("derives the metadata PDA and its bump", () => {
    const nft = createNft(chain, owner.publicKey);
    const [address, bump] = findMetadataAddress(nft.mint);
    assert.ok(nft.metadata.equals(address));
    assert.equal(nft.metadataBump, bump);
    const rederived = PublicKey.createProgramAddressSync(
      [
        Buffer.from("metadata"),
        TOKEN_METADATA_PROGRAM_ID.toBuffer(),
        nft.mint.toBuffer(),
        Buffer.from([bump]),
      ],
      TOKEN_METADATA_PROGRAM_ID,
    );
    assert.ok(rederived.equals(address));
  });

  it("moves through the real SPL Token program into an existing token account", () => {
    const nft = createNft(chain, owner.publicKey);
    const recipient = Keypair.generate().publicKey;
    const destination = createTokenAccount(chain, recipient, nft.mint);
    assert.equal(tokenBalance(chain, destination), 0n);
    assertOk(
      chain.send(
        [createTransferInstruction(nft.tokenAccount, destination, owner.publicKey, 1n)],
        [owner],
      ),
    );
    assert.equal(tokenBalance(chain, nft.tokenAccount), 0n);
    assert.equal(tokenBalance(chain, destination), 1n);
  });

  it("moves with transfer_checked, which also reads the mint", () => {
    // Not through an ATA created by the real ATA program: in litesvm 0.8.0 on Linux, running that
    // program aborts the process later with std::bad_alloc (LiteSVM/litesvm#171, #352).
    const nft = createNft(chain, owner.publicKey);
    const destination = createTokenAccount(chain, Keypair.generate().publicKey, nft.mint);
    assertOk(transferChecked(nft, destination));
    assert.equal(tokenBalance(chain, destination), 1n);
    const wrongDecimals = createTransferCheckedInstruction(
      destination,
      nft.mint,
      nft.tokenAccount,
      owner.publicKey,
      1n,
      1,
    );
    assert.equal(chain.send([wrongDecimals], [owner]).ok, false, "the mint's decimals are read");
  });

  it("makes Token-2022 NFTs that the real Token-2022 program accepts", () => {
    const nft = createNft(chain, owner.publicKey, { tokenProgram: TOKEN_2022_PROGRAM_ID });
    assert.ok(chain.svm.getAccount(nft.mint)?.owner.equals(TOKEN_2022_PROGRAM_ID));
    assert.ok(chain.svm.getAccount(nft.tokenAccount)?.owner.equals(TOKEN_2022_PROGRAM_ID));
    assert.ok(
      nft.tokenAccount.equals(
        getAssociatedTokenAddressSync(nft.mint, owner.publicKey, false, TOKEN_2022_PROGRAM_ID),
      ),
    );
    const recipient = Keypair.generate().publicKey;
    const destination = createTokenAccount(chain, recipient, nft.mint, 0n, TOKEN_2022_PROGRAM_ID);
    assertOk(transferChecked(nft, destination, TOKEN_2022_PROGRAM_ID));
    assert.equal(tokenBalance(chain, destination), 1n);
  });

  it("honours the metadata options", () => {
    const collection = Keypair.generate().publicKey;
    const creators = Array.from({ length: 5 }, (_, i) => ({
      address: Keypair.generate().publicKey,
      verified: i === 0,
      share: 20,
    }));
    const otherMint = Keypair.generate().publicKey;
    const otherProgram = Keypair.generate().publicKey;
    const nft = createNft(chain, owner.publicKey, {
      collection,
      collectionVerified: false,
      creators,
      tokenStandard: TokenStandard.ProgrammableNonFungible,
      metadataMint: otherMint,
      metadataOwner: otherProgram,
      name: "Custom",
    });
    assert.ok(chain.svm.getAccount(nft.metadata)?.owner.equals(otherProgram));
    const [metadata] = readMetadata(nft);
    assert.equal(accountData(nft.metadata).length, 679, "5 creators still fit in 679 bytes");
    assert.equal(metadata.name, "Custom");
    assert.equal(metadata.mint, publicKey(otherMint));
    assert.deepEqual(metadata.tokenStandard, some(TokenStandard.ProgrammableNonFungible));
    assert.deepEqual(metadata.collection, some({ verified: false, key: publicKey(collection) }));
    assert.deepEqual(
      unwrapOption(metadata.creators)?.map((creator) => creator.address),
      creators.map((creator) => publicKey(creator.address)),
    );

    const bare = createNft(chain, owner.publicKey, { tokenStandard: null, creators: [] });
    const [bareMetadata] = readMetadata(bare);
    assert.deepEqual(bareMetadata.tokenStandard, none());
    assert.deepEqual(bareMetadata.collection, none());
    assert.deepEqual(bareMetadata.creators, some([]));
    assert.deepEqual(readMetadata(createNft(chain, owner.publicKey))[0].creators, none());
  });

  it("honours decimals, supply and the owner's amount", () => {
    const nft = createNft(chain, owner.publicKey, {
      decimals: 2,
      supply: 10n,
      amountInOwnerAccount: 7n,
    });
    const mint = MintLayout.decode(accountData(nft.mint));
    assert.equal(mint.decimals, 2);
    assert.equal(mint.supply, 10n);
    assert.equal(tokenBalance(chain, nft.tokenAccount), 7n);
    const fungible = createNft(chain, owner.publicKey, { supply: 5n });
    assert.equal(tokenBalance(chain, fungible.tokenAccount), 5n, "amount defaults to the supply");
  });

  it("truncates the metadata for corrupted-tail tests", () => {
    const nft = createNft(chain, owner.publicKey, { truncateMetadataTo: 100 });
    const data = accountData(nft.metadata);
    assert.equal(data.length, 100);
    assert.equal(data[0], Key.MetadataV1);
    assert.ok(new PublicKey(data.subarray(33, 65)).equals(nft.mint));
    assert.throws(() => serializer.deserialize(data), "cut in the middle of a field");

    assert.throws(() => createNft(chain, owner.publicKey, { truncateMetadataTo: 680 }));
  });

  it("shows the serializer reading an Option cut off at its tag as None", () => {
    // Quirk of Metaplex's JS serializer: a missing Option tag at the very end of the buffer reads
    // as None, so a tail cut right before `collection` deserializes without that collection.
    const collection = Keypair.generate().publicKey;
    const whole = createNft(chain, owner.publicKey, { layout: "compact", collection });
    // collection (1 + 33), uses, collection_details and programmable_config (1 each) at the end.
    const beforeCollection = accountData(whole.metadata).length - 34 - 3;
    const cut = createNft(chain, owner.publicKey, {
      layout: "compact",
      collection,
      truncateMetadataTo: beforeCollection,
    });
    const [metadata, end] = readMetadata(cut);
    assert.equal(end, beforeCollection);
    assert.deepEqual(metadata.tokenStandard, some(TokenStandard.NonFungible));
    assert.deepEqual(metadata.collection, none(), "collection silently dropped");
  });

  it("creates a collection NFT owned by its authority", () => {
    const authority = chain.fundedKeypair();
    const collection = createCollection(chain, authority.publicKey);
    assert.ok(collection.owner.equals(authority.publicKey));
    assert.equal(tokenBalance(chain, collection.tokenAccount), 1n);
    const [metadata] = readMetadata(collection);
    assert.equal(metadata.updateAuthority, publicKey(authority.publicKey));
    assert.match(metadata.name, /^Test Collection #\d+$/);
    assert.deepEqual(metadata.collection, none());
    assert.deepEqual(metadata.collectionDetails, some({ __kind: "V1", size: 0n }));
    assert.equal(accountData(collection.metadata).length, 679);
  });

  it("creates distinct verified NFTs of one collection", () => {
    const collection = createCollection(chain, chain.fundedKeypair().publicKey);
    const nfts = createCollectionNfts(chain, owner.publicKey, collection.mint, 4);
    assert.equal(nfts.length, 4);
    assert.equal(new Set(nfts.map((nft) => nft.mint.toBase58())).size, 4);
    assert.equal(new Set(nfts.map((nft) => nft.metadata.toBase58())).size, 4);
    const names = new Set<string>();
    for (const nft of nfts) {
      const [metadata] = readMetadata(nft);
      assert.deepEqual(
        metadata.collection,
        some({ verified: true, key: publicKey(collection.mint) }),
      );
      assert.equal(tokenBalance(chain, nft.tokenAccount), 1n);
      names.add(metadata.name);
    }
    assert.equal(names.size, 4);
    const unverified = createCollectionNfts(chain, owner.publicKey, collection.mint, 1, {
      collectionVerified: false,
    });
    assert.deepEqual(
      readMetadata(unverified[0]!)[0].collection,
      some({ verified: false, key: publicKey(collection.mint) }),
    );
  });

  it("reads 0 for a missing token account and refuses to overwrite one", () => {
    assert.equal(tokenBalance(chain, Keypair.generate().publicKey), 0n);
    const nft = createNft(chain, owner.publicKey);
    assert.throws(() => createTokenAccount(chain, owner.publicKey, nft.mint), /already exists/);
    const pda = findMetadataAddress(nft.mint)[0];
    const offCurve = createTokenAccount(chain, pda, nft.mint, 3n);
    assert.equal(tokenBalance(chain, offCurve), 3n);
  });
});
