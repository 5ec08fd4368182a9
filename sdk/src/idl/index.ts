import type { NftStaking } from "./nft_staking";
export { ERRORS } from "./nft_staking";
import idlJson from "./nft_staking.json";

export type { NftStaking };

/** The program's Anchor IDL, the single source of truth for layouts in TypeScript. */
export const IDL = idlJson as NftStaking;
