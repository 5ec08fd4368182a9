// `npm run programs`: puts the third-party programs the tests and the local chain need (Token
// Metadata, Token Auth Rules, Core, SPL Governance) into the cache directory
// (~/.cache/nft-staking/programs, or $NFT_STAKING_PROGRAMS) and writes its manifest.json.
//
//   npm run programs                         dump them from mainnet-beta
//   npm run programs -- --url <rpc>          dump them from another cluster RPC
//   npm run programs -- --verify             no network: hash the files already there, compare
//                                            them with the reference dumps, write the manifest
//
// The binaries are third-party builds: they live only in the cache, never in the repository.
// See docs/architecture.md ("Third-party programs") for where the reference dumps come from.
import { createHash } from "crypto";
import fs from "fs";
import path from "path";
import { Connection, PublicKey } from "@solana/web3.js";
import {
  type Manifest,
  MANIFEST_FILE,
  type ManifestEntry,
  PROGRAMS_DIR_ENV,
  programsDir,
  readManifest,
  THIRD_PARTY_PROGRAMS,
  type ThirdPartyProgram,
} from "@nft-staking/localnet";

const DEFAULT_URL = "https://api.mainnet-beta.solana.com";
const GENERATOR = "scripts/programs.ts (npm run programs)";
const USAGE = `usage: npm run programs -- [--url <rpc>] [--verify|--check]
  dumps into ${programsDir()} (set ${PROGRAMS_DIR_ENV} to change it)`;

const UPGRADEABLE_LOADER = "BPFLoaderUpgradeab1e11111111111111111111111";
/** Loaders whose program account holds the ELF itself (no programdata account). */
const PLAIN_LOADERS = [
  "BPFLoader2111111111111111111111111111111111",
  "BPFLoader1111111111111111111111111111111111",
];
/** UpgradeableLoaderState::ProgramData: u32 tag, u64 slot, Option<Pubkey> authority (1 + 32). */
const PROGRAMDATA_HEADER = 45;
/** The source of a file that is neither the reference dump nor one this script wrote. */
const UNKNOWN = "unknown";

interface Options {
  url: string;
  verify: boolean;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { url: DEFAULT_URL, verify: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--verify" || arg === "--check") options.verify = true;
    else if (arg === "--url") options.url = argv[++i] ?? "";
    else if (arg.startsWith("--url=")) options.url = arg.slice("--url=".length);
    else if (arg === "--help" || arg === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown argument ${arg}\n${USAGE}`);
  }
  if (!options.url) throw new Error(`--url needs a value\n${USAGE}`);
  return options;
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function repositorySource(program: ThirdPartyProgram): string {
  const { repo, commit, path: file } = program.repository;
  return `repository ${repo}@${commit}:${file}`;
}

/**
 * The program's ELF as `solana program dump` writes it: for the upgradeable loader, the
 * programdata account's bytes after its 45-byte header, as they are. The trailing zero padding
 * (the programdata account is allocated bigger than the ELF for later upgrades) is kept, so the
 * file hashes like every other mainnet dump; LiteSVM and the validator load it unchanged.
 */
async function dumpProgram(connection: Connection, programId: PublicKey): Promise<Buffer> {
  const program = await connection.getAccountInfo(programId);
  if (!program) throw new Error(`no account at ${programId.toBase58()}`);
  if (!program.executable) throw new Error(`${programId.toBase58()} is not executable`);
  const owner = program.owner.toBase58();
  let elf: Buffer;
  if (owner === UPGRADEABLE_LOADER) {
    if (program.data.length < 36 || program.data.readUInt32LE(0) !== 2) {
      throw new Error(`${programId.toBase58()}: not an upgradeable-loader Program account`);
    }
    const programData = new PublicKey(program.data.subarray(4, 36));
    const data = await connection.getAccountInfo(programData);
    if (!data || data.data.length <= PROGRAMDATA_HEADER || data.data.readUInt32LE(0) !== 3) {
      throw new Error(`${programData.toBase58()}: not a ProgramData account`);
    }
    elf = data.data.subarray(PROGRAMDATA_HEADER);
  } else if (PLAIN_LOADERS.includes(owner)) {
    elf = program.data;
  } else {
    throw new Error(`${programId.toBase58()}: owned by ${owner}, a loader this script cannot dump`);
  }
  if (elf.subarray(0, 4).toString("latin1") !== "\x7fELF") {
    throw new Error(`${programId.toBase58()}: the dumped bytes are not an ELF`);
  }
  return elf;
}

/** Writes through a temporary file, so an interrupted run never leaves half a program. */
function writeAtomically(file: string, bytes: Uint8Array): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, bytes);
  fs.renameSync(tmp, file);
}

function compareWithReference(program: ThirdPartyProgram, hash: string): string {
  return hash === program.sha256
    ? "the reference dump"
    : `NOT the reference dump (${program.sha256}): another build; tests may behave differently`;
}

async function dumpAll(dir: string, url: string, previous: Manifest | null): Promise<boolean> {
  const connection = new Connection(url, "confirmed");
  console.log(`Dumping ${THIRD_PARTY_PROGRAMS.length} programs from ${url} into ${dir}`);
  const entries: ManifestEntry[] = [];
  let ok = true;
  for (const program of THIRD_PARTY_PROGRAMS) {
    const file = path.join(dir, program.file);
    try {
      const elf = await dumpProgram(connection, new PublicKey(program.programId));
      writeAtomically(file, elf);
      const hash = sha256(elf);
      entries.push({
        name: program.name,
        file: program.file,
        programId: program.programId,
        sha256: hash,
        size: elf.length,
        source: url,
        fetchedAt: new Date().toISOString(),
      });
      console.log(
        `  ${program.file}  ${elf.length} B  sha256 ${hash}  ${compareWithReference(program, hash)}`,
      );
    } catch (e) {
      ok = false;
      console.error(`  ${program.file}  FAILED: ${(e as Error).message}`);
      // a file already there stays described as it was (or as --verify would describe it)
      const kept = describeExisting(program, file, previous);
      if (kept) entries.push(kept.entry);
    }
  }
  writeManifest(dir, entries);
  return ok;
}

/** How a file already in the cache is recorded, and whether it is one we know. */
function describeExisting(
  program: ThirdPartyProgram,
  file: string,
  previous: Manifest | null,
): { entry: ManifestEntry; status: string; known: boolean } | null {
  if (!fs.existsSync(file)) return null;
  const bytes = fs.readFileSync(file);
  const hash = sha256(bytes);
  const earlier = previous?.programs.find(
    (e) => e.name === program.name && e.sha256 === hash && e.source !== UNKNOWN,
  );
  const base = { name: program.name, file: program.file, programId: program.programId };
  const entry: ManifestEntry = earlier
    ? {
        ...base,
        sha256: hash,
        size: bytes.length,
        source: earlier.source,
        fetchedAt: earlier.fetchedAt,
      }
    : {
        ...base,
        sha256: hash,
        size: bytes.length,
        source: hash === program.sha256 ? repositorySource(program) : UNKNOWN,
        // when the file was put into the cache: the closest thing to a fetch time we have
        fetchedAt: fs.statSync(file).mtime.toISOString(),
      };
  const isElf = bytes.subarray(0, 4).toString("latin1") === "\x7fELF";
  if (!isElf) return { entry, status: "NOT AN ELF", known: false };
  if (hash === program.sha256) return { entry, status: "ok (reference dump)", known: true };
  if (earlier) {
    return {
      entry,
      status: `ok (as in the manifest, from ${earlier.source}; not the reference)`,
      known: true,
    };
  }
  return { entry, status: `UNKNOWN sha256, expected ${program.sha256}`, known: false };
}

function verifyAll(dir: string, previous: Manifest | null): boolean {
  console.log(
    `Checking ${dir} against the reference dumps (docs/architecture.md, "Third-party programs")`,
  );
  const entries: ManifestEntry[] = [];
  let ok = true;
  for (const program of THIRD_PARTY_PROGRAMS) {
    const file = path.join(dir, program.file);
    const found = describeExisting(program, file, previous);
    if (!found) {
      ok = false;
      console.log(`  ${program.file}  MISSING`);
      continue;
    }
    ok &&= found.known;
    entries.push(found.entry);
    console.log(
      `  ${program.file}  ${found.entry.size} B  sha256 ${found.entry.sha256}  ${found.status}`,
    );
  }
  writeManifest(dir, entries);
  if (!ok) {
    console.log(
      "Run `npm run programs` on a machine with a cluster RPC, or see docs/architecture.md (Third-party programs).",
    );
  }
  return ok;
}

function writeManifest(dir: string, programs: ManifestEntry[]): void {
  const manifest: Manifest = { generator: GENERATOR, programs };
  writeAtomically(
    path.join(dir, MANIFEST_FILE),
    Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`),
  );
  console.log(
    `Wrote ${path.join(dir, MANIFEST_FILE)} (${programs.length} of ${THIRD_PARTY_PROGRAMS.length} programs)`,
  );
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const dir = programsDir();
  fs.mkdirSync(dir, { recursive: true });
  const previous = readManifest(dir);
  const ok = options.verify ? verifyAll(dir, previous) : await dumpAll(dir, options.url, previous);
  process.exit(ok ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
