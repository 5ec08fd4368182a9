// `npm start` (after setup and build): the local chain with the program deployed, seeded with a
// demo collection and pool on first start, plus the demo pictures. Ctrl-C stops everything and
// keeps the state (`--reset` starts fresh). Flags: --rpc-port N (or RPC_PORT), --data-dir D.
import fs from "fs";
import path from "path";
import { Connection } from "@solana/web3.js";
import { PROGRAM_ID } from "@nft-staking/sdk";
import { describeCachedPrograms, findCachedPrograms, startLocalnet } from "@nft-staking/localnet";
import { localnetStore } from "@nft-staking/dev-kit";
import { rpcCluster } from "../migrations/configure-pool";
import { seedDemo, type DemoState } from "../migrations/lib/demo";
import { startAssetServer } from "./assets-server";

interface StartOptions {
  rpcPort: number;
  appPort: number;
  dataDir: string;
  reset: boolean;
}

function parseArgs(argv: string[]): StartOptions {
  const options: StartOptions = {
    rpcPort: Number(process.env.RPC_PORT ?? 8899),
    appPort: Number(process.env.APP_PORT ?? 5173),
    dataDir: path.resolve(".localnet"),
    reset: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === "--reset") options.reset = true;
    else if (flag === "--rpc-port") options.rpcPort = Number(argv[++i]);
    else if (flag === "--app-port") options.appPort = Number(argv[++i]);
    else if (flag === "--data-dir") options.dataDir = path.resolve(argv[++i] ?? ".localnet");
    else
      throw new Error(
        `unknown flag ${flag} (use --rpc-port N, --app-port N, --data-dir D, --reset)`,
      );
  }
  if (!Number.isInteger(options.rpcPort) || options.rpcPort <= 0) throw new Error("bad --rpc-port");
  return options;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  fs.mkdirSync(options.dataDir, { recursive: true });
  const demoFile = path.join(options.dataDir, "demo.json");
  if (options.reset) fs.rmSync(demoFile, { force: true });
  const started = Date.now();
  const thirdParty = findCachedPrograms();
  console.log(describeCachedPrograms(thirdParty));
  const localnet = await startLocalnet({
    rpcPort: options.rpcPort,
    dataDir: options.dataDir,
    reset: options.reset,
    programs: [
      { programId: PROGRAM_ID, path: path.resolve("target", "deploy", "nft_staking.so") },
      ...thirdParty.present,
    ],
  });
  const assetsPort = options.rpcPort + 2;
  const assets = await startAssetServer(path.join(options.dataDir, "assets"), assetsPort);
  const assetsUrl = `http://127.0.0.1:${assetsPort}`;

  let demo: DemoState;
  if (localnet.restored && fs.existsSync(demoFile)) {
    demo = JSON.parse(fs.readFileSync(demoFile, "utf8")) as DemoState;
  } else {
    console.log("Seeding the demo collection and pool…");
    const store = localnetStore(localnet);
    const cluster = rpcCluster(
      new Connection(localnet.rpcUrl, { commitment: "confirmed", wsEndpoint: localnet.wsUrl }),
    );
    demo = await seedDemo(store, cluster, {
      dataDir: options.dataDir,
      assetsUrl,
      log: (line) => console.log(`  ${line}`),
    });
    fs.writeFileSync(demoFile, JSON.stringify(demo, null, 2));
    await localnet.snapshot();
  }

  const key = (file: string) => JSON.parse(fs.readFileSync(file, "utf8")) as number[];
  const appConfig = {
    cluster: "localnet",
    rpcUrl: localnet.rpcUrl,
    wsUrl: localnet.wsUrl,
    programId: PROGRAM_ID.toBase58(),
    pool: demo.pool,
    tiersUrl: `${assetsUrl}/tiers.csv`,
    devWalletSecretKey: key(demo.walletKeypairPath),
    devWallets: [{ label: "creator", secretKey: key(demo.creatorKeypairPath) }],
  };
  const appDist = path.resolve("app", "dist");
  const app = fs.existsSync(path.join(appDist, "index.html"))
    ? await startAssetServer(appDist, options.appPort, {
        spa: true,
        generated: { "/config.json": JSON.stringify(appConfig) },
      })
    : null;

  console.log(`
Web app    ${app ? `http://127.0.0.1:${options.appPort}/` : "(not built: run npm start, which builds it)"}
Local chain ready in ${((Date.now() - started) / 1000).toFixed(1)} s${localnet.restored ? " (restored)" : ""}
  RPC        ${localnet.rpcUrl}
  WebSocket  ${localnet.wsUrl}
  Pictures   ${assetsUrl}
  Program    ${PROGRAM_ID.toBase58()}
  Pool       ${demo.pool}
  Collection ${demo.collection}
  Demo wallet ${demo.wallet} (${demo.walletNfts} NFTs, 100 SOL)
    keypair  ${demo.walletKeypairPath}  (dev keypair: import it into a wallet for the local chain)
  Creator    keypair ${demo.creatorKeypairPath}
In the app, "Connect wallet" → "Local dev wallet" (the demo holder) or "creator".
Ctrl-C stops and keeps the state; --reset starts fresh.`);

  const stop = async () => {
    console.log("\nStopping (saving state)…");
    assets.close();
    app?.close();
    await localnet.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
