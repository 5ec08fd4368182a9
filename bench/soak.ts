// `npm run soak`: what a busy day does to the local chain, the SDK and the app, in a row.
//  1. 300 holders with fresh random keypairs each stake (1 to 6 NFTs, the maximum of one
//     transaction) and unstake everything, through JSON-RPC with the SDK's own transactions and
//     compute-unit limits — a first stake for every one of them, whatever their address.
//  2. The browser flows (tests/app/flows.test.ts) 10 times in a row, each on a fresh chain.
// Writes bench/soak.json and the "Soak" section of bench/results.md. Flags: --holders N,
// --browser-runs N (0 skips the browser part).
import { execFileSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import {
  Connection,
  Keypair,
  LAMPORTS_PER_SOL,
  PublicKey,
  sendAndConfirmTransaction,
} from "@solana/web3.js";
import {
  PROGRAM_ID,
  buildStakeTransactions,
  buildUnstakeTransactions,
  findStakerAddress,
  parseComputeBudgetExceeded,
  parseStakingError,
} from "@nft-staking/sdk";
import { startLocalnet } from "@nft-staking/localnet";
import { rpcCluster } from "../migrations/configure-pool";
import { seedDemo } from "../migrations/lib/demo";
import { createCollectionNfts, localnetStore } from "@nft-staking/dev-kit";
import { renderSoak, writeSoakSection, type SoakResult } from "./soak-report";

const ROOT = path.join(__dirname, "..");

function flag(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} wants a whole number`);
  return value;
}

/** Milliseconds of `fn`. */
async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return [value, Number(process.hrtime.bigint() - start) / 1e6];
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(
    sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0,
  );
}

/** Part 1: fresh holders stake and unstake over JSON-RPC. */
async function stakesAndUnstakes(holders: number): Promise<SoakResult["rpc"]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "nft-staking-soak-"));
  const localnet = await startLocalnet({
    rpcPort: 29899,
    dataDir,
    reset: true,
    snapshotIntervalMs: 0,
    programs: [
      { programId: PROGRAM_ID, path: path.join(ROOT, "target", "deploy", "nft_staking.so") },
    ],
  });
  const failures: string[] = [];
  const latencies: number[] = [];
  let nfts = 0;
  let lowestBump = 255;
  try {
    const connection = new Connection(localnet.rpcUrl, {
      commitment: "confirmed",
      wsEndpoint: localnet.wsUrl,
    });
    const chain = localnetStore(localnet);
    const demo = await seedDemo(chain, rpcCluster(connection), {
      dataDir,
      assetsUrl: "http://127.0.0.1:1",
    });
    const pool = new PublicKey(demo.pool);
    const collection = new PublicKey(demo.collection);
    for (let i = 0; i < holders; i++) {
      const holder = Keypair.generate();
      localnet.airdrop(holder.publicKey, BigInt(LAMPORTS_PER_SOL));
      const count = 1 + (i % 6);
      const mints = createCollectionNfts(chain, holder.publicKey, collection, count).map(
        (nft) => nft.mint,
      );
      nfts += count;
      lowestBump = Math.min(lowestBump, findStakerAddress(pool, holder.publicKey)[1]);
      const options = { feePayer: holder.publicKey };
      try {
        const stakeTxs = await buildStakeTransactions(
          { pool, owner: holder.publicKey, nfts: mints.map((mint) => ({ mint })) },
          options,
        );
        for (const tx of stakeTxs) {
          const [, ms] = await timed(() => sendAndConfirmTransaction(connection, tx, [holder]));
          latencies.push(ms);
        }
        const unstakeTxs = await buildUnstakeTransactions(
          { pool, owner: holder.publicKey, mints },
          options,
        );
        for (const tx of unstakeTxs) {
          const [, ms] = await timed(() => sendAndConfirmTransaction(connection, tx, [holder]));
          latencies.push(ms);
        }
      } catch (error) {
        const reason =
          parseComputeBudgetExceeded(error)?.message ??
          parseStakingError(error)?.message ??
          (error as Error).message.split("\n")[0];
        failures.push(`${holder.publicKey.toBase58()} (${count} NFTs): ${reason}`);
      }
    }
  } finally {
    // web3.js closes its idle WebSocket 0.5 s after the last subscription; a server that goes
    // first makes it reconnect forever ("ws error: ECONNREFUSED"). Let the client close first.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await localnet.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return {
    holders,
    nfts,
    transactions: latencies.length,
    failed: failures.length,
    failures: failures.slice(0, 10),
    lowestStakerBump: lowestBump,
    p50ms: percentile(latencies, 50),
    p95ms: percentile(latencies, 95),
  };
}

/** Part 2: the browser flows, `runs` times in a row. */
function browserFlows(runs: number): SoakResult["browser"] {
  const outcomes: { ok: boolean; seconds: number; error?: string }[] = [];
  for (let run = 0; run < runs; run++) {
    const start = process.hrtime.bigint();
    try {
      execFileSync(
        path.join(ROOT, "node_modules", ".bin", "ts-mocha"),
        ["-p", "tsconfig.json", "--timeout", "240000", "tests/app/flows.test.ts"],
        { cwd: ROOT, stdio: "pipe", encoding: "utf8" },
      );
      outcomes.push({ ok: true, seconds: Number(process.hrtime.bigint() - start) / 1e9 });
    } catch (error) {
      const output = String((error as { stdout?: string }).stdout ?? error);
      const failing = output.split("\n").filter((line) => /Error|failing/.test(line));
      outcomes.push({
        ok: false,
        seconds: Number(process.hrtime.bigint() - start) / 1e9,
        error: failing.slice(0, 3).join(" | "),
      });
    }
    console.log(
      `browser flows run ${run + 1}/${runs}: ${outcomes.at(-1)?.ok ? "passed" : "FAILED"}`,
    );
  }
  return {
    runs,
    passed: outcomes.filter((outcome) => outcome.ok).length,
    failed: outcomes.filter((outcome) => !outcome.ok).length,
    secondsPerRun: outcomes.map((outcome) => Math.round(outcome.seconds)),
    errors: outcomes.flatMap((outcome) => (outcome.error ? [outcome.error] : [])),
  };
}

async function main(): Promise<void> {
  const holders = flag("--holders", 300);
  const runs = flag("--browser-runs", 10);
  const rpc = await stakesAndUnstakes(holders);
  console.log(`stakes/unstakes: ${rpc.holders} holders, ${rpc.failed} failed`);
  const browser = runs > 0 ? browserFlows(runs) : null;
  const result: SoakResult = { date: new Date().toISOString().slice(0, 10), rpc, browser };
  fs.writeFileSync(path.join(__dirname, "soak.json"), JSON.stringify(result, null, 2) + "\n");
  writeSoakSection(path.join(__dirname, "results.md"), result);
  console.log(renderSoak(result).join("\n"));
  if (rpc.failed > 0 || (browser?.failed ?? 0) > 0) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
