import { spawn, spawnSync, type ChildProcess } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import { freePort } from "@nft-staking/dev-kit";

export const ROOT = path.resolve(__dirname, "..", "..");
const VITE = path.join(ROOT, "node_modules", ".bin", "vite");

let built = false;

/**
 * `vite build app` (the production bundle the preview serves), once per test run; throws with
 * its output.
 */
export function buildApp(): void {
  if (built) return;
  built = true;
  const result = spawnSync(VITE, ["build", "app"], { cwd: ROOT, encoding: "utf8" });
  if (result.status !== 0)
    throw new Error(`vite build failed:\n${result.stdout}\n${result.stderr}`);
}

/** Writes an app config (see app/src/config/config.ts) to a temp file; returns its path. */
export function writeAppConfig(config: Record<string, unknown>): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "app-config-")), "config.json");
  fs.writeFileSync(file, JSON.stringify(config));
  return file;
}

export interface Preview {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the built app with `vite preview` on a free port; `/config.json` comes from
 * `configFile` when given (APP_CONFIG), else the app falls back to its defaults.
 */
export async function startPreview(options: { configFile?: string } = {}): Promise<Preview> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    VITE,
    ["preview", "app", "--host", "127.0.0.1", "--port", String(port), "--strictPort"],
    {
      cwd: ROOT,
      env: { ...process.env, ...(options.configFile ? { APP_CONFIG: options.configFile } : {}) },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`vite preview exited:\n${output}`);
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`vite preview did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill();
      }),
  };
}

/** A local chain started like `npm start` does (program deployed, demo seeded), for browser flows. */
export interface LocalChainProcess {
  dataDir: string;
  rpcUrl: string;
  stop(): Promise<void>;
}

/**
 * Runs `scripts/start.ts` (fresh, in a temp data dir, on free ports) and waits until it is ready.
 */
export async function startLocalChain(): Promise<LocalChainProcess> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "app-e2e-chain-"));
  let rpcPort = await freePort();
  while (rpcPort > 65_000) rpcPort = await freePort();
  const tsNode = path.join(ROOT, "node_modules", ".bin", "ts-node");
  const args = ["-P", "tsconfig.json", "scripts/start.ts", "--reset", "--data-dir", dataDir];
  const child = spawn(
    tsNode,
    [...args, "--rpc-port", String(rpcPort), "--app-port", String(await freePort())],
    { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`local chain not ready:\n${output}`)), 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Local chain ready")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", () => reject(new Error(`local chain exited:\n${output}`)));
  });
  return {
    dataDir,
    rpcUrl: `http://127.0.0.1:${rpcPort}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGINT");
      }),
  };
}
