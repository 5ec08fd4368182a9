import {
  StakingErrorCode,
  perkName,
  stakingErrorFromCode,
  toPerkView,
  type PerkAccount,
  type RedeemCheck,
} from "@nft-staking/sdk";
import { formatDateTime, formatInteger } from "../../lib/format";

const REASON_CODE = {
  notActive: StakingErrorCode.PerkNotActive,
  soldOut: StakingErrorCode.PerkSoldOut,
  notEnoughStaked: StakingErrorCode.NotEnoughStaked,
  notEnoughPoints: StakingErrorCode.NotEnoughPoints,
} as const;

/** Why `canRedeem` said no, in the program's words plus the specifics. */
export function redeemBlockedText(
  perk: PerkAccount,
  check: RedeemCheck,
  now: bigint,
  points: bigint,
): string | null {
  if (check.ok) return null;
  const message = stakingErrorFromCode(REASON_CODE[check.reason])?.message ?? check.reason;
  switch (check.reason) {
    case "notActive":
      return now < toPerkView(perk).startTs
        ? `${message} (opens ${formatDateTime(perk.startTs.toNumber())})`
        : `${message} (ended ${formatDateTime(perk.endTs.toNumber())})`;
    case "notEnoughStaked":
      return `${message} (at least ${perk.minStaked})`;
    case "notEnoughPoints":
      return `${message} (${formatInteger(points)} of ${formatInteger(toPerkView(perk).costPoints)})`;
    default:
      return message;
  }
}

/** "3 of 25 left", or "Unlimited". */
export function supplyText(perk: PerkAccount): string {
  if (perk.supplyCap === 0) return `Unlimited (${perk.redeemed} redeemed)`;
  return `${Math.max(0, perk.supplyCap - perk.redeemed)} of ${perk.supplyCap} left`;
}

/** A perk's name and URI (both stored in fixed buffers). */
export function perkLabels(perk: PerkAccount): { name: string; uri: string } {
  const uri = new TextDecoder().decode(Uint8Array.from(perk.uri.slice(0, perk.uriLen)));
  return { name: perkName(perk) || `Perk ${perk.perkId.toString()}`, uri };
}
