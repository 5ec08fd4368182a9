/**
 * Keeps LiteSVM 0.8 from aborting Node: see native/fpu.c. `fpuReset()` returns the function to
 * call after every LiteSVM execution: the EMMS addon (compiled once with the system C compiler
 * into native/build/, ~0.1 s), or, without a compiler, a JS probe that only detects the problem
 * and warns once.
 */
import { execFileSync } from "child_process";
import { createHash } from "crypto";
import fs from "fs";
import path from "path";

const SOURCE = path.join(__dirname, "..", "native", "fpu.c");
const BUILD_DIR = path.join(__dirname, "..", "native", "build");

/** How x87 state is cleaned after LiteSVM runs: the native fix, or detection only. */
export interface FpuGuard {
  /** "emms": the native fix is active; "probe": detection only (no C compiler). */
  mode: "emms" | "probe";
  /** Call right after every LiteSVM transaction/simulation/airdrop. */
  clear(): void;
}

let guard: FpuGuard | undefined;

/** A double `%` on heap numbers: V8 computes it with x87 instructions, so it is NaN when dirty. */
function probeModulo(a: number, b: number): number {
  return a % b;
}

function build(): string {
  const source = fs.readFileSync(SOURCE);
  const key = createHash("sha256")
    .update(source)
    .update(`${process.versions.modules}-${process.arch}-${process.platform}`)
    .digest("hex")
    .slice(0, 16);
  const target = path.join(BUILD_DIR, `fpu-${key}.node`);
  if (fs.existsSync(target)) return target;
  fs.mkdirSync(BUILD_DIR, { recursive: true });
  const temp = `${target}.${process.pid}.tmp`;
  const compiler = process.env.CC ?? "cc";
  execFileSync(compiler, ["-shared", "-fPIC", "-O2", "-o", temp, SOURCE], {
    stdio: "pipe",
    timeout: 60_000,
  });
  fs.renameSync(temp, target); // atomic: concurrent starts never load a half-written file
  return target;
}

/** The guard for this process (built and loaded once). */
export function fpuGuard(): FpuGuard {
  if (guard) return guard;
  if (process.arch !== "x64" && process.arch !== "ia32") {
    guard = { mode: "emms", clear: () => undefined }; // no x87 elsewhere
    return guard;
  }
  try {
    const addon = { exports: {} as { clear?: () => void } };
    process.dlopen(addon, build());
    const clear = addon.exports.clear;
    if (typeof clear !== "function") throw new Error("fpu addon has no clear()");
    guard = { mode: "emms", clear };
  } catch (e) {
    let warned = false;
    console.warn(
      `localnet: could not build the x87 fix (${(e as Error).message.split("\n")[0]}); ` +
        "programs making indirect calls (e.g. Memo) may abort LiteSVM 0.8 (litesvm#396)",
    );
    guard = {
      mode: "probe",
      clear: () => {
        if (!warned && Number.isNaN(probeModulo(-0, 64))) {
          warned = true;
          console.warn("localnet: LiteSVM left the x87 FPU dirty; this process may abort soon");
        }
      },
    };
  }
  return guard;
}
