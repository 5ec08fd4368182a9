import fs from "fs";
import path from "path";
import type { ClockState } from "./clock";
import type { TxRecord } from "./history";

/** One account in the snapshot: address, lamports (decimal string), owner, data (base64). */
export type SnapshotAccount = [address: string, lamports: string, owner: string, data: string];

/** The content of `<dataDir>/snapshot.json`. */
export interface SnapshotFile {
  version: 1;
  genesisHash: string;
  identity: string;
  transactionCount: number;
  clock: ClockState;
  accounts: SnapshotAccount[];
  /** Recent transactions, oldest first (so signatures, statuses and history survive restarts). */
  history: TxRecord[];
}

export const SNAPSHOT_FILE = "snapshot.json";

/**
 * Writes the snapshot atomically: a temporary file in the same directory is written and fsynced,
 * then renamed over the old one (and the directory fsynced), so a crash at any point leaves either
 * the old or the new snapshot, never a torn one.
 */
export async function writeSnapshot(dataDir: string, snapshot: SnapshotFile): Promise<void> {
  await fs.promises.mkdir(dataDir, { recursive: true });
  const file = path.join(dataDir, SNAPSHOT_FILE);
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  const handle = await fs.promises.open(temp, "w");
  try {
    await handle.writeFile(JSON.stringify(snapshot));
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.promises.rename(temp, file);
  const dir = await fs.promises.open(dataDir, "r");
  try {
    await dir.sync();
  } catch {
    // some file systems refuse to fsync a directory; the rename is still atomic
  } finally {
    await dir.close();
  }
}

/** Reads the snapshot, or null when there is none. Removes temporary files of interrupted writes. */
export function readSnapshot(dataDir: string): SnapshotFile | null {
  if (!fs.existsSync(dataDir)) return null;
  for (const name of fs.readdirSync(dataDir)) {
    if (name.startsWith(`${SNAPSHOT_FILE}.`) && name.endsWith(".tmp")) {
      fs.rmSync(path.join(dataDir, name), { force: true });
    }
  }
  const file = path.join(dataDir, SNAPSHOT_FILE);
  if (!fs.existsSync(file)) return null;
  let parsed: SnapshotFile;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8")) as SnapshotFile;
  } catch (e) {
    throw new Error(
      `cannot read ${file} (${(e as Error).message}); start with --reset to discard it`,
    );
  }
  if (parsed.version !== 1 || !Array.isArray(parsed.accounts) || !parsed.clock) {
    throw new Error(`${file} is not a localnet snapshot (version 1); start with --reset`);
  }
  parsed.history ??= [];
  return parsed;
}
