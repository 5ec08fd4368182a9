/**
 * Local chain numbers, printed as JSON: start-up time to the first RPC answer (fresh and from a
 * snapshot) and requests per second for getAccountInfo and sendTransaction on loopback.
 *
 *   npx ts-node -P tsconfig.json localnet/bench.ts
 *
 * The chain runs in its own process (the CLI, as `npm start` runs it); this process is the client.
 * Every loop is bounded and every request goes to 127.0.0.1.
 */
import { spawn, type ChildProcess } from "child_process";
import { createPrivateKey, sign } from "crypto";
import fs from "fs";
import http from "http";
import os from "os";
import path from "path";
import {
  Connection,
  Keypair,
  LAMPORTS_PER_SOL,
  SystemProgram,
  Transaction,
  TransactionMessage,
  VersionedTransaction,
  sendAndConfirmTransaction,
} from "@solana/web3.js";
import { PROGRAM_ID } from "@nft-staking/sdk";
import { startLocalnet } from "@nft-staking/localnet";
import { freePortPair } from "@nft-staking/dev-kit";

const ROOT = path.join(__dirname, "..");
const PROGRAM_SO = path.join(ROOT, "target", "deploy", "nft_staking.so");
const CLI = path.join(__dirname, "src", "cli.ts");
const HOST = "127.0.0.1";
const GET_ACCOUNT_INFO_REQUESTS = 20_000;
const SEND_TRANSACTION_REQUESTS = 4_000;
const SEQUENTIAL_REQUESTS = 2_000;
const CONFIRM_SAMPLES = 20;
const CONCURRENCY = 32;

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

/** One JSON-RPC call over a keep-alive socket; throws on a JSON-RPC error. */
function rpc(port: number, method: string, params: unknown[] = []): Promise<unknown> {
  const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method, params });
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: HOST, port, method: "POST", agent, headers: { "Content-Type": "application/json" } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const answer = JSON.parse(Buffer.concat(chunks).toString()) as {
            result?: unknown;
            error?: { message: string };
          };
          if (answer.error) reject(new Error(`${method}: ${answer.error.message}`));
          else resolve(answer.result);
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

async function waitForAnswer(port: number, deadlineMs = 60_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    try {
      await rpc(port, "getHealth");
      return;
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}

/** Starts the CLI and returns it with the milliseconds until its first RPC answer. */
async function startCli(port: number, dataDir: string, reset: boolean) {
  const started = performance.now();
  const args = ["-r", "ts-node/register/transpile-only", CLI, "--rpc-port", String(port)];
  args.push("--data-dir", dataDir, "--program", `${PROGRAM_ID.toBase58()}=${PROGRAM_SO}`);
  if (reset) args.push("--reset");
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: "ignore" });
  await waitForAnswer(port);
  return { child, ms: Math.round(performance.now() - started) };
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

/** Runs `total` calls with `concurrency` in flight; returns requests per second and p50 latency. */
async function load(total: number, concurrency: number, call: (i: number) => Promise<unknown>) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const t = performance.now();
        await call(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: total,
    concurrency,
    rps: Math.round(total / seconds),
    p50ms: Number((latencies[Math.floor(total / 2)] ?? 0).toFixed(2)),
  };
}

/** `count` distinct signed transfers (each to a new account), signed with Node's ed25519. */
function transfers(payer: Keypair, blockhash: string, count: number): string[] {
  const key = createPrivateKey({
    key: Buffer.concat([
      Buffer.from("302e020100300506032b657004220420", "hex"),
      payer.secretKey.subarray(0, 32),
    ]),
    format: "der",
    type: "pkcs8",
  });
  return Array.from({ length: count }, () => {
    const message = new TransactionMessage({
      payerKey: payer.publicKey,
      recentBlockhash: blockhash,
      instructions: [
        SystemProgram.transfer({
          fromPubkey: payer.publicKey,
          toPubkey: Keypair.generate().publicKey,
          lamports: 1_000_000,
        }),
      ],
    }).compileToLegacyMessage();
    const tx = new VersionedTransaction(message, [sign(null, message.serialize(), key)]);
    return Buffer.from(tx.serialize()).toString("base64");
  });
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "localnet-bench-"));
  const port = await freePortPair();
  try {
    // start-up inside this process (what a test or a script embedding the chain sees)
    let t = performance.now();
    const embedded = await startLocalnet({
      rpcPort: port,
      dataDir,
      reset: true,
      programs: [{ programId: PROGRAM_ID, path: PROGRAM_SO }],
    });
    await waitForAnswer(port);
    const inProcessFreshMs = Math.round(performance.now() - t);
    await embedded.close();

    const fresh = await startCli(port, dataDir, true);
    const payer = Keypair.generate();
    await rpc(port, "requestAirdrop", [payer.publicKey.toBase58(), 1_000 * LAMPORTS_PER_SOL]);
    const address = payer.publicKey.toBase58();
    const info = [address, { encoding: "base64" }];

    await load(5_000, CONCURRENCY, () => rpc(port, "getAccountInfo", info)); // JIT warm-up
    const getAccountInfo = {
      sequential: await load(SEQUENTIAL_REQUESTS, 1, () => rpc(port, "getAccountInfo", info)),
      concurrent: await load(GET_ACCOUNT_INFO_REQUESTS, CONCURRENCY, () =>
        rpc(port, "getAccountInfo", info),
      ),
    };

    const latest = (await rpc(port, "getLatestBlockhash")) as { value: { blockhash: string } };
    const blockhash = latest.value.blockhash;
    const warmUp = 1_000;
    const total = warmUp + SEQUENTIAL_REQUESTS + SEND_TRANSACTION_REQUESTS;
    const signed = transfers(payer, blockhash, total);
    const send = (i: number) =>
      rpc(port, "sendTransaction", [signed[i], { encoding: "base64", skipPreflight: true }]);
    await load(warmUp, CONCURRENCY, send);
    const sendTransaction = {
      sequential: await load(SEQUENTIAL_REQUESTS, 1, (i) => send(warmUp + i)),
      concurrent: await load(SEND_TRANSACTION_REQUESTS, CONCURRENCY, (i) =>
        send(warmUp + SEQUENTIAL_REQUESTS + i),
      ),
      note: "SOL transfers to new accounts, signed beforehand; preflight semantics",
    };

    const connection = new Connection(`http://${HOST}:${port}`, "confirmed");
    const confirmMs: number[] = [];
    for (let i = 0; i < CONFIRM_SAMPLES; i++) {
      const tx = new Transaction().add(
        SystemProgram.transfer({
          fromPubkey: payer.publicKey,
          toPubkey: Keypair.generate().publicKey,
          lamports: 1_000_000,
        }),
      );
      const started = performance.now();
      await sendAndConfirmTransaction(connection, tx, [payer]);
      confirmMs.push(performance.now() - started);
    }
    confirmMs.sort((a, b) => a - b);

    const stopStarted = performance.now();
    await stop(fresh.child);
    const stopWithSnapshotMs = Math.round(performance.now() - stopStarted);
    const snapshotFile = path.join(dataDir, "snapshot.json");
    const snapshot = JSON.parse(fs.readFileSync(snapshotFile, "utf8")) as {
      accounts: unknown[];
      history: unknown[];
    };
    const restored = await startCli(port, dataDir, false);
    const balance = (await rpc(port, "getBalance", [address])) as { value: number };
    await stop(restored.child);
    t = performance.now();
    const reloaded = await startLocalnet({
      rpcPort: port,
      dataDir,
      programs: [{ programId: PROGRAM_ID, path: PROGRAM_SO }],
    });
    await waitForAnswer(port);
    const inProcessFromSnapshotMs = Math.round(performance.now() - t);
    await reloaded.close();

    console.log(
      JSON.stringify(
        {
          machine: { node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model },
          startup: {
            inProcessFreshMs,
            inProcessFromSnapshotMs,
            cliFreshMs: fresh.ms,
            cliFromSnapshotMs: restored.ms,
            snapshot: {
              accounts: snapshot.accounts.length,
              transactions: snapshot.history.length,
              bytes: fs.statSync(snapshotFile).size,
            },
            stopWithSnapshotMs,
            stateIntact: balance.value > 0,
            note: "CLI = node + ts-node (transpile-only) + LiteSVM + programs, until getHealth answers",
            clientNote: "client and chain share this machine's CPUs (loopback)",
          },
          getAccountInfo,
          sendTransaction,
          sendAndConfirmTransaction: {
            samples: CONFIRM_SAMPLES,
            p50ms: Number((confirmMs[Math.floor(CONFIRM_SAMPLES / 2)] ?? 0).toFixed(1)),
          },
        },
        null,
        2,
      ),
    );
  } finally {
    agent.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e: Error) => {
  console.error(e);
  process.exit(1);
});
