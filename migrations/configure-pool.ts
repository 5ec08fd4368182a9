// Creates or updates a staking pool from a JSON description on any cluster:
//   npx ts-node migrations/configure-pool.ts --config pool.json --keypair authority.json \
//     [--url https://api.devnet.solana.com] [--dry-run]
// It never deploys programs; it configures pools (tiers, locks, streams, funding, perks).
import {
  Connection,
  Keypair,
  Transaction,
  sendAndConfirmTransaction,
  type PublicKey,
} from "@solana/web3.js";
import fs from "fs";
import { parseStakingError } from "@nft-staking/sdk";
import { configurePool, readPoolConfig, type ClusterAccess } from "./lib/pool-config";

/** Parsed command line. */
export interface CliOptions {
  url: string;
  keypair: string;
  config: string;
  dryRun: boolean;
}

/** Parses `--flag value` pairs; throws a usage message on anything missing or unknown. */
export function parseArgs(argv: string[]): CliOptions {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] ?? "";
    if (flag === "--dry-run") flags.set("dry-run", "true");
    else if (flag.startsWith("--") && argv[i + 1] !== undefined)
      flags.set(flag.slice(2), argv[++i] ?? "");
    else throw new Error(`unexpected argument ${flag}`);
  }
  const options = {
    url: flags.get("url") ?? "http://127.0.0.1:8899",
    keypair: flags.get("keypair") ?? "",
    config: flags.get("config") ?? "",
    dryRun: flags.has("dry-run"),
  };
  if (!options.keypair) throw new Error("--keypair <authority keypair JSON> is required");
  if (!options.config) throw new Error("--config <pool JSON> is required");
  return options;
}

/** Cluster access over JSON-RPC. */
export function rpcCluster(connection: Connection): ClusterAccess {
  return {
    getAccountData: async (address: PublicKey) =>
      (await connection.getAccountInfo(address))?.data ?? null,
    now: async () =>
      BigInt(
        (await connection.getBlockTime(await connection.getSlot())) ??
          Math.floor(Date.now() / 1000),
      ),
    send: async (instructions, signers) => {
      try {
        return await sendAndConfirmTransaction(
          connection,
          new Transaction().add(...instructions),
          signers,
        );
      } catch (error) {
        throw parseStakingError(error) ?? error;
      }
    },
  };
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const secret = JSON.parse(fs.readFileSync(options.keypair, "utf8")) as number[];
  const authority = Keypair.fromSecretKey(Uint8Array.from(secret));
  const cluster = rpcCluster(new Connection(options.url, "confirmed"));
  const { pool } = await configurePool(cluster, authority, readPoolConfig(options.config), {
    dryRun: options.dryRun,
    log: (line) => console.log(line),
  });
  console.log(`pool ${pool.toBase58()}`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
