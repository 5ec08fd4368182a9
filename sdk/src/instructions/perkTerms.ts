import { BN } from "@coral-xyz/anchor";
import { toBN, type U64Like } from "../pda";

/** A perk's editable terms (`create_perk` and `update_perk` take the same ones). */
export interface PerkTermsInput {
  name: string;
  uri?: string;
  costPoints: U64Like;
  /** NFTs the holder must have staked; default 0. */
  minStaked?: number;
  /** Total redemptions allowed; 0 or omitted = unlimited. */
  supplyCap?: number;
  /** Redeemable window (unix seconds). */
  startTs: number | bigint;
  endTs: number | bigint;
}

/** The terms as the instructions' trailing arguments, in IDL order. */
export function termsArgs(terms: PerkTermsInput) {
  return [
    terms.name,
    terms.uri ?? "",
    toBN(terms.costPoints),
    terms.minStaked ?? 0,
    terms.supplyCap ?? 0,
    new BN(terms.startTs.toString()),
    new BN(terms.endTs.toString()),
  ] as const;
}
