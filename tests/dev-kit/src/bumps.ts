// Non-canonical PDAs, for tests that prove the program accepts (escrows) or refuses (stakers)
// an address at a bump other than the canonical one.
import { PublicKey } from "@solana/web3.js";
import { PROGRAM_ID } from "@nft-staking/sdk";

/**
 * The highest valid (off-curve) PDA of `seeds` below the canonical bump, with its bump, or null
 * when every lower bump lands on the curve.
 */
export function lowerValidBump(
  seeds: Buffer[],
  programId: PublicKey = PROGRAM_ID,
): [PublicKey, number] | null {
  const [, canonical] = PublicKey.findProgramAddressSync(seeds, programId);
  for (let bump = canonical - 1; bump >= 0; bump--) {
    try {
      return [PublicKey.createProgramAddressSync([...seeds, Buffer.from([bump])], programId), bump];
    } catch {
      // on the curve: not a PDA, try the next bump
    }
  }
  return null;
}
