import { strict as assert } from "assert";
import fs from "fs";
import os from "os";
import path from "path";
import { AnchorProvider, Wallet, utils } from "@coral-xyz/anchor";
import {
  AccountLayout,
  TOKEN_PROGRAM_ID,
  getAccount,
  getAssociatedTokenAddressSync,
} from "@solana/spl-token";
import {
  Connection,
  Keypair,
  LAMPORTS_PER_SOL,
  PublicKey,
  SystemProgram,
  Transaction,
  sendAndConfirmTransaction,
  type ParsedAccountData,
} from "@solana/web3.js";
import { Metaplex } from "@metaplex-foundation/js";
import { getMetadataAccountDataSerializer } from "@metaplex-foundation/mpl-token-metadata";
import {
  PROGRAM_ID,
  StreamMode,
  addRewardStreamInstruction,
  claimInstruction,
  fetchPool,
  findEscrowAddress,
  findPoolAddress,
  findStakerAddress,
  fundRewardStreamInstruction,
  initializePoolInstruction,
  parseEvents,
  stakeInstruction,
  stakingProgram,
  unstakeInstruction,
} from "@nft-staking/sdk";
import { type Localnet, type LocalnetOptions, startLocalnet } from "@nft-staking/localnet";
import { RawWsClient } from "../../localnet/test/helpers";
import {
  createCollection,
  createCollectionNfts,
  createRewardMint,
  findMetadataAddress,
  freePortPair,
  PROGRAM_SO,
  setTokenBalance,
  type TestNft,
} from "@nft-staking/dev-kit";
import { seeder } from "../utils/localnet";

async function funded(connection: Connection, sol = 10): Promise<Keypair> {
  const keypair = Keypair.generate();
  const signature = await connection.requestAirdrop(keypair.publicKey, sol * LAMPORTS_PER_SOL);
  const latest = await connection.getLatestBlockhash();
  await connection.confirmTransaction({ signature, ...latest });
  return keypair;
}

async function tokenAmount(connection: Connection, address: PublicKey): Promise<bigint> {
  return (await getAccount(connection, address)).amount;
}

describe("localnet: a holder flow over JSON-RPC and WebSocket", function () {
  let dataDir: string;
  let options: LocalnetOptions;
  let localnet: Localnet;
  let connection: Connection;
  let authority: Keypair;
  let holder: Keypair;
  let nfts: TestNft[];
  let pool: PublicKey;
  let rewardMint: PublicKey;
  let claimSignature: string;
  let claimed: bigint;

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "localnet-"));
    options = {
      rpcPort: await freePortPair(),
      dataDir,
      programs: [{ programId: PROGRAM_ID, path: PROGRAM_SO }],
    };
    localnet = await startLocalnet(options);
    connection = new Connection(localnet.rpcUrl, "confirmed");
  });

  after(async () => {
    await localnet?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("starts fresh and answers the basics", async () => {
    assert.equal(localnet.restored, false);
    assert.equal(localnet.wsUrl, `ws://127.0.0.1:${(options.rpcPort ?? 0) + 1}`);
    assert.equal((await connection.getVersion())["solana-core"], "3.1.0");
    assert.match(await connection.getGenesisHash(), /^[1-9A-HJ-NP-Za-km-z]{32,44}$/);
    const slot = await connection.getSlot();
    await new Promise((resolve) => setTimeout(resolve, 900));
    assert.ok((await connection.getSlot()) >= slot + 2, "slots follow the wall clock");
    const time = await connection.getBlockTime(await connection.getSlot());
    assert.ok(time !== null && Math.abs(time - Date.now() / 1000) < 5);
    assert.equal((await connection.getEpochInfo()).slotsInEpoch, 432_000);
  });

  it("creates a pool with a funded stream (sendAndConfirmTransaction)", async () => {
    authority = await funded(connection, 100);
    const fixtures = seeder(localnet);
    const collection = createCollection(fixtures, authority.publicKey);
    const init = await initializePoolInstruction({
      authority: authority.publicKey,
      poolId: 1n,
      collection: collection.mint,
      defaultTierWeight: 1,
    });
    await sendAndConfirmTransaction(connection, new Transaction().add(init), [authority]);
    [pool] = findPoolAddress(authority.publicKey, 1n);

    rewardMint = createRewardMint(fixtures);
    const now = BigInt((await connection.getBlockTime(await connection.getSlot())) ?? 0);
    const add = await addRewardStreamInstruction({
      pool,
      authority: authority.publicKey,
      rewardMint,
      streamIndex: 0,
      mode: StreamMode.FixedPerWeight,
      rate: 1_000n,
      startTs: now,
      endTs: now + 30n * 86_400n,
    });
    setTokenBalance(fixtures, authority.publicKey, rewardMint, 1_000_000_000n);
    const fund = await fundRewardStreamInstruction({
      pool,
      funder: authority.publicKey,
      streamIndex: 0,
      rewardMint,
      amount: 1_000_000_000n,
    });
    await sendAndConfirmTransaction(connection, new Transaction().add(add, fund), [authority]);

    const program = stakingProgram(new AnchorProvider(connection, new Wallet(authority), {}));
    const pools = await program.account.pool.all();
    assert.deepEqual(
      pools.map((p) => p.publicKey.toBase58()),
      [pool.toBase58()],
    );
    assert.equal(pools[0]?.account.streamCount, 1);
    const byAuthority = await connection.getProgramAccounts(PROGRAM_ID, {
      filters: [{ memcmp: { offset: 8, bytes: authority.publicKey.toBase58() } }],
    });
    const poolSize = (await connection.getAccountInfo(pool))?.data.length ?? 0;
    const bySize = await connection.getProgramAccounts(PROGRAM_ID, {
      filters: [{ dataSize: poolSize }],
    });
    assert.equal(bySize.length, 1);
    assert.ok(byAuthority.length <= 1); // the authority's offset depends on the layout
  });

  it("lists a wallet's NFTs the way wallets and Metaplex JS do", async () => {
    holder = await funded(connection);
    const collection = (await fetchPool(connection, pool))?.collection as PublicKey;
    nfts = createCollectionNfts(seeder(localnet), holder.publicKey, collection, 3);

    const byOwner = await connection.getTokenAccountsByOwner(holder.publicKey, {
      programId: TOKEN_PROGRAM_ID,
    });
    const held = byOwner.value
      .map(({ account }) => AccountLayout.decode(account.data))
      .filter((token) => token.amount === 1n)
      .map((token) => token.mint.toBase58());
    assert.deepEqual(held.sort(), nfts.map((nft) => nft.mint.toBase58()).sort());

    // nfts().findAllByOwner: token accounts by owner with amount 1, mint only, then metadata
    const one = Buffer.alloc(8);
    one.writeBigUInt64LE(1n);
    const gpa = await connection.getProgramAccounts(TOKEN_PROGRAM_ID, {
      dataSlice: { offset: 0, length: 32 },
      filters: [
        { dataSize: 165 },
        { memcmp: { offset: 32, bytes: holder.publicKey.toBase58() } },
        { memcmp: { offset: 64, bytes: utils.bytes.bs58.encode(one) } },
      ],
    });
    const mints = gpa.map(({ account }) => new PublicKey(account.data));
    assert.equal(mints.length, 3);
    const metadata = await connection.getMultipleAccountsInfo(
      mints.map((mint) => findMetadataAddress(mint)[0]),
    );
    const names = metadata.map((info) => {
      assert.ok(info, "metadata account exists");
      return getMetadataAccountDataSerializer().deserialize(info.data)[0].name.replace(/\0+$/, "");
    });
    assert.ok(names.every((name) => name.startsWith("Test NFT #")));

    // …and the real thing: Metaplex JS lists the holder's NFTs against the local chain.
    const metaplex = Metaplex.make(connection);
    const listed = await metaplex.nfts().findAllByOwner({ owner: holder.publicKey });
    assert.deepEqual(
      listed
        .map((nft) => ("mintAddress" in nft ? nft.mintAddress : nft.mint.address).toBase58())
        .sort(),
      nfts.map((nft) => nft.mint.toBase58()).sort(),
    );
    assert.ok(listed.every((nft) => nft.name.startsWith("Test NFT #")));

    const parsed = await connection.getParsedTokenAccountsByOwner(holder.publicKey, {
      mint: nfts[0]!.mint,
    });
    const info = (parsed.value[0]?.account.data as ParsedAccountData).parsed.info;
    assert.equal(info.tokenAmount.uiAmountString, "1");
    assert.equal(info.owner, holder.publicKey.toBase58());
  });

  it("stakes (sendAndConfirmTransaction), with the event delivered over logsSubscribe", async () => {
    const program = stakingProgram(new AnchorProvider(connection, new Wallet(holder), {}));
    const staked: string[] = [];
    const listener = program.addEventListener("nftStaked", (event) => {
      staked.push(event.mint.toBase58());
    });
    await new Promise((resolve) => setTimeout(resolve, 300)); // the subscription reaches the node
    const ix = await stakeInstruction({
      pool,
      owner: holder.publicKey,
      nfts: nfts.map(({ mint }) => ({ mint })),
    });
    await sendAndConfirmTransaction(connection, new Transaction().add(ix), [holder]);
    for (const nft of nfts) {
      assert.equal(await tokenAmount(connection, nft.tokenAccount), 0n);
      assert.equal(await tokenAmount(connection, findEscrowAddress(pool, nft.mint)[0]), 1n);
    }
    for (let i = 0; i < 50 && staked.length < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await program.removeEventListener(listener);
    assert.equal(staked.length, 3);
  });

  it("earns over (warped) time and claims through AnchorProvider", async () => {
    localnet.warp(100);
    const destination = setTokenBalance(seeder(localnet), holder.publicKey, rewardMint, 0n);
    const provider = new AnchorProvider(connection, new Wallet(holder), {
      commitment: "confirmed",
    });
    const poolAccount = await fetchPool(connection, pool);
    assert.ok(poolAccount);
    const ix = await claimInstruction({ pool, poolAccount, owner: holder.publicKey });
    claimSignature = await provider.sendAndConfirm(new Transaction().add(ix));

    const tx = await connection.getTransaction(claimSignature, {
      commitment: "confirmed",
      maxSupportedTransactionVersion: 0,
    });
    const events = parseEvents(tx?.meta?.logMessages ?? []);
    const event = events.find((e) => e.name === "rewardsClaimed");
    assert.ok(event && event.name === "rewardsClaimed");
    claimed = BigInt(event.data.amount.toString());
    assert.ok(claimed >= 300_000n, `1000/s × 3 NFTs × 100 s at least, got ${claimed}`);
    assert.equal(await tokenAmount(connection, destination), claimed);
    const balance = await connection.getTokenAccountBalance(destination);
    assert.equal(balance.value.amount, claimed.toString());
    assert.equal(balance.value.decimals, 6);
    const history = await connection.getSignaturesForAddress(holder.publicKey, { limit: 1 });
    assert.equal(history[0]?.signature, claimSignature);
    const parsedTx = await connection.getParsedTransaction(claimSignature, {
      maxSupportedTransactionVersion: 0,
    });
    assert.ok(parsedTx?.meta?.postTokenBalances?.some((b) => b.mint === rewardMint.toBase58()));
  });

  it("delivers signature, account and slot notifications over WebSocket", async () => {
    const ws = await RawWsClient.open(localnet.wsUrl);
    try {
      // a signature processed before subscribing is notified at once
      const done = await ws.request("signatureSubscribe", [
        claimSignature,
        { commitment: "confirmed" },
      ]);
      const late = await ws.notification("signatureNotification", done.result as number);
      assert.deepEqual((late.params as { result: unknown }).result, {
        context: {
          slot: (
            await connection.getTransaction(claimSignature, { maxSupportedTransactionVersion: 0 })
          )?.slot,
        },
        value: { err: null },
      });

      // one subscribed before the transaction is notified when it is processed
      const recipient = Keypair.generate().publicKey;
      const tx = new Transaction().add(
        SystemProgram.transfer({
          fromPubkey: holder.publicKey,
          toPubkey: recipient,
          lamports: LAMPORTS_PER_SOL,
        }),
      );
      tx.recentBlockhash = (await connection.getLatestBlockhash()).blockhash;
      tx.feePayer = holder.publicKey;
      tx.sign(holder);
      const signature = utils.bytes.bs58.encode(tx.signature as Buffer);
      const sub = await ws.request("signatureSubscribe", [signature]);
      const account = await ws.request("accountSubscribe", [
        recipient.toBase58(),
        { encoding: "base64" },
      ]);
      const slot = await ws.request("slotSubscribe");
      assert.equal(await connection.sendRawTransaction(tx.serialize()), signature);
      const note = await ws.notification("signatureNotification", sub.result as number);
      assert.deepEqual((note.params as { result: { value: unknown } }).result.value, { err: null });
      const change = await ws.notification("accountNotification", account.result as number);
      const value = (change.params as { result: { value: { lamports: number } } }).result.value;
      assert.equal(value.lamports, LAMPORTS_PER_SOL);
      const tick = await ws.notification("slotNotification", slot.result as number, 2_000);
      assert.ok((tick.params as { result: { slot: number } }).result.slot > 0);
      assert.equal((await ws.request("slotUnsubscribe", [slot.result])).result, true);
      const again = await ws.request("slotUnsubscribe", [slot.result]);
      assert.equal((again.error as { code: number }).code, -32602);

      // web3.js's own subscriptions
      const seen = new Promise<number>((resolve) => {
        const id = connection.onAccountChange(recipient, (info) => {
          void connection.removeAccountChangeListener(id);
          resolve(info.lamports);
        });
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      localnet.airdrop(recipient, 5n);
      assert.equal(await seen, LAMPORTS_PER_SOL + 5);
    } finally {
      ws.close();
    }
  });

  it("keeps pool, staker, balances and history across a restart", async () => {
    const slotBefore = await connection.getSlot();
    const poolBefore = (await connection.getAccountInfo(pool))?.data;
    await localnet.close();
    await assert.rejects(connection.getSlot()); // really stopped

    localnet = await startLocalnet(options);
    connection = new Connection(localnet.rpcUrl, "confirmed");
    assert.equal(localnet.restored, true);
    assert.ok((await connection.getSlot()) > slotBefore, "slots never go back");
    assert.deepEqual((await connection.getAccountInfo(pool))?.data, poolBefore);

    const program = stakingProgram(new AnchorProvider(connection, new Wallet(holder), {}));
    assert.equal((await program.account.pool.all()).length, 1);
    const staker = await program.account.staker.fetch(findStakerAddress(pool, holder.publicKey)[0]);
    assert.equal(staker.records.length, 3);
    const destination = getAssociatedTokenAddressSync(rewardMint, holder.publicKey, true);
    assert.equal(await tokenAmount(connection, destination), claimed);
    for (const nft of nfts) {
      assert.equal(await tokenAmount(connection, findEscrowAddress(pool, nft.mint)[0]), 1n);
    }
    const status = await connection.getSignatureStatus(claimSignature);
    assert.equal(status.value?.err, null);
  });

  it("unstakes after the restart: the program is reloaded and the NFTs come back", async () => {
    const provider = new AnchorProvider(connection, new Wallet(holder), {
      commitment: "confirmed",
    });
    const ix = await unstakeInstruction({
      pool,
      owner: holder.publicKey,
      nfts: nfts.map(({ mint }) => ({ mint })),
    });
    await provider.sendAndConfirm(new Transaction().add(ix));
    for (const nft of nfts) assert.equal(await tokenAmount(connection, nft.tokenAccount), 1n);
    const program = stakingProgram(provider);
    const staker = await program.account.staker.fetch(findStakerAddress(pool, holder.publicKey)[0]);
    assert.equal(staker.records.length, 0);
  });
});
