// `npm run bench:fresh-clone [-- --runs N]`: what a newcomer's first `npm test` costs. Clones
// HEAD into a temporary directory and runs `bash .ci/run` there (npm install from the registry,
// the program and SDK builds from nothing, every suite), N times in a row in the same clone
// (the first run is the cold one). Writes bench/fresh-clone.json, which `npm run bench` renders.
import { execFileSync, spawnSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";

const ROOT = path.join(__dirname, "..");

/** One `npm test` in the clone: seconds and its closing "N passed, N failed, N skipped" line. */
export interface FreshCloneRun {
  seconds: number;
  summary: string;
  ok: boolean;
}

/** bench/fresh-clone.json. */
export interface FreshCloneResult {
  date: string;
  commit: string;
  runs: FreshCloneRun[];
}

function main(): void {
  const index = process.argv.indexOf("--runs");
  const runs = index >= 0 ? Number(process.argv[index + 1]) : 1;
  const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT }).toString();
  const clone = fs.mkdtempSync(path.join(os.tmpdir(), "nft-staking-fresh-"));
  execFileSync("git", ["clone", "--quiet", ROOT, clone]);
  const results: FreshCloneRun[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      const start = process.hrtime.bigint();
      const child = spawnSync("bash", [".ci/run"], { cwd: clone, encoding: "utf8" });
      const seconds = Math.round(Number(process.hrtime.bigint() - start) / 1e9);
      const lines = `${child.stdout}`.trimEnd().split("\n");
      const summary =
        [...lines].reverse().find((line) => / passed, \d+ failed/.test(line)) ?? "(no summary)";
      results.push({ seconds, summary, ok: child.status === 0 });
      console.log(`run ${run + 1}/${runs}: ${seconds} s, ${summary}`);
    }
  } finally {
    fs.rmSync(clone, { recursive: true, force: true });
  }
  const result: FreshCloneResult = {
    date: new Date().toISOString().slice(0, 10),
    commit: commit.trim(),
    runs: results,
  };
  fs.writeFileSync(
    path.join(__dirname, "fresh-clone.json"),
    JSON.stringify(result, null, 2) + "\n",
  );
  if (results.some((r) => !r.ok)) process.exitCode = 1;
}

if (require.main === module) main();
