import { describe, expect, it } from "vitest";
import { Keypair } from "@solana/web3.js";
import { PROGRAM_ID } from "@nft-staking/sdk";
import {
  applyClusterChoice,
  explorerAddressUrl,
  explorerTxUrl,
  loadConfig,
  parseConfig,
} from "./config";

const secretKey = Array.from(Keypair.generate().secretKey);
const pool = Keypair.generate().publicKey.toBase58();

function serve(status: number, body: string): typeof fetch {
  return (async () => new Response(body, { status })) as unknown as typeof fetch;
}

describe("parseConfig", () => {
  it("reads a local chain config with its dev wallet", () => {
    const config = parseConfig({
      cluster: "localnet",
      rpcUrl: "http://127.0.0.1:8899",
      wsUrl: "ws://127.0.0.1:8900",
      programId: PROGRAM_ID.toBase58(),
      pool,
      devWalletSecretKey: secretKey,
      devWallets: [{ label: "creator", secretKey }],
    });
    expect(config).toMatchObject({ cluster: "localnet", pool, wsUrl: "ws://127.0.0.1:8900" });
    expect(config.devWallets.map((wallet) => wallet.label)).toEqual([
      "Local dev wallet",
      "Local dev wallet (creator)",
    ]);
  });

  it("fills per-cluster defaults and never keeps dev keys off localnet", () => {
    const config = parseConfig({ cluster: "devnet", devWalletSecretKey: secretKey });
    expect(config.rpcUrl).toBe("https://api.devnet.solana.com");
    expect(config.programId).toBe(PROGRAM_ID.toBase58());
    expect(config.devWallets).toEqual([]);
  });

  it("names the bad field", () => {
    expect(() => parseConfig({ cluster: "testnet" })).toThrow('"cluster"');
    expect(() => parseConfig({ cluster: "custom" })).toThrow('needs an "rpcUrl"');
    expect(() => parseConfig({ rpcUrl: "ftp://x" })).toThrow('"rpcUrl"');
    expect(() => parseConfig({ pool: "nope" })).toThrow('"pool"');
    expect(() => parseConfig({ devWalletSecretKey: [1, 2, 3] })).toThrow("64 bytes");
  });
});

describe("loadConfig", () => {
  it("uses the file when it is there", async () => {
    const loaded = await loadConfig(serve(200, JSON.stringify({ cluster: "mainnet-beta" })));
    expect(loaded.source).toBe("file");
    expect(loaded.config.rpcUrl).toBe("https://api.mainnet-beta.solana.com");
  });

  it("falls back to defaults for the host when there is none", async () => {
    const local = await loadConfig(serve(404, ""), "config.json", "127.0.0.1");
    expect(local).toMatchObject({ source: "defaults", config: { cluster: "localnet" } });
    const hosted = await loadConfig(
      serve(200, "<!doctype html>"),
      "config.json",
      "stake.example.com",
    );
    expect(hosted).toMatchObject({ source: "defaults", config: { cluster: "devnet" } });
    expect(hosted.problem).toBeUndefined();
  });

  it("reports a broken file instead of failing", async () => {
    const loaded = await loadConfig(serve(200, "{ not json"), "config.json", "localhost");
    expect(loaded.source).toBe("defaults");
    expect(loaded.problem).toBeTruthy();
  });
});

describe("cluster choice and explorer links", () => {
  const local = parseConfig({ cluster: "localnet", pool, devWalletSecretKey: secretKey });

  it("switching cluster drops the pool and the dev wallets", () => {
    const devnet = applyClusterChoice(local, { cluster: "devnet" });
    expect(devnet).toMatchObject({ cluster: "devnet", pool: undefined, devWallets: [] });
    expect(applyClusterChoice(local, { cluster: "localnet" })).toBe(local);
    const custom = applyClusterChoice(local, { cluster: "custom", rpcUrl: "https://rpc.example/" });
    expect(custom.rpcUrl).toBe("https://rpc.example/");
  });

  it("links to the explorer on public clusters only", () => {
    expect(explorerTxUrl(local, "SIG")).toBeNull();
    expect(explorerTxUrl(parseConfig({ cluster: "devnet" }), "SIG")).toBe(
      "https://explorer.solana.com/tx/SIG?cluster=devnet",
    );
    expect(explorerAddressUrl(parseConfig({ cluster: "mainnet-beta" }), "ADDR")).toBe(
      "https://explorer.solana.com/address/ADDR",
    );
    const custom = parseConfig({
      cluster: "devnet",
      explorer: "https://solscan.io/tx/{signature}?cluster=devnet",
    });
    expect(explorerTxUrl(custom, "SIG")).toBe("https://solscan.io/tx/SIG?cluster=devnet");
  });
});
