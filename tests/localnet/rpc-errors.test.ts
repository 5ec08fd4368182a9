import { strict as assert } from "assert";
import fs from "fs";
import os from "os";
import path from "path";
import { utils } from "@coral-xyz/anchor";
import {
  Connection,
  Keypair,
  LAMPORTS_PER_SOL,
  SendTransactionError,
  SystemProgram,
  Transaction,
  sendAndConfirmTransaction,
} from "@solana/web3.js";
import {
  PROGRAM_ID,
  findPoolAddress,
  initializePoolInstruction,
  parseStakingError,
  setPausedInstruction,
} from "@nft-staking/sdk";
import { type Localnet, startLocalnet } from "@nft-staking/localnet";
import { RawWsClient, call, post } from "../../localnet/test/helpers";
import { createCollection, freePortPair, PROGRAM_SO } from "@nft-staking/dev-kit";
import { seeder } from "../utils/localnet";

describe("localnet: malformed and failing requests", function () {
  let dataDir: string;
  let localnet: Localnet;
  let url: string;
  let connection: Connection;
  let payer: Keypair;

  /** A signed transfer of `lamports` from the payer to a new address. */
  async function transfer(lamports: number, blockhash?: string): Promise<Transaction> {
    const tx = new Transaction().add(
      SystemProgram.transfer({
        fromPubkey: payer.publicKey,
        toPubkey: Keypair.generate().publicKey,
        lamports,
      }),
    );
    tx.recentBlockhash = blockhash ?? (await connection.getLatestBlockhash()).blockhash;
    tx.feePayer = payer.publicKey;
    tx.sign(payer);
    return tx;
  }

  function sendBase64(bytes: Uint8Array) {
    return call(url, "sendTransaction", [
      Buffer.from(bytes).toString("base64"),
      { encoding: "base64" },
    ]);
  }

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "localnet-errors-"));
    localnet = await startLocalnet({
      rpcPort: await freePortPair(),
      dataDir,
      programs: [{ programId: PROGRAM_ID, path: PROGRAM_SO }],
    });
    url = localnet.rpcUrl;
    connection = new Connection(url, "confirmed");
    payer = Keypair.generate();
    localnet.airdrop(payer.publicKey, 10n * BigInt(LAMPORTS_PER_SOL));
  });

  afterEach(async () => {
    // whatever the request was, the chain keeps serving
    assert.equal((await call(url, "getHealth")).body.result, "ok");
  });

  after(async () => {
    await localnet?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("answers bad JSON with -32700 and an unknown method with -32601", async () => {
    const bad = await post(url, '{"jsonrpc":"2.0","id":1,"method":');
    assert.equal(bad.status, 200);
    assert.deepEqual(bad.body, {
      jsonrpc: "2.0",
      error: { code: -32700, message: "Parse error" },
      id: null,
    });
    const unknown = await call(url, "getMagic");
    assert.deepEqual(unknown.body.error, { code: -32601, message: "Method not found" });
    assert.equal(unknown.body.id, 1);
  });

  it("answers wrong params with -32602 and invalid requests with -32600", async () => {
    for (const [method, params] of [
      ["getBalance", [123]],
      ["getBalance", ["not-a-key"]],
      ["getAccountInfo", []],
      ["getMultipleAccounts", ["x"]],
      ["getSignatureStatuses", [[1, 2]]],
      ["getProgramAccounts", [PROGRAM_ID.toBase58(), { filters: [{}, {}, {}, {}, {}] }]],
      ["getTokenAccountsByOwner", [payer.publicKey.toBase58(), {}]],
      ["getTransaction", [42]],
      ["getSignaturesForAddress", [payer.publicKey.toBase58(), { limit: 5000 }]],
    ] as const) {
      const answer = await call(url, method, params as unknown as unknown[]);
      assert.equal(answer.body.error?.code, -32602, `${method} ${JSON.stringify(params)}`);
    }
    const named = await post(url, { jsonrpc: "2.0", id: 7, method: "getSlot", params: { a: 1 } });
    assert.equal(named.body.error.code, -32602);
    assert.equal(
      (await post(url, { jsonrpc: "1.0", id: 1, method: "getSlot" })).body.error.code,
      -32600,
    );
    assert.equal((await post(url, [])).body.error.code, -32600);
    assert.equal((await post(url, 42)).body.error.code, -32600);
  });

  it("answers batches in order and skips notifications", async () => {
    const answer = await post(url, [
      { jsonrpc: "2.0", id: 1, method: "getSlot" },
      { jsonrpc: "2.0", method: "getSlot" },
      { jsonrpc: "2.0", id: "b", method: "nope" },
    ]);
    assert.equal(answer.body.length, 2);
    assert.equal(typeof answer.body[0].result, "number");
    assert.equal(answer.body[1].id, "b");
    assert.equal(answer.body[1].error.code, -32601);
  });

  it("refuses an oversized body with HTTP 413 and a JSON-RPC error", async () => {
    const huge = JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "getSlot",
      params: ["x".repeat(2 * 1024 * 1024)],
    });
    const answer = await post(url, huge);
    assert.equal(answer.status, 413);
    assert.equal(answer.body.error.code, -32600);
    assert.match(answer.body.error.message, /too large/);
  });

  it("answers invalid transaction bytes with -32602", async () => {
    const cases: [string, string][] = [
      ["AAAA", "base64"],
      ["not base64!", "base64"],
      [Buffer.from(Keypair.generate().secretKey).toString("base64"), "base64"],
      ["0OIl", "base58"],
      [Buffer.alloc(1300, 1).toString("base64"), "base64"],
      ["AQ==", "base85"],
    ];
    for (const [encoded, encoding] of cases) {
      const answer = await call(url, "sendTransaction", [encoded, { encoding }]);
      assert.equal(answer.body.error?.code, -32602, `${encoding} ${encoded.slice(0, 20)}`);
    }
    await assert.rejects(
      connection.sendRawTransaction(Buffer.from([1, 2, 3])),
      SendTransactionError,
    );
  });

  it("answers a bad signature with -32003, and web3.js raises SendTransactionError", async () => {
    const tx = await transfer(1_000_000);
    const bytes = tx.serialize();
    bytes[10] = (bytes[10] ?? 0) ^ 0xff; // inside the first signature
    const answer = await sendBase64(bytes);
    assert.deepEqual(answer.body.error, {
      code: -32003,
      message: "Transaction signature verification failure",
    });
    await assert.rejects(connection.sendRawTransaction(bytes), SendTransactionError);
  });

  it("reports a failed preflight like a validator (-32002, err, logs) and charges nothing", async () => {
    const before = await connection.getBalance(payer.publicKey);
    const tx = await transfer(1_000 * LAMPORTS_PER_SOL);
    const answer = await sendBase64(tx.serialize());
    assert.equal(answer.body.error.code, -32002);
    assert.equal(
      answer.body.error.message,
      "Transaction simulation failed: Error processing Instruction 0: custom program error: 0x1",
    );
    assert.deepEqual(answer.body.error.data.err, { InstructionError: [0, { Custom: 1 }] });
    assert.ok(answer.body.error.data.logs.some((l: string) => l.includes("insufficient lamports")));
    assert.equal(await connection.getBalance(payer.publicKey), before);
    const signature = tx.signatures[0]?.signature as Buffer;
    const status = await connection.getSignatureStatuses([utils.bytes.bs58.encode(signature)]);
    assert.equal(status.value[0], null);
  });

  it("gives the program's error to the SDK (SendTransactionError logs)", async () => {
    const authority = Keypair.generate();
    localnet.airdrop(authority.publicKey, BigInt(LAMPORTS_PER_SOL));
    const collection = createCollection(seeder(localnet), authority.publicKey);
    const init = await initializePoolInstruction({
      authority: authority.publicKey,
      poolId: 1n,
      collection: collection.mint,
      defaultTierWeight: 1,
    });
    await sendAndConfirmTransaction(connection, new Transaction().add(init), [authority]);
    const [pool] = findPoolAddress(authority.publicKey, 1n);
    const intruder = Keypair.generate();
    localnet.airdrop(intruder.publicKey, BigInt(LAMPORTS_PER_SOL));
    const pause = await setPausedInstruction({ pool, authority: intruder.publicKey, paused: true });
    const error = await sendAndConfirmTransaction(connection, new Transaction().add(pause), [
      intruder,
    ]).then(
      () => assert.fail("an intruder paused the pool"),
      (e: unknown) => e,
    );
    assert.ok(error instanceof SendTransactionError);
    assert.ok((error.logs ?? []).some((line) => line.includes("AnchorError")));
    assert.ok(parseStakingError(error), `SDK could not parse: ${String(error)}`);
  });

  it("rejects unknown blockhashes and duplicates like a validator", async () => {
    const stale = await transfer(1_000_000, Keypair.generate().publicKey.toBase58());
    const unknown = await sendBase64(stale.serialize());
    assert.equal(unknown.body.error.code, -32002);
    assert.equal(unknown.body.error.data.err, "BlockhashNotFound");
    const tx = await transfer(1_000_000);
    assert.equal(typeof (await sendBase64(tx.serialize())).body.result, "string");
    const again = await sendBase64(tx.serialize());
    assert.equal(again.body.error.data.err, "AlreadyProcessed");
    const valid = await call(url, "isBlockhashValid", [tx.recentBlockhash]);
    assert.equal(valid.body.result.value, true);
  });

  it("simulates with sigVerify, replaceRecentBlockhash and post-state accounts", async () => {
    const recipient = Keypair.generate().publicKey;
    const tx = new Transaction().add(
      SystemProgram.transfer({ fromPubkey: payer.publicKey, toPubkey: recipient, lamports: 5e6 }),
    );
    tx.feePayer = payer.publicKey;
    tx.recentBlockhash = Keypair.generate().publicKey.toBase58(); // unknown: replaced
    const unsigned = tx.serialize({ requireAllSignatures: false }).toString("base64");
    const sim = await call(url, "simulateTransaction", [
      unsigned,
      {
        encoding: "base64",
        replaceRecentBlockhash: true,
        accounts: { addresses: [recipient.toBase58()], encoding: "base64" },
      },
    ]);
    const value = sim.body.result.value;
    assert.equal(value.err, null);
    assert.ok(value.logs.length > 0 && value.unitsConsumed > 0);
    assert.equal(value.accounts[0].lamports, 5e6);
    assert.equal(typeof value.replacementBlockhash.blockhash, "string");
    assert.equal(await connection.getBalance(recipient), 0, "simulation commits nothing");
    const verified = await call(url, "simulateTransaction", [
      unsigned,
      { encoding: "base64", sigVerify: true },
    ]);
    assert.ok(verified.body.error, "an unsigned transaction fails sigVerify");
    const web3 = await connection.simulateTransaction(await transfer(1_000_000));
    assert.equal(web3.value.err, null);
    const fee = await connection.getFeeForMessage(tx.compileMessage());
    assert.equal(fee.value, null, "unknown blockhash");
  });

  it("serves CORS preflights and headers for browser apps", async () => {
    const preflight = await fetch(url, {
      method: "OPTIONS",
      headers: {
        Origin: "http://localhost:5173",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type,solana-client",
      },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get("access-control-allow-origin"), "*");
    assert.match(preflight.headers.get("access-control-allow-headers") ?? "", /solana-client/);
    const answer = await call(url, "getSlot");
    assert.equal(answer.headers.get("access-control-allow-origin"), "*");
  });

  it("answers malformed WebSocket messages with JSON-RPC errors", async () => {
    const ws = await RawWsClient.open(localnet.wsUrl);
    try {
      assert.equal((await ws.request("fooSubscribe")).error !== undefined, true);
      assert.equal(((await ws.request("getSlot")).error as { code: number }).code, -32601);
      const bad = await ws.request("accountSubscribe", ["nope"]);
      assert.equal((bad.error as { code: number }).code, -32602);
      const sig = await ws.request("signatureSubscribe", ["short"]);
      assert.equal((sig.error as { code: number }).code, -32602);
    } finally {
      ws.close();
    }
  });

  it("cleans up interrupted snapshot writes and refuses a corrupt snapshot", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "localnet-corrupt-"));
    try {
      fs.writeFileSync(path.join(dir, "snapshot.json.123.456.tmp"), "{half");
      fs.writeFileSync(path.join(dir, "snapshot.json"), "{half");
      const rpcPort = await freePortPair();
      await assert.rejects(startLocalnet({ rpcPort, dataDir: dir }), /--reset/);
      assert.deepEqual(fs.readdirSync(dir), ["snapshot.json"]);
      const fresh = await startLocalnet({ rpcPort, dataDir: dir, reset: true });
      assert.equal(fresh.restored, false);
      await fresh.close();
      const again = await startLocalnet({ rpcPort, dataDir: dir });
      assert.equal(again.restored, true);
      await again.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
