import { strict as assert } from "assert";
import fs from "fs";
import os from "os";
import path from "path";
import {
  ACCOUNT_SIZE,
  AccountLayout,
  MINT_SIZE,
  MintLayout,
  TOKEN_PROGRAM_ID,
} from "@solana/spl-token";
import {
  AddressLookupTableAccount,
  AddressLookupTableProgram,
  Connection,
  Keypair,
  LAMPORTS_PER_SOL,
  PublicKey,
  SystemProgram,
  TransactionMessage,
  VersionedTransaction,
  type ParsedAccountData,
} from "@solana/web3.js";
import { type Localnet, startLocalnet } from "@nft-staking/localnet";
import { freePortPair } from "@nft-staking/dev-kit";
import { RawWsClient, call } from "../../localnet/test/helpers";

describe("localnet: lookup tables, token queries, program subscriptions", function () {
  let dataDir: string;
  let localnet: Localnet;
  let connection: Connection;
  let payer: Keypair;

  /** Writes `data` at a new address, owned by SPL Token and holding 1 SOL; returns it. */
  function writeTokenProgramAccount(data: Uint8Array): PublicKey {
    const address = Keypair.generate().publicKey;
    localnet.setAccount(address, {
      lamports: 1e9,
      data,
      owner: TOKEN_PROGRAM_ID,
      executable: false,
    });
    return address;
  }

  function writeMint(supply: bigint, decimals: number): PublicKey {
    const data = new Uint8Array(MINT_SIZE);
    MintLayout.encode(
      {
        mintAuthorityOption: 0,
        mintAuthority: PublicKey.default,
        supply,
        decimals,
        isInitialized: true,
        freezeAuthorityOption: 0,
        freezeAuthority: PublicKey.default,
      },
      data,
    );
    return writeTokenProgramAccount(data);
  }

  function writeToken(mint: PublicKey, owner: PublicKey, amount: bigint): PublicKey {
    const data = new Uint8Array(ACCOUNT_SIZE);
    AccountLayout.encode(
      {
        mint,
        owner,
        amount,
        delegateOption: 0,
        delegate: PublicKey.default,
        state: 1,
        isNativeOption: 0,
        isNative: 0n,
        delegatedAmount: 0n,
        closeAuthorityOption: 0,
        closeAuthority: PublicKey.default,
      },
      data,
    );
    return writeTokenProgramAccount(data);
  }

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "localnet-methods-"));
    localnet = await startLocalnet({ rpcPort: await freePortPair(), dataDir });
    connection = new Connection(localnet.rpcUrl, "confirmed");
    payer = Keypair.generate();
    localnet.airdrop(payer.publicKey, 100n * BigInt(LAMPORTS_PER_SOL));
    await new Promise((resolve) => setTimeout(resolve, 900)); // a few slots
  });

  after(async () => {
    await localnet?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("executes v0 transactions with lookup tables and reports loaded addresses", async () => {
    const recipient = Keypair.generate().publicKey;
    const table = Keypair.generate().publicKey;
    const data = new Uint8Array(56 + 32);
    const view = new DataView(data.buffer);
    view.setUint32(0, 1, true); // LookupTable
    view.setBigUint64(4, 2n ** 64n - 1n, true); // never deactivated
    data.set(recipient.toBytes(), 56);
    localnet.setAccount(table, {
      lamports: 1e9,
      data,
      owner: AddressLookupTableProgram.programId,
      executable: false,
    });
    const lookup = new AddressLookupTableAccount({
      key: table,
      state: AddressLookupTableAccount.deserialize(data),
    });
    const message = new TransactionMessage({
      payerKey: payer.publicKey,
      recentBlockhash: (await connection.getLatestBlockhash()).blockhash,
      instructions: [
        SystemProgram.transfer({ fromPubkey: payer.publicKey, toPubkey: recipient, lamports: 2e9 }),
      ],
    }).compileToV0Message([lookup]);
    const tx = new VersionedTransaction(message);
    tx.sign([payer]);
    const signature = await connection.sendTransaction(tx);
    await connection.confirmTransaction(signature);
    assert.equal(await connection.getBalance(recipient), 2e9);
    const fetched = await connection.getTransaction(signature, {
      maxSupportedTransactionVersion: 0,
    });
    assert.equal(fetched?.version, 0);
    assert.deepEqual(
      fetched?.meta?.loadedAddresses?.writable.map((k) => k.toBase58()),
      [recipient.toBase58()],
    );
    const legacyOnly = await call(localnet.rpcUrl, "getTransaction", [signature]);
    assert.equal(legacyOnly.body.error.code, -32015);
    const history = await connection.getSignaturesForAddress(recipient);
    assert.deepEqual(
      history.map((h) => h.signature),
      [signature],
    );
  });

  it("pages getSignaturesForAddress with before and until", async () => {
    const signatures: string[] = [];
    for (let i = 0; i < 4; i++) {
      signatures.push(await connection.requestAirdrop(payer.publicKey, LAMPORTS_PER_SOL + i));
    }
    const newest = await connection.getSignaturesForAddress(payer.publicKey, { limit: 2 });
    assert.deepEqual(
      newest.map((s) => s.signature),
      [signatures[3], signatures[2]],
    );
    const older = await connection.getSignaturesForAddress(payer.publicKey, {
      before: signatures[2],
      until: signatures[0],
    });
    assert.deepEqual(
      older.map((s) => s.signature),
      [signatures[1]],
    );
  });

  it("answers token supply, largest accounts, parsed mints and base58 data", async () => {
    const mint = writeMint(1_000n, 2);
    const alice = Keypair.generate().publicKey;
    const bob = Keypair.generate().publicKey;
    writeToken(mint, alice, 100n);
    const bobs = writeToken(mint, bob, 900n);
    const supply = await connection.getTokenSupply(mint);
    assert.equal(supply.value.uiAmountString, "10");
    const largest = await connection.getTokenLargestAccounts(mint);
    assert.equal(largest.value[0]?.address.toBase58(), bobs.toBase58());
    assert.equal(largest.value[0]?.uiAmount, 9);
    const parsed = await connection.getParsedAccountInfo(mint);
    const info = (parsed.value?.data as ParsedAccountData).parsed;
    assert.equal(info.type, "mint");
    assert.equal(info.info.decimals, 2);
    const base58 = await call(localnet.rpcUrl, "getAccountInfo", [
      mint.toBase58(),
      { encoding: "base58" },
    ]);
    assert.equal(base58.body.result.value.data[1], "base58");
    const tooBig = await call(localnet.rpcUrl, "getAccountInfo", [
      bobs.toBase58(),
      { encoding: "base58" },
    ]);
    assert.equal(tooBig.body.error.code, -32600);
    assert.match(JSON.stringify(tooBig.body), /Base64/);
    const raw = await call(localnet.rpcUrl, "getAccountInfo", [
      mint.toBase58(),
      { encoding: "base64" },
    ]);
    assert.match(raw.body.result.value.rentEpoch.toString(), /^1844674407370955/);
  });

  it("notifies programSubscribe with filters", async () => {
    const ws = await RawWsClient.open(localnet.wsUrl);
    try {
      const owner = Keypair.generate().publicKey;
      const sub = await ws.request("programSubscribe", [
        TOKEN_PROGRAM_ID.toBase58(),
        {
          encoding: "base64",
          filters: [{ dataSize: 165 }, { memcmp: { offset: 32, bytes: owner.toBase58() } }],
        },
      ]);
      writeToken(writeMint(1n, 0), Keypair.generate().publicKey, 1n); // filtered out
      const mine = writeToken(writeMint(1n, 0), owner, 1n);
      const note = await ws.notification("programNotification", sub.result as number);
      const value = (note.params as { result: { value: { pubkey: string } } }).result.value;
      assert.equal(value.pubkey, mine.toBase58());
    } finally {
      ws.close();
    }
  });
});
