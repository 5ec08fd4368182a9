// The soak's numbers as markdown, shared by `npm run soak` (which writes them into
// bench/results.md) and `npm run bench` (which keeps the last soak's section when it rewrites it).
import fs from "fs";

/** What `npm run soak` measured (bench/soak.json). */
export interface SoakResult {
  date: string;
  rpc: {
    holders: number;
    nfts: number;
    transactions: number;
    failed: number;
    failures: string[];
    lowestStakerBump: number;
    p50ms: number;
    p95ms: number;
  };
  browser: {
    runs: number;
    passed: number;
    failed: number;
    secondsPerRun: number[];
    errors: string[];
  } | null;
}

const HEADING = "## Soak (`npm run soak`)";

/** The "Soak" section of bench/results.md. */
export function renderSoak(result: SoakResult): string[] {
  const { rpc, browser } = result;
  const lines = [
    HEADING,
    "",
    `Run on ${result.date}, against the local chain over JSON-RPC with the SDK's own transactions and compute-unit limits.`,
    "",
    `- ${rpc.holders} holders with fresh random keypairs, each a first stake of 1–6 NFTs (${rpc.nfts} NFTs) and an unstake of all: ${rpc.transactions} transactions, **${rpc.failed} failed**; lowest Staker bump met ${rpc.lowestStakerBump} (${255 - rpc.lowestStakerBump} proof steps); send-and-confirm p50 ${rpc.p50ms} ms, p95 ${rpc.p95ms} ms.`,
  ];
  for (const failure of rpc.failures) lines.push(`  - ${failure}`);
  if (browser) {
    lines.push(
      `- Browser flows (\`tests/app/flows.test.ts\`, each on a fresh chain) ${browser.runs}× in a row: **${browser.passed} passed, ${browser.failed} failed**; seconds per run ${browser.secondsPerRun.join(", ")}.`,
    );
    for (const error of browser.errors) lines.push(`  - ${error}`);
  } else {
    lines.push("- Browser flows: not run (`--browser-runs 0`).");
  }
  lines.push("");
  return lines;
}

/** The section as last written (null when no soak ran), for `npm run bench` to keep. */
export function readSoakSection(resultsMd: string): string[] | null {
  if (!fs.existsSync(resultsMd)) return null;
  const text = fs.readFileSync(resultsMd, "utf8");
  const start = text.indexOf(HEADING);
  if (start < 0) return null;
  const rest = text.slice(start);
  const next = rest.indexOf("\n## ", HEADING.length);
  return (next < 0 ? rest : rest.slice(0, next + 1)).trimEnd().split("\n").concat("");
}

/** Replaces (or appends) the section in bench/results.md. */
export function writeSoakSection(resultsMd: string, result: SoakResult): void {
  const text = fs.existsSync(resultsMd) ? fs.readFileSync(resultsMd, "utf8") : "# Benchmarks\n";
  const old = readSoakSection(resultsMd);
  const section = renderSoak(result).join("\n");
  const next = old
    ? text.replace(old.join("\n").trimEnd(), section.trimEnd())
    : `${text.trimEnd()}\n\n${section}`;
  fs.writeFileSync(resultsMd, next.endsWith("\n") ? next : `${next}\n`);
}
