/**
 * Child process of the kill -9 test: writes large snapshots to `argv[2]` in a loop, forever.
 * Each snapshot's `transactionCount` equals its number of accounts, so a reader can tell a whole
 * snapshot from a torn one.
 */
import { writeSnapshot, type SnapshotFile } from "../src/snapshot";

const dataDir = process.argv[2] as string;

async function main(): Promise<void> {
  for (let n = 1; ; n++) {
    const count = 20_000 + (n % 1000);
    const snapshot: SnapshotFile = {
      version: 1,
      genesisHash: "11111111111111111111111111111111",
      identity: "11111111111111111111111111111111",
      transactionCount: count,
      clock: { slot: n, unixTimestamp: n, offsetSeconds: 0, blockhashes: [] },
      accounts: Array.from({ length: count }, (_, i) => [
        String(i),
        String(n),
        "11111111111111111111111111111111",
        "A".repeat(200),
      ]),
      history: [],
    };
    await writeSnapshot(dataDir, snapshot);
    if (n === 1) process.stdout.write("ready\n");
  }
}

void main();
