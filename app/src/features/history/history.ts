import type { StakingEvent } from "@nft-staking/sdk";
import { toCsv } from "../../lib/csv";
import { formatAmount, isoTime } from "../../lib/format";

/** One line of a holder's history. */
export interface HistoryRow {
  signature: string;
  time: number | null;
  kind: string;
  mint?: string;
  streamIndex?: number;
  /** Base units (claims) or points (perk redemptions). */
  amount?: bigint;
  details: string;
}

const KIND: Partial<Record<StakingEvent["name"], string>> = {
  nftStaked: "Staked",
  nftUnstaked: "Unstaked",
  rewardsClaimed: "Claimed",
  perkRedeemed: "Perk redeemed",
  tierRefreshed: "Tier refreshed",
  stakerClosed: "Account closed",
};

/** The holder's own events in one transaction, as history rows (others' events are left out). */
export function historyRows(
  signature: string,
  time: number | null,
  events: StakingEvent[],
  pool: string,
  owner: string,
): HistoryRow[] {
  const rows: HistoryRow[] = [];
  for (const event of events) {
    const kind = KIND[event.name];
    const data = event.data as { pool?: { toBase58(): string }; owner?: { toBase58(): string } };
    if (!kind || data.pool?.toBase58() !== pool || data.owner?.toBase58() !== owner) continue;
    const base = { signature, time, kind };
    switch (event.name) {
      case "nftStaked":
        rows.push({
          ...base,
          mint: event.data.mint.toBase58(),
          details: `weight ${event.data.weight}${event.data.lockUntil.gtn(0) ? `, locked until ${isoTime(event.data.lockUntil.toNumber())}` : ""}`,
        });
        break;
      case "nftUnstaked":
        rows.push({
          ...base,
          mint: event.data.mint.toBase58(),
          details: `weight ${event.data.weight}`,
        });
        break;
      case "rewardsClaimed":
        rows.push({
          ...base,
          mint: event.data.mint.toBase58(),
          streamIndex: event.data.streamIndex,
          amount: BigInt(event.data.amount.toString()),
          details: event.data.owed.gtn(0) ? `still owed ${event.data.owed.toString()}` : "",
        });
        break;
      case "perkRedeemed":
        rows.push({
          ...base,
          amount: BigInt(event.data.pointsSpent.toString()),
          details: `perk ${event.data.perk.toBase58()} (${event.data.count} redeemed)`,
        });
        break;
      case "tierRefreshed":
        rows.push({
          ...base,
          mint: event.data.mint.toBase58(),
          details: `tier ${event.data.tier}: weight ${event.data.oldWeight} → ${event.data.newWeight}`,
        });
        break;
      default:
        rows.push({ ...base, details: "" });
    }
  }
  return rows;
}

/** Token info by mint, to write claim amounts in tokens as well as base units. */
export type TokenInfo = Map<string, { decimals: number; label: string }>;

/** A CSV for taxes: one line per event, UTC time, amounts in base units and in tokens. */
export function historyCsv(rows: HistoryRow[], tokens: TokenInfo): string {
  return toCsv(
    [
      "time_utc",
      "event",
      "nft_or_token_mint",
      "token",
      "amount_base_units",
      "amount",
      "details",
      "signature",
    ],
    rows.map((row) => {
      const token = row.kind === "Claimed" && row.mint ? tokens.get(row.mint) : undefined;
      return [
        isoTime(row.time),
        row.kind,
        row.mint ?? "",
        token?.label ?? (row.kind === "Perk redeemed" ? "points" : ""),
        row.amount?.toString() ?? "",
        row.amount !== undefined && token
          ? formatAmount(row.amount, token.decimals, {
              fractionDigits: token.decimals,
              trim: false,
            }).replace(/,/g, "")
          : "",
        row.details,
        row.signature,
      ];
    }),
  );
}
