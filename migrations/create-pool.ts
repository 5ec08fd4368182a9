// Creates a staking pool on any cluster: `npx ts-node migrations/create-pool.ts --url <rpc>
// --keypair <authority.json> --collection <mint> [--creator <key>] [--pool-id 1]
// [--weight 1] [--uri <uri>] [--dry-run]`. It never deploys programs; it configures pools.
import fs from "fs";
import {
  Connection,
  Keypair,
  PublicKey,
  Transaction,
  sendAndConfirmTransaction,
} from "@solana/web3.js";
import { findPoolAddress, initializePoolInstruction, parseStakingError } from "@nft-staking/sdk";

/** Parsed command line. */
export interface CreatePoolOptions {
  url: string;
  keypair: string;
  poolId: bigint;
  collection: PublicKey | null;
  creator: PublicKey | null;
  weight: number;
  uri: string;
  dryRun: boolean;
}

/** Parses `--flag value` pairs; throws with a usage message on anything missing or malformed. */
export function parseArgs(argv: string[]): CreatePoolOptions {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] ?? "";
    if (flag === "--dry-run") flags.set("dry-run", "true");
    else if (flag.startsWith("--")) flags.set(flag.slice(2), argv[++i] ?? "");
    else throw new Error(`unexpected argument ${flag}`);
  }
  const key = (name: string) => (flags.get(name) ? new PublicKey(flags.get(name) as string) : null);
  const options: CreatePoolOptions = {
    url: flags.get("url") ?? "http://127.0.0.1:8899",
    keypair: flags.get("keypair") ?? "",
    poolId: BigInt(flags.get("pool-id") ?? "1"),
    collection: key("collection"),
    creator: key("creator"),
    weight: Number(flags.get("weight") ?? "1"),
    uri: flags.get("uri") ?? "",
    dryRun: flags.has("dry-run"),
  };
  if (!options.keypair) throw new Error("--keypair <authority keypair JSON> is required");
  if (!options.collection && !options.creator)
    throw new Error("--collection or --creator is required");
  if (!Number.isInteger(options.weight) || options.weight <= 0)
    throw new Error("--weight must be a positive integer");
  return options;
}

/** Builds the transaction that creates the pool; returns it with the pool address. */
export async function buildCreatePool(options: CreatePoolOptions, authority: PublicKey) {
  const ix = await initializePoolInstruction({
    authority,
    poolId: options.poolId,
    collection: options.collection,
    creator: options.creator,
    defaultTierWeight: options.weight,
    uri: options.uri,
  });
  const [pool] = findPoolAddress(authority, options.poolId);
  return { pool, transaction: new Transaction().add(ix) };
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const secret = JSON.parse(fs.readFileSync(options.keypair, "utf8")) as number[];
  const authority = Keypair.fromSecretKey(Uint8Array.from(secret));
  const { pool, transaction } = await buildCreatePool(options, authority.publicKey);
  console.log(
    `pool ${pool.toBase58()} (authority ${authority.publicKey.toBase58()}, id ${options.poolId})`,
  );
  if (options.dryRun) {
    console.log("dry run: not sent");
    return;
  }
  const connection = new Connection(options.url, "confirmed");
  try {
    const signature = await sendAndConfirmTransaction(connection, transaction, [authority]);
    console.log(`created: ${signature}`);
  } catch (error) {
    const stakingError = parseStakingError(error);
    throw stakingError ?? error;
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
