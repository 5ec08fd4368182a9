import fs from "fs";
import path from "path";
import type { Page } from "playwright-core";
import { writeAppConfig } from "./server";

/** What `npm start` wrote about the demo (see migrations/lib/demo.ts). */
export interface DemoChain {
  dataDir: string;
  rpcUrl: string;
  wsUrl: string;
  assetsUrl: string;
  pool: string;
  collection: string;
  rewardMints: string[];
  wallet: string;
  walletKeypairPath: string;
  creatorKeypairPath: string;
}

/**
 * The running local chain, from its data dir and RPC URL (WebSocket on the next port, pictures
 * on the one after, as `npm start` does).
 */
export function demoChain(dataDir: string, rpcUrl: string): DemoChain {
  const demo = JSON.parse(fs.readFileSync(path.join(dataDir, "demo.json"), "utf8")) as Omit<
    DemoChain,
    "dataDir" | "rpcUrl" | "wsUrl" | "assetsUrl"
  >;
  const url = new URL(rpcUrl);
  const port = Number(url.port);
  return {
    ...demo,
    dataDir,
    rpcUrl,
    wsUrl: `ws://${url.hostname}:${port + 1}`,
    assetsUrl: `http://${url.hostname}:${port + 2}`,
  };
}

/** An app config for the demo chain with the holder's and the creator's dev wallets. */
export function demoAppConfig(chain: DemoChain, programId: string): string {
  const key = (file: string) => JSON.parse(fs.readFileSync(file, "utf8")) as number[];
  return writeAppConfig({
    cluster: "localnet",
    rpcUrl: chain.rpcUrl,
    wsUrl: chain.wsUrl,
    programId,
    pool: chain.pool,
    devWalletSecretKey: key(chain.walletKeypairPath),
    devWallets: [{ label: "creator", secretKey: key(chain.creatorKeypairPath) }],
  });
}

/** Opens the wallet list and connects the dev wallet named `name`. */
export async function connectDevWallet(page: Page, name: string): Promise<void> {
  await page
    .getByRole("button", { name: /^Connect wallet$/ })
    .first()
    .click();
  const item = page.locator(".wallet-adapter-modal-list button").filter({ hasText: name });
  await item
    .filter({ hasText: new RegExp(`^${name.replace(/[()]/g, "\\$&")}(Detected)?$`) })
    .click();
  await page.locator(".wallet-adapter-modal").waitFor({ state: "detached" });
}

/** Waits for the newest toast titled `title` to end, and returns its status and text. */
export async function toastOutcome(
  page: Page,
  title: string | RegExp,
  timeout = 60_000,
): Promise<{ status: string; text: string }> {
  const toast = page.locator(".toast").filter({ hasText: title }).last();
  await toast
    .and(page.locator('[data-status="confirmed"], [data-status="failed"]'))
    .waitFor({ timeout });
  return {
    status: (await toast.getAttribute("data-status")) ?? "",
    text: (await toast.textContent()) ?? "",
  };
}
