/**
 * Compute units measured by `npm run bench` on the real program (LiteSVM), used to set
 * `setComputeUnitLimit` so transactions request what they need instead of the 200k default
 * (cheaper priority fees, better packing by the scheduler). Re-measure when the program changes:
 * the CU budget test keeps the program at or below `bench/budgets.json`.
 */
export const MEASURED_CU = {
  /** `stake`: fixed part (a first stake creates the Staker: ~7.2k plus ~1.5k per bump try) and per NFT (~5.4k). */
  stakeBase: 9_000,
  stakePerNft: 5_500,
  /** `unstake`: fixed part (covers scanning ~500 records at ~13 CU each) and per NFT (~3.4k). */
  unstakeBase: 8_000,
  unstakePerNft: 3_500,
  /** `claim`: fixed part (~0.7k) and per stream (~2.35k: one token transfer CPI each). */
  claimBase: 1_000,
  claimPerStream: 2_400,
} as const;

/** Margin added to measured CU (covers bump searches and record scans that vary). */
export const CU_MARGIN = 1.15;

/** CU limit for a stake of `nfts` NFTs. */
export function stakeComputeUnits(nfts: number): number {
  return Math.ceil((MEASURED_CU.stakeBase + MEASURED_CU.stakePerNft * nfts) * CU_MARGIN);
}

/** CU limit for an unstake of `nfts` NFTs (plus idempotent ATA creations). */
export function unstakeComputeUnits(nfts: number, ataCreations = 0): number {
  const ata = 25_000 * ataCreations;
  return Math.ceil((MEASURED_CU.unstakeBase + MEASURED_CU.unstakePerNft * nfts + ata) * CU_MARGIN);
}

/** CU limit for a claim over `streams` streams. */
export function claimComputeUnits(streams: number): number {
  return Math.ceil((MEASURED_CU.claimBase + MEASURED_CU.claimPerStream * streams) * CU_MARGIN);
}
