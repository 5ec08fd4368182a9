/**
 * The real third-party programs (Token Metadata, Token Auth Rules, Core, SPL Governance) in a
 * LiteSVM test chain, from the dumps `npm run programs` caches outside the repository.
 *
 * The dumps are not committed (they are third-party builds), so a fresh checkout may lack them.
 * A suite that needs one then says so loudly and is reported by mocha as pending — counted as
 * skipped by `npm test` — and never as passed.
 */
import {
  findCachedPrograms,
  type ProgramName,
  programsDir,
  type Svm,
  THIRD_PARTY_PROGRAMS,
  thirdPartyProgram,
} from "@nft-staking/localnet";

export { THIRD_PARTY_PROGRAMS, programsDir, thirdPartyProgram, type ProgramName };

/** What to do when a dump is missing. */
const HOW_TO_GET = "run `npm run programs` (see docs/architecture.md, Third-party programs)";

/** The cached files missing for `names`, as paths (empty when every dump is there). */
export function missingPrograms(names: readonly ProgramName[]): string[] {
  return findCachedPrograms(programsDir(), names).missing.map((m) => m.path);
}

/**
 * Adds the named programs to `svm` at their mainnet ids. Throws when a dump is missing: call it
 * from a `describeWithPrograms` suite's hooks, which are skipped in that case.
 */
export function loadPrograms(svm: Svm, names: readonly ProgramName[]): void {
  const { present, missing } = findCachedPrograms(programsDir(), names);
  if (missing.length > 0) {
    throw new Error(`missing ${missing.map((m) => m.path).join(", ")}: ${HOW_TO_GET}`);
  }
  for (const program of present) svm.addProgramFromFile(program.programId, program.path);
}

/**
 * `describe(title, fn)` when every dump in `names` is cached; otherwise one loud line on stderr
 * and `describe.skip`, so each of the suite's tests is reported pending rather than passed.
 * Because a skipped suite's hooks never run, create chains and load programs in `before` /
 * `beforeEach`, not in the `describe` body.
 */
export function describeWithPrograms(
  title: string,
  names: readonly ProgramName[],
  fn: (this: Mocha.Suite) => void,
): Mocha.Suite | void {
  const missing = missingPrograms(names);
  if (missing.length === 0) return describe(title, fn);
  console.error(`!!! SKIPPING "${title}": missing ${missing.join(", ")} — ${HOW_TO_GET} !!!`);
  return describe.skip(title, fn);
}
