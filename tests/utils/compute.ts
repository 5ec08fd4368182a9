/** Compute units measured by the instruction suites, printed once at the end of the run. */
const measured = new Map<string, number>();

/** Records the compute units one instruction used (deterministic in LiteSVM). */
export function recordComputeUnits(label: string, computeUnits: number): void {
  measured.set(label, computeUnits);
}

after(() => {
  if (measured.size === 0) return;
  console.log("\n  Compute units used:");
  for (const [label, cu] of [...measured].sort()) console.log(`    ${label.padEnd(28)} ${cu}`);
});
