/**
 * The third-party programs our program CPIs into (Metaplex Token Metadata and Core, with Token
 * Auth Rules, and SPL Governance), as dumps cached outside the repository.
 *
 * This is the one table of them: `scripts/programs.ts` (which fetches and verifies the dumps),
 * `tests/utils/programs.ts` (which loads them into LiteSVM for tests) and `scripts/start.ts` (the
 * local chain) all import it. Their binaries are third-party builds and are never committed: a
 * machine gets them with `npm run programs` (docs/architecture.md, "Third-party programs") into
 * `~/.cache/nft-staking/programs/`, or `$NFT_STAKING_PROGRAMS`.
 */
import fs from "fs";
import os from "os";
import path from "path";
import { PublicKey } from "@solana/web3.js";

/** Overrides the cache directory (absolute, or relative to the working directory). */
export const PROGRAMS_DIR_ENV = "NFT_STAKING_PROGRAMS";

/** Written next to the dumps by `npm run programs`: what each file is and where it came from. */
export const MANIFEST_FILE = "manifest.json";

export type ProgramName =
  "mpl_token_metadata" | "mpl_token_auth_rules" | "mpl_core" | "spl_governance";

/** A public repository holding a dump identical (by sha256) to the reference one. */
export interface RepositorySource {
  repo: string;
  commit: string;
  path: string;
}

export interface ThirdPartyProgram {
  name: ProgramName;
  /** File name in the cache directory. */
  file: string;
  programId: string;
  /**
   * sha256 of the reference dump the tests were written against. A fresh mainnet dump may differ
   * (the program was upgraded); `npm run programs --verify` says so, the tests still use it.
   */
  sha256: string;
  /** Where the reference dump was taken from on machines without a cluster RPC. */
  repository: RepositorySource;
}

/** The four programs, with the reference dumps listed in docs/architecture.md ("Third-party programs"). */
export const THIRD_PARTY_PROGRAMS: readonly ThirdPartyProgram[] = [
  {
    name: "mpl_token_metadata",
    file: "mpl_token_metadata.so",
    programId: "metaqbxxUerdq28cj1RbAWkYQm3ybzjb6a8bt518x1s",
    sha256: "a9e3bd2c9429a03900900c7b703f40a2d7f545bd19f2eb6ff53a81b85109e6e7",
    repository: {
      repo: "solana-program/token-wrap",
      commit: "278ed6e1ffca54ba5298a7bb619cf6554746a0cd",
      path: "program/tests/fixtures/mpl_token_metadata.so",
    },
  },
  {
    // Token Metadata invokes it for programmable NFTs, so it is loaded with it
    name: "mpl_token_auth_rules",
    file: "mpl_token_auth_rules.so",
    programId: "auth9SigNpDKz4sJJ1DfCTuZrZNSAgh9sFD3rboVmgg",
    sha256: "a8a81162784ad3fada83934ee3e8d5a380f6a2c81d620585b4db4400c7a63cde",
    repository: {
      repo: "metaplex-foundation/mpl-token-metadata",
      commit: "5b99f499b0a7ff9838f5c9bc0c2713fc323fc3d6",
      path: "configs/external-programs/mpl_token_auth_rules.so",
    },
  },
  {
    name: "mpl_core",
    file: "mpl_core.so",
    programId: "CoREENxT6tW1HoK8ypY1SxRMZTcVPm7R94rH4PZNhX7d",
    sha256: "c4f3b6f39824e1b82b3c7412bf69682b4c923c3fc28ce68e9d95becdf3d60ad4",
    repository: {
      repo: "Mythic-Project/governance-program-library",
      commit: "7aa8b06d1b6922a0aa48d010be6a31fc81293366",
      path: "programs/core-voter/tests/fixtures/mpl_core.so",
    },
  },
  {
    name: "spl_governance",
    file: "spl_governance.so",
    programId: "GovER5Lthms3bLBqWub97yVrMmEogzX7xNjdXpPPCVZW",
    sha256: "05c65f4c198583b0106caefe0a1d75ee7097b6facb13fee5892274e219172eca",
    repository: {
      repo: "Mythic-Project/governance-program-library",
      commit: "7aa8b06d1b6922a0aa48d010be6a31fc81293366",
      path: "programs/nft-voter/tests/fixtures/spl_governance.so",
    },
  },
];

/** The table entry for `name` (throws on a name not in the table: a typo, not a missing file). */
export function thirdPartyProgram(name: ProgramName): ThirdPartyProgram {
  const program = THIRD_PARTY_PROGRAMS.find((p) => p.name === name);
  if (!program) throw new Error(`unknown third-party program ${name}`);
  return program;
}

/** The cache directory: `$NFT_STAKING_PROGRAMS`, else `~/.cache/nft-staking/programs`. */
export function programsDir(env: NodeJS.ProcessEnv = process.env): string {
  const override = env[PROGRAMS_DIR_ENV];
  if (override) return path.resolve(override);
  return path.join(os.homedir(), ".cache", "nft-staking", "programs");
}

/** One file of `manifest.json`. */
export interface ManifestEntry {
  name: ProgramName;
  file: string;
  programId: string;
  sha256: string;
  size: number;
  /** A cluster RPC URL, or "repository <owner/repo>@<commit>:<path>". */
  source: string;
  /** ISO time the file was written to the cache. */
  fetchedAt: string;
}

export interface Manifest {
  /** What wrote it, so a reader knows how the entries were produced. */
  generator: string;
  programs: ManifestEntry[];
}

/** The manifest of `dir`, or null when there is none or it does not parse. */
export function readManifest(dir: string): Manifest | null {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST_FILE), "utf8")) as Manifest;
    return Array.isArray(manifest.programs) ? manifest : null;
  } catch {
    return null;
  }
}

/** A dump found in the cache, ready for `addProgramFromFile` / `startLocalnet({ programs })`. */
export interface CachedProgram {
  name: ProgramName;
  programId: PublicKey;
  path: string;
}

export interface CachedPrograms {
  present: CachedProgram[];
  /** Table entries with no file, with the path where the file was looked for. */
  missing: { name: ProgramName; path: string }[];
}

/**
 * The dumps present in `dir`. The manifest decides which file holds which program when it names
 * one (a user may have dumped from another cluster into another file name); otherwise the
 * table's file names are used. Only presence is checked here: hashing is `npm run programs
 * --verify`'s job, and a newer mainnet build is a legitimate dump.
 */
export function findCachedPrograms(
  dir: string = programsDir(),
  names: readonly ProgramName[] = THIRD_PARTY_PROGRAMS.map((p) => p.name),
): CachedPrograms {
  const manifest = readManifest(dir);
  const result: CachedPrograms = { present: [], missing: [] };
  for (const name of names) {
    const program = thirdPartyProgram(name);
    const entry = manifest?.programs.find(
      (e) => e.name === name && e.programId === program.programId,
    );
    // basename: a manifest names files in its own directory, nothing else
    const file = path.join(dir, path.basename(entry?.file ?? program.file));
    if (fs.existsSync(file)) {
      result.present.push({ name, programId: new PublicKey(program.programId), path: file });
    } else {
      result.missing.push({ name, path: file });
    }
  }
  return result;
}

/** One log line: which dumps of `found` are loaded and which are missing (and how to get them). */
export function describeCachedPrograms(found: CachedPrograms, dir: string = programsDir()): string {
  const loaded = found.present.map((p) => p.name).join(", ") || "none";
  const missing = found.missing.map((m) => m.name).join(", ");
  return (
    `Third-party programs from ${dir}: loaded ${loaded}` +
    (missing ? `; missing ${missing} (run \`npm run programs\`)` : "")
  );
}
