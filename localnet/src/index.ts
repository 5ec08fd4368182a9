import type http from "http";
import type { AddressInfo } from "net";
import path from "path";
import type { PublicKey } from "@solana/web3.js";
import type { Svm } from "./svm";
import { Chain, type AccountInput } from "./chain";
import { createHttpServer } from "./http";
import { readSnapshot, writeSnapshot } from "./snapshot";
import { PubSub } from "./ws";

export interface LocalnetOptions {
  /** HTTP JSON-RPC port; default 8899. The WebSocket endpoint listens on rpcPort + 1. */
  rpcPort?: number;
  /** Default "127.0.0.1". */
  host?: string;
  /** Where the snapshot file lives; default ".localnet" in the working directory. */
  dataDir?: string;
  /** Ignore (and later overwrite) an existing snapshot. */
  reset?: boolean;
  /** Periodic snapshot interval (only when state changed); default 10_000; 0 disables. */
  snapshotIntervalMs?: number;
  /** Programs loaded on every start (programs are not snapshotted). */
  programs?: { programId: PublicKey; path: string }[];
  /** Largest accepted request body; default 1 MiB. Bigger requests get HTTP 413 + JSON-RPC -32600. */
  maxBodyBytes?: number;
}

export interface Localnet {
  rpcUrl: string;
  wsUrl: string;
  svm: Svm;
  /** Whether state came from a snapshot (false = fresh chain, needs seeding). */
  restored: boolean;
  /** Writes an account directly (tracked, so it is snapshotted) — used for seeding NFTs/metadata. */
  setAccount(address: PublicKey, account: AccountInput): void;
  airdrop(address: PublicKey, lamports: bigint): void;
  /** Moves the chain's unix time (and slot) forward by `seconds`; persists across restarts. */
  warp(seconds: number): void;
  snapshot(): Promise<void>;
  close(): Promise<void>;
}

function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** Starts LiteSVM behind HTTP JSON-RPC (rpcPort) and WebSocket (rpcPort + 1) endpoints. */
export async function startLocalnet(options: LocalnetOptions = {}): Promise<Localnet> {
  const host = options.host ?? "127.0.0.1";
  const rpcPort = options.rpcPort ?? 8899;
  if (!Number.isInteger(rpcPort) || rpcPort < 1 || rpcPort > 65534) {
    throw new Error(`rpcPort must be 1..65534 (the WebSocket uses rpcPort + 1), got ${rpcPort}`);
  }
  const dataDir = path.resolve(options.dataDir ?? ".localnet");
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const interval = options.snapshotIntervalMs ?? 10_000;
  const saved = options.reset ? null : readSnapshot(dataDir);
  const chain = new Chain(options.programs ?? [], saved);

  const httpServer = createHttpServer(chain, maxBodyBytes);
  const pubsub = new PubSub(chain, maxBodyBytes);
  await listen(httpServer, rpcPort, host);
  try {
    await listen(pubsub.server, rpcPort + 1, host);
  } catch (e) {
    await closeServer(httpServer);
    throw e;
  }
  const urlHost = host.includes(":") ? `[${host}]` : host;
  chain.rpcAddress = `${urlHost}:${rpcPort}`;
  // slots advance on their own, so slot subscribers and block height see time pass
  const ticker = setInterval(() => chain.clock.sync(), 100);
  ticker.unref();

  let writing: Promise<void> = Promise.resolve();
  const snapshot = (): Promise<void> => {
    const state = chain.toSnapshot(); // consistent: taken synchronously
    chain.dirty = false;
    writing = writing.catch(() => undefined).then(() => writeSnapshot(dataDir, state));
    return writing;
  };
  const periodic =
    interval > 0
      ? setInterval(() => {
          if (chain.dirty) {
            snapshot().catch((e: Error) =>
              console.error(`localnet: snapshot failed: ${e.message}`),
            );
          }
        }, interval)
      : undefined;
  periodic?.unref();
  if (!saved) await snapshot(); // a fresh chain is written at once: restarts keep its genesis

  let closing: Promise<void> | undefined;
  return {
    rpcUrl: `http://${urlHost}:${rpcPort}`,
    wsUrl: `ws://${urlHost}:${rpcPort + 1}`,
    svm: chain.svm,
    restored: saved !== null,
    setAccount: (address, account) => chain.setAccount(address, account),
    airdrop: (address, lamports) => {
      chain.airdrop(address, lamports);
    },
    warp: (seconds) => {
      chain.clock.warp(seconds);
      chain.dirty = true;
    },
    snapshot,
    close: () => {
      closing ??= (async () => {
        clearInterval(ticker);
        if (periodic) clearInterval(periodic);
        await Promise.all([closeServer(httpServer), pubsub.close()]);
        chain.clock.sync();
        await snapshot();
      })();
      return closing;
    },
  };
}

export * from "./svm";
export * from "./programs";
export type { AccountInput } from "./chain";
