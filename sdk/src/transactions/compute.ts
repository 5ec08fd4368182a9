/**
 * Compute units measured by `npm run bench` on the real program (LiteSVM), used to set
 * `setComputeUnitLimit` so transactions request what they need instead of the 200k default
 * (cheaper priority fees, better packing by the scheduler). Re-measure when the program changes:
 * the CU budget test keeps the program at or below `bench/budgets.json`.
 */
export const MEASURED_CU = {
  /**
   * `stake`: fixed part (covers a first stake, which creates the Staker, with bump 255), per
   * NFT, and per bump below 255 of the holder's Staker (the program proves the bump canonical:
   * one sha256 and one curve check per bump from 255 down to it).
   */
  stakeBase: 9_000,
  stakePerNft: 6_000,
  stakePerStakerBump: 400,
  /** `unstake`: fixed part (covers scanning ~500 records at ~13 CU each) and per NFT (~3.4k). */
  unstakeBase: 8_000,
  unstakePerNft: 3_500,
  /**
   * `claim`: fixed part (~0.8k) and per stream (~2.67k: reading the vault to sync the books'
   * balance and see a freeze, and one token transfer CPI).
   */
  claimBase: 1_000,
  claimPerStream: 2_700,
} as const;

/** Margin added to measured CU (covers bump searches and record scans that vary). */
export const CU_MARGIN = 1.15;

/**
 * CU limit for a stake of `nfts` NFTs by a holder whose Staker PDA has bump `stakerBump`
 * (`findStakerAddress(pool, owner)[1]`). Exact for every address: the program's only
 * address-dependent cost is the canonical-bump proof, `256 - stakerBump` steps.
 */
export function stakeComputeUnits(nfts: number, stakerBump = 255): number {
  const bumpSteps = 255 - stakerBump;
  return Math.ceil(
    (MEASURED_CU.stakeBase +
      MEASURED_CU.stakePerNft * nfts +
      MEASURED_CU.stakePerStakerBump * bumpSteps) *
      CU_MARGIN,
  );
}

/**
 * One idempotent ATA creation that creates the account (the real ATA program: ~21k with its
 * CPIs into System and Token; measured in tests/sdk/transactions.test.ts).
 */
export const ATA_CREATION_CU = 25_000;

/** CU limit for an unstake of `nfts` NFTs (plus idempotent ATA creations). */
export function unstakeComputeUnits(nfts: number, ataCreations = 0): number {
  const ata = ATA_CREATION_CU * ataCreations;
  return Math.ceil((MEASURED_CU.unstakeBase + MEASURED_CU.unstakePerNft * nfts + ata) * CU_MARGIN);
}

/** CU limit for a claim over `streams` streams (plus idempotent ATA creations). */
export function claimComputeUnits(streams: number, ataCreations = 0): number {
  const ata = ATA_CREATION_CU * ataCreations;
  return Math.ceil(
    (MEASURED_CU.claimBase + MEASURED_CU.claimPerStream * streams + ata) * CU_MARGIN,
  );
}
