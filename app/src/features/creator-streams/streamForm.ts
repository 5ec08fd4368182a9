import { parseAmount } from "../../lib/format";
import { perSecondFromPerDay } from "../../lib/units";

const U64_MAX = 2n ** 64n - 1n;

/** A new stream as typed: tokens per day, start, duration. */
export interface StreamDraft {
  mint: string;
  mode: "FixedPerWeight" | "SharedEmission";
  perDay: string;
  start: string; // datetime-local, "" = now
  days: string;
}

export type StreamCheck =
  { ok: true; rate: bigint; startTs: bigint; endTs: bigint } | { ok: false; error: string };

/**
 * Converts the draft to what `add_reward_stream` takes and applies its checks: a rate of at
 * least one base unit per second, an end after the start, and rate × duration within 64 bits.
 */
export function checkStream(draft: StreamDraft, decimals: number, now: bigint): StreamCheck {
  let perDay: bigint;
  try {
    perDay = parseAmount(draft.perDay, decimals);
  } catch (error) {
    return {
      ok: false,
      error: `Amount per day: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const rate = perSecondFromPerDay(perDay);
  if (rate === 0n) return { ok: false, error: "Amount per day is below one base unit per second" };
  const startMs = draft.start ? new Date(draft.start).getTime() : NaN;
  const startTs = Number.isFinite(startMs) ? BigInt(Math.floor(startMs / 1000)) : now;
  const effectiveStart = startTs > now ? startTs : now;
  const days = Number(draft.days);
  if (!(days > 0)) return { ok: false, error: "Duration: more than 0 days" };
  const endTs = startTs + BigInt(Math.round(days * 86_400));
  if (endTs <= effectiveStart) return { ok: false, error: "The stream must end in the future" };
  if (rate * (endTs - effectiveStart) > U64_MAX) {
    return { ok: false, error: "Rate × duration is too large for a token amount" };
  }
  return { ok: true, rate, startTs, endTs };
}
