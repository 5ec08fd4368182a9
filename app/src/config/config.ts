/**
 * Runtime configuration: the app reads `config.json` next to `index.html`, so one build serves
 * every cluster. Missing or partial files fall back to sane per-cluster defaults.
 */
import { PROGRAM_ID } from "@nft-staking/sdk";
import { PublicKey } from "@solana/web3.js";

export const CLUSTERS = ["localnet", "devnet", "mainnet-beta", "custom"] as const;
export type Cluster = (typeof CLUSTERS)[number];

export const CLUSTER_LABELS: Record<Cluster, string> = {
  localnet: "Local chain",
  devnet: "Devnet",
  "mainnet-beta": "Mainnet",
  custom: "Custom RPC",
};

/** A signing key for the local chain only (never honoured on other clusters). */
export interface DevWalletConfig {
  label: string;
  secretKey: number[];
}

export interface AppConfig {
  cluster: Cluster;
  rpcUrl: string;
  wsUrl?: string;
  programId: string;
  /** Pool the holder pages open by default. */
  pool?: string;
  /** Explorer base URL, or a template with `{signature}` / `{address}` placeholders. */
  explorer?: string;
  /** Where the default pool's tier list (`mint,tier` CSV) is published. */
  tiersUrl?: string;
  /** Local dev wallets (localnet only): from `devWalletSecretKey` and/or `devWallets`. */
  devWallets: DevWalletConfig[];
}

export const DEFAULT_RPC: Record<Exclude<Cluster, "custom">, string> = {
  localnet: "http://127.0.0.1:8899",
  devnet: "https://api.devnet.solana.com",
  "mainnet-beta": "https://api.mainnet-beta.solana.com",
};

const DEFAULT_WS: Partial<Record<Cluster, string>> = { localnet: "ws://127.0.0.1:8900" };

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Defaults for `cluster` (custom has no default URL: it falls back to localnet's). */
export function defaultConfig(cluster: Cluster, programId = PROGRAM_ID.toBase58()): AppConfig {
  return {
    cluster,
    rpcUrl: cluster === "custom" ? DEFAULT_RPC.localnet : DEFAULT_RPC[cluster],
    wsUrl: DEFAULT_WS[cluster],
    programId,
    devWallets: [],
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function optionalString(raw: Record<string, unknown>, key: string): string | undefined {
  const value = raw[key];
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string") throw new ConfigError(`config.json: "${key}" must be a string`);
  return value;
}

function checkUrl(value: string, key: string, protocols: string[]): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`config.json: "${key}" is not a URL: ${value}`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(`config.json: "${key}" must use ${protocols.join(" or ")}`);
  }
  return value;
}

function checkExplorer(value: string): string {
  checkUrl(value.replace(/\{(signature|address)\}/g, "x"), "explorer", ["http:", "https:"]);
  return value;
}

function checkAddress(value: string, key: string): string {
  try {
    return new PublicKey(value).toBase58();
  } catch {
    throw new ConfigError(`config.json: "${key}" is not a base58 address: ${value}`);
  }
}

function checkSecretKey(value: unknown, key: string): number[] {
  const ok =
    Array.isArray(value) &&
    value.length === 64 &&
    value.every((byte) => Number.isInteger(byte) && byte >= 0 && byte <= 255);
  if (!ok) throw new ConfigError(`config.json: "${key}" must be 64 bytes (a keypair file's array)`);
  return value as number[];
}

function parseDevWallets(raw: Record<string, unknown>): DevWalletConfig[] {
  const wallets: DevWalletConfig[] = [];
  if (raw.devWalletSecretKey !== undefined) {
    wallets.push({
      label: "Local dev wallet",
      secretKey: checkSecretKey(raw.devWalletSecretKey, "devWalletSecretKey"),
    });
  }
  if (raw.devWallets !== undefined) {
    if (!Array.isArray(raw.devWallets)) {
      throw new ConfigError('config.json: "devWallets" must be a list of { label, secretKey }');
    }
    raw.devWallets.forEach((entry: unknown, index) => {
      if (!isRecord(entry) || typeof entry.label !== "string" || entry.label.trim() === "") {
        throw new ConfigError(`config.json: devWallets[${index}] needs a "label"`);
      }
      wallets.push({
        label: `Local dev wallet (${entry.label.trim()})`,
        secretKey: checkSecretKey(entry.secretKey, `devWallets[${index}].secretKey`),
      });
    });
  }
  return wallets;
}

/**
 * Validates a parsed `config.json`. Unknown keys are ignored; every known key is checked and a
 * bad one throws a `ConfigError` naming it. Dev wallet keys are dropped outside localnet.
 */
export function parseConfig(raw: unknown): AppConfig {
  if (!isRecord(raw)) throw new ConfigError("config.json must hold a JSON object");
  const clusterValue = raw.cluster ?? "localnet";
  if (typeof clusterValue !== "string" || !(CLUSTERS as readonly string[]).includes(clusterValue)) {
    throw new ConfigError(`config.json: "cluster" must be one of ${CLUSTERS.join(", ")}`);
  }
  const cluster = clusterValue as Cluster;
  const defaults = defaultConfig(cluster);
  const rpcUrl = optionalString(raw, "rpcUrl");
  if (cluster === "custom" && !rpcUrl) {
    throw new ConfigError('config.json: a "custom" cluster needs an "rpcUrl"');
  }
  const wsUrl = optionalString(raw, "wsUrl");
  const programId = optionalString(raw, "programId");
  const pool = optionalString(raw, "pool");
  const explorer = optionalString(raw, "explorer");
  const tiersUrl = optionalString(raw, "tiersUrl");
  const devWallets = parseDevWallets(raw);
  return {
    cluster,
    rpcUrl: rpcUrl ? checkUrl(rpcUrl, "rpcUrl", ["http:", "https:"]) : defaults.rpcUrl,
    wsUrl: wsUrl ? checkUrl(wsUrl, "wsUrl", ["ws:", "wss:"]) : rpcUrl ? undefined : defaults.wsUrl,
    programId: programId ? checkAddress(programId, "programId") : defaults.programId,
    pool: pool ? checkAddress(pool, "pool") : undefined,
    explorer: explorer ? checkExplorer(explorer) : undefined,
    tiersUrl: tiersUrl ? checkUrl(tiersUrl, "tiersUrl", ["http:", "https:"]) : undefined,
    // A private key in a public deployment's config would be everyone's key: localnet only.
    devWallets: cluster === "localnet" ? devWallets : [],
  };
}

/** What `loadConfig` found: the config, where it came from, and a problem to show if any. */
export interface LoadedConfig {
  config: AppConfig;
  source: "file" | "defaults";
  problem?: string;
}

/** The cluster to assume without a config file: localnet when served from this machine. */
export function fallbackCluster(hostname: string): Cluster {
  return ["localhost", "127.0.0.1", "[::1]"].includes(hostname) ? "localnet" : "devnet";
}

/**
 * Fetches and validates `config.json` (relative to the page). A missing file means defaults;
 * an invalid one means defaults plus a `problem` the app shows, never a blank page.
 */
export async function loadConfig(
  fetchFn: typeof fetch = fetch,
  url = "config.json",
  hostname = typeof location === "undefined" ? "localhost" : location.hostname,
): Promise<LoadedConfig> {
  const fallback = defaultConfig(fallbackCluster(hostname));
  let response: Response;
  try {
    response = await fetchFn(url, { cache: "no-store" });
  } catch (error) {
    return { config: fallback, source: "defaults", problem: `config.json: ${String(error)}` };
  }
  if (response.status === 404) return { config: fallback, source: "defaults" };
  if (!response.ok) {
    return {
      config: fallback,
      source: "defaults",
      problem: `config.json: HTTP ${response.status}`,
    };
  }
  try {
    const text = await response.text();
    // Static servers answer unknown paths with index.html: that is "no config", not an error.
    if (text.trimStart().startsWith("<")) return { config: fallback, source: "defaults" };
    return { config: parseConfig(JSON.parse(text)), source: "file" };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { config: fallback, source: "defaults", problem: message };
  }
}

/** A user's cluster choice from the picker (kept in localStorage). */
export interface ClusterChoice {
  cluster: Cluster;
  rpcUrl?: string;
}

/**
 * The configuration in effect: the file's own cluster as configured, another cluster with its
 * defaults (same program id; no default pool; dev wallets only on localnet).
 */
export function applyClusterChoice(config: AppConfig, choice: ClusterChoice | null): AppConfig {
  if (!choice || (choice.cluster === config.cluster && choice.cluster !== "custom")) return config;
  if (choice.cluster === "custom" && config.cluster === "custom" && !choice.rpcUrl) return config;
  const base = defaultConfig(choice.cluster, config.programId);
  const rpcUrl = choice.cluster === "custom" && choice.rpcUrl ? choice.rpcUrl : base.rpcUrl;
  const same = rpcUrl === config.rpcUrl;
  return {
    ...base,
    rpcUrl,
    wsUrl: same ? config.wsUrl : base.wsUrl,
    pool: same ? config.pool : undefined,
    tiersUrl: same ? config.tiersUrl : undefined,
    explorer: same ? config.explorer : undefined,
    devWallets:
      choice.cluster === "localnet" && config.cluster === "localnet" ? config.devWallets : [],
  };
}

const EXPLORER = "https://explorer.solana.com";

function explorerLink(config: AppConfig, kind: "tx" | "address", value: string): string | null {
  if (config.explorer) {
    const template = config.explorer;
    if (template.includes("{signature}") || template.includes("{address}")) {
      return template.replace("{signature}", value).replace("{address}", value);
    }
    return `${template.replace(/\/$/, "")}/${kind}/${value}`;
  }
  if (config.cluster === "mainnet-beta") return `${EXPLORER}/${kind}/${value}`;
  if (config.cluster === "devnet") return `${EXPLORER}/${kind}/${value}?cluster=devnet`;
  return null; // a local or private chain: no public explorer can see it
}

/** Explorer link of a transaction, or `null` where no explorer applies (local chain). */
export function explorerTxUrl(config: AppConfig, signature: string): string | null {
  return explorerLink(config, "tx", signature);
}

/** Explorer link of an account, or `null` where no explorer applies. */
export function explorerAddressUrl(config: AppConfig, address: string): string | null {
  return explorerLink(config, "address", address);
}
