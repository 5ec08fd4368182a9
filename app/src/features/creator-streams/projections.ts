import { runway, toBigIntView, type PoolAccount } from "@nft-staking/sdk";
import type { StreamView } from "../pool/usePool";

/** What the creator's charts show of one stream, from the SDK's `runway`. */
export interface StreamProjection {
  index: number;
  label: string;
  decimals: number;
  /** Base units emitted per second at the current total weight (0 once ended). */
  perSecond: bigint;
  /** Vault tokens beyond what holders are already owed. */
  uncommitted: bigint;
  /** Seconds until the vault runs dry, `null` when it lasts until the stream ends. */
  secondsLeft: bigint | null;
  /** Seconds from now until the stream starts (0 once started). */
  startsIn: bigint;
  /** Seconds from now until the stream ends (0 once ended). */
  untilEnd: bigint;
}

export function projections(
  pool: PoolAccount,
  streams: StreamView[],
  now: bigint,
): StreamProjection[] {
  const runways = runway(
    pool,
    streams.map((stream) => stream.vaultBalance),
    now,
  );
  return streams.map((stream, index) => {
    const item = runways[index];
    const { startTs: start, endTs: end } = toBigIntView(stream.raw);
    const untilEnd = end > now ? end - now : 0n;
    const startsIn = start > now ? start - now : 0n;
    return {
      index: stream.index,
      label: stream.label,
      decimals: stream.decimals,
      perSecond: item?.perSecond ?? 0n,
      uncommitted: item?.uncommitted ?? 0n,
      secondsLeft: item?.secondsLeft ?? null,
      startsIn: startsIn < untilEnd ? startsIn : untilEnd,
      untilEnd,
    };
  });
}

/** Up to `count` round day marks from 0 to `horizonDays`. */
export function dayTicks(horizonDays: number, count = 5): number[] {
  if (horizonDays <= 0) return [0];
  const raw = horizonDays / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let day = 0; day <= horizonDays + 1e-9; day += step) ticks.push(Math.round(day * 100) / 100);
  return ticks;
}
