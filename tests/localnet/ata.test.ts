import { strict as assert } from "assert";
import fs from "fs";
import os from "os";
import path from "path";
import v8 from "v8";
import vm from "vm";
import {
  ExtensionType,
  MINT_SIZE,
  MintLayout,
  NATIVE_MINT,
  TOKEN_2022_PROGRAM_ID,
  TOKEN_PROGRAM_ID,
  createAssociatedTokenAccountIdempotentInstruction,
  createAssociatedTokenAccountInstruction,
  createSyncNativeInstruction,
  createTransferCheckedInstruction,
  getAccount,
  getAssociatedTokenAddressSync,
  getMintLen,
} from "@solana/spl-token";
import {
  Connection,
  Keypair,
  LAMPORTS_PER_SOL,
  PublicKey,
  SendTransactionError,
  SystemProgram,
  Transaction,
  TransactionInstruction,
  sendAndConfirmTransaction,
} from "@solana/web3.js";
import { type Localnet, startLocalnet } from "@nft-staking/localnet";
import { freePortPair } from "@nft-staking/dev-kit";
import { writeTokenAccount } from "@nft-staking/dev-kit";
import { seeder } from "../utils/localnet";

const ATA_PROGRAM = "ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL";

/**
 * The real ATA program runs on the local chain (LiteSVM 1.x). LiteSVM 0.8 left the x87 FPU dirty
 * after it (litesvm#396) and aborted Node a few transactions later, so the chain used to emulate
 * it; these tests prove the emulation is no longer needed.
 */
describe("localnet: the real associated token account program", function () {
  let dataDir: string;
  let localnet: Localnet;
  let connection: Connection;
  let payer: Keypair;

  function mint(tokenProgram = TOKEN_PROGRAM_ID, decimals = 6): PublicKey {
    const address = Keypair.generate().publicKey;
    const data = new Uint8Array(MINT_SIZE);
    MintLayout.encode(
      {
        mintAuthorityOption: 0,
        mintAuthority: PublicKey.default,
        supply: 10n ** 12n,
        decimals,
        isInitialized: true,
        freezeAuthorityOption: 0,
        freezeAuthority: PublicKey.default,
      },
      data,
    );
    localnet.setAccount(address, {
      lamports: LAMPORTS_PER_SOL,
      data,
      owner: tokenProgram,
      executable: false,
    });
    return address;
  }

  const send = (...ixs: Parameters<Transaction["add"]>) =>
    sendAndConfirmTransaction(connection, new Transaction().add(...ixs), [payer]);

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "localnet-ata-"));
    localnet = await startLocalnet({ rpcPort: await freePortPair(), dataDir });
    connection = new Connection(localnet.rpcUrl, "confirmed");
    payer = Keypair.generate();
    localnet.airdrop(payer.publicKey, 100n * BigInt(LAMPORTS_PER_SOL));
  });

  after(async () => {
    await localnet?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("creates ATAs over and over with the real program (LiteSVM 0.8 aborted Node by the third)", async () => {
    const rewardMint = mint();
    for (let i = 0; i < 20; i++) {
      const owner = Keypair.generate().publicKey;
      const ata = getAssociatedTokenAddressSync(rewardMint, owner);
      const signature = await send(
        createAssociatedTokenAccountIdempotentInstruction(payer.publicKey, ata, owner, rewardMint),
      );
      const token = await getAccount(connection, ata);
      assert.ok(token.owner.equals(owner) && token.mint.equals(rewardMint));
      assert.equal(token.amount, 0n);
      const info = await connection.getAccountInfo(ata);
      assert.equal(info?.lamports, await connection.getMinimumBalanceForRentExemption(165));
      if (i === 0) {
        const tx = await connection.getTransaction(signature, {
          maxSupportedTransactionVersion: 0,
        });
        const logs = tx?.meta?.logMessages ?? [];
        assert.equal(logs[0], `Program ${ATA_PROGRAM} invoke [1]`);
        assert.equal(logs[1], "Program log: CreateIdempotent");
        assert.equal(logs[logs.length - 1], `Program ${ATA_PROGRAM} success`);
        assert.ok(
          logs.includes(`Program ${TOKEN_PROGRAM_ID.toBase58()} invoke [2]`),
          "the real program's CPI into the token program",
        );
        assert.ok((tx?.meta?.innerInstructions?.length ?? 0) > 0, "inner instructions recorded");
        const message = tx?.transaction.message;
        assert.equal(
          message?.staticAccountKeys[
            message.compiledInstructions[0]?.programIdIndex ?? 0
          ]?.toBase58(),
          ATA_PROGRAM,
          "history keeps the transaction as signed",
        );
        // idempotent again: fine; plain Create on an existing account: the program's error
        await send(
          createAssociatedTokenAccountIdempotentInstruction(
            payer.publicKey,
            ata,
            owner,
            rewardMint,
          ),
        );
        await assert.rejects(
          send(createAssociatedTokenAccountInstruction(payer.publicKey, ata, owner, rewardMint)),
          SendTransactionError,
        );
      }
    }
  });

  it("lets later instructions of the same transaction use the new account", async () => {
    const rewardMint = mint();
    const source = getAssociatedTokenAddressSync(rewardMint, payer.publicKey);
    writeTokenAccount(seeder(localnet), source, payer.publicKey, rewardMint, 1_000n);
    const owner = Keypair.generate().publicKey;
    const ata = getAssociatedTokenAddressSync(rewardMint, owner);
    await send(
      createAssociatedTokenAccountIdempotentInstruction(payer.publicKey, ata, owner, rewardMint),
      createTransferCheckedInstruction(source, rewardMint, ata, payer.publicKey, 400n, 6),
    );
    assert.equal((await getAccount(connection, ata)).amount, 400n);
  });

  it("rolls the account back when the transaction fails later", async () => {
    const rewardMint = mint();
    const owner = Keypair.generate().publicKey;
    const ata = getAssociatedTokenAddressSync(rewardMint, owner);
    const before = await connection.getBalance(payer.publicKey);
    await assert.rejects(
      send(
        createAssociatedTokenAccountIdempotentInstruction(payer.publicKey, ata, owner, rewardMint),
        SystemProgram.transfer({
          fromPubkey: payer.publicKey,
          toPubkey: owner,
          lamports: 10_000 * LAMPORTS_PER_SOL,
        }),
      ),
      SendTransactionError,
    );
    assert.equal(await connection.getAccountInfo(ata), null);
    assert.equal(await connection.getBalance(payer.publicKey), before);
    const sim = await connection.simulateTransaction(
      new Transaction().add(
        createAssociatedTokenAccountIdempotentInstruction(payer.publicKey, ata, owner, rewardMint),
      ),
      [payer],
    );
    assert.equal(sim.value.err, null);
    assert.equal(await connection.getAccountInfo(ata), null, "simulation commits nothing");
  });

  it("creates Token-2022 ATAs (immutable owner) and wrapped SOL ATAs", async () => {
    const mint22 = mint(TOKEN_2022_PROGRAM_ID, 0);
    const owner = Keypair.generate();
    const ata22 = getAssociatedTokenAddressSync(
      mint22,
      owner.publicKey,
      false,
      TOKEN_2022_PROGRAM_ID,
    );
    await send(
      createAssociatedTokenAccountIdempotentInstruction(
        payer.publicKey,
        ata22,
        owner.publicKey,
        mint22,
        TOKEN_2022_PROGRAM_ID,
      ),
    );
    const token22 = await getAccount(connection, ata22, "confirmed", TOKEN_2022_PROGRAM_ID);
    assert.ok(token22.owner.equals(owner.publicKey));
    assert.equal((await connection.getAccountInfo(ata22))?.data.length, 170);
    const source = Keypair.generate().publicKey;
    writeTokenAccount(seeder(localnet), source, payer.publicKey, mint22, 5n, TOKEN_2022_PROGRAM_ID);
    await send(
      createTransferCheckedInstruction(
        source,
        mint22,
        ata22,
        payer.publicKey,
        2n,
        0,
        [],
        TOKEN_2022_PROGRAM_ID,
      ),
    );
    assert.equal(
      (await getAccount(connection, ata22, "confirmed", TOKEN_2022_PROGRAM_ID)).amount,
      2n,
    );

    const wsol = getAssociatedTokenAddressSync(NATIVE_MINT, payer.publicKey);
    await send(
      createAssociatedTokenAccountIdempotentInstruction(
        payer.publicKey,
        wsol,
        payer.publicKey,
        NATIVE_MINT,
      ),
      SystemProgram.transfer({
        fromPubkey: payer.publicKey,
        toPubkey: wsol,
        lamports: LAMPORTS_PER_SOL,
      }),
      createSyncNativeInstruction(wsol),
    );
    const wrapped = await getAccount(connection, wsol);
    assert.equal(wrapped.isNative, true);
    assert.equal(wrapped.amount, BigInt(LAMPORTS_PER_SOL));
  });

  it("leaves the x87 FPU clean after programs with indirect calls (ATA, Memo), through 2 M allocations and GCs", async function () {
    // LiteSVM 0.8's JIT left MMX state behind on indirect calls; the next hash-table growth in
    // V8's GC then threw std::bad_alloc and aborted this very process. 1.x has no such bug.
    v8.setFlagsFromString("--expose-gc");
    const gc = vm.runInNewContext("gc") as () => void;
    const memo = new PublicKey("MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr");
    for (let i = 0; i < 30; i++) {
      const tx = new Transaction().add(
        new TransactionInstruction({ programId: memo, keys: [], data: Buffer.from(`memo ${i}`) }),
      );
      tx.recentBlockhash = (await connection.getLatestBlockhash()).blockhash;
      tx.feePayer = payer.publicKey;
      tx.sign(payer);
      await connection.sendRawTransaction(tx.serialize());
      if (i % 5 === 0) gc();
    }
    const rewardMint = mint();
    for (let i = 0; i < 5; i++) {
      const owner = Keypair.generate().publicKey;
      await send(
        createAssociatedTokenAccountIdempotentInstruction(
          payer.publicKey,
          getAssociatedTokenAddressSync(rewardMint, owner),
          owner,
          rewardMint,
        ),
      );
    }
    const keep: object[] = [];
    for (let i = 0; i < 2_000_000; i++) keep[i % 1_000] = { i, s: String(i) };
    gc();
    const zero = keep.length - 1_000; // a heap number V8 cannot constant-fold
    assert.ok(Object.is(-zero % 64, -0), "x87 state intact: (-0) % 64 is -0");
  });

  it("creates Token-2022 ATAs for mints with extensions", async function () {
    const size = getMintLen([ExtensionType.MintCloseAuthority]);
    const data = new Uint8Array(size);
    MintLayout.encode(
      {
        mintAuthorityOption: 0,
        mintAuthority: PublicKey.default,
        supply: 0n,
        decimals: 0,
        isInitialized: true,
        freezeAuthorityOption: 0,
        freezeAuthority: PublicKey.default,
      },
      data,
    );
    data[165] = 1; // account type: Mint
    new DataView(data.buffer).setUint16(166, ExtensionType.MintCloseAuthority, true);
    new DataView(data.buffer).setUint16(168, 32, true);
    const mintAddress = Keypair.generate().publicKey;
    localnet.setAccount(mintAddress, {
      lamports: LAMPORTS_PER_SOL,
      data,
      owner: TOKEN_2022_PROGRAM_ID,
      executable: false,
    });
    const owner = Keypair.generate().publicKey;
    const ata = getAssociatedTokenAddressSync(mintAddress, owner, false, TOKEN_2022_PROGRAM_ID);
    const signature = await send(
      createAssociatedTokenAccountIdempotentInstruction(
        payer.publicKey,
        ata,
        owner,
        mintAddress,
        TOKEN_2022_PROGRAM_ID,
      ),
    );
    const token = await getAccount(connection, ata, "confirmed", TOKEN_2022_PROGRAM_ID);
    assert.ok(token.owner.equals(owner));
    const tx = await connection.getTransaction(signature, { maxSupportedTransactionVersion: 0 });
    const logs = tx?.meta?.logMessages ?? [];
    assert.ok(
      logs.some((line) =>
        line.startsWith(`Program ${TOKEN_2022_PROGRAM_ID.toBase58()} invoke [2]`),
      ),
    );
    assert.ok((tx?.meta?.innerInstructions?.length ?? 0) > 0, "the real program's CPIs");
  });
});
