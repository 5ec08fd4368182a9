/**
 * Starts the local chain until SIGINT/SIGTERM (then stops the servers and writes a final snapshot).
 *
 *   npx ts-node localnet/src/cli.ts [--rpc-port N] [--host H] [--data-dir D] [--reset]
 *                                   [--program <id>=<path.so>]... [--programs-dir D]
 *
 * RPC_PORT sets the port when --rpc-port is absent; the WebSocket endpoint is on port + 1.
 * --programs-dir loads the third-party dumps found there (Token Metadata, Token Auth Rules, Core,
 * SPL Governance: see ./programs.ts; `npm run programs` fills ~/.cache/nft-staking/programs).
 */
import { PublicKey } from "@solana/web3.js";
import { startLocalnet, type LocalnetOptions } from "./index";
import { describeCachedPrograms, findCachedPrograms } from "./programs";

const USAGE =
  "usage: cli.ts [--rpc-port N] [--host H] [--data-dir D] [--reset] [--program <id>=<path.so>]...\n" +
  "              [--programs-dir D]";

function parseArgs(argv: string[]): LocalnetOptions {
  const options: LocalnetOptions = { programs: [] };
  const envPort = process.env.RPC_PORT;
  if (envPort) options.rpcPort = Number(envPort);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.indexOf("=");
    const [flag, inline] =
      arg.startsWith("--") && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    const value = (): string => {
      const next = inline ?? argv[++i];
      if (next === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
      return next;
    };
    switch (flag) {
      case "--rpc-port":
        options.rpcPort = Number(value());
        break;
      case "--host":
        options.host = value();
        break;
      case "--data-dir":
        options.dataDir = value();
        break;
      case "--reset":
        options.reset = true;
        break;
      case "--program": {
        const spec = value();
        const split = spec.indexOf("=");
        if (split < 0) throw new Error(`--program wants <id>=<path.so>, got ${spec}`);
        options.programs?.push({
          programId: new PublicKey(spec.slice(0, split)),
          path: spec.slice(split + 1),
        });
        break;
      }
      case "--programs-dir": {
        const dir = value();
        const found = findCachedPrograms(dir);
        console.log(describeCachedPrograms(found, dir));
        options.programs?.push(...found.present);
        break;
      }
      case "--help":
      case "-h":
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown argument ${arg}\n${USAGE}`);
    }
  }
  return options;
}

async function main(): Promise<void> {
  const localnet = await startLocalnet(parseArgs(process.argv.slice(2)));
  console.log(`localnet ${localnet.restored ? "restored from snapshot" : "started fresh"}`);
  console.log(`  RPC:       ${localnet.rpcUrl}`);
  console.log(`  WebSocket: ${localnet.wsUrl}`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      console.error(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    console.log(`${signal}: stopping, writing the snapshot…`);
    localnet.close().then(
      () => process.exit(0),
      (e: Error) => {
        console.error(`localnet: close failed: ${e.message}`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});
