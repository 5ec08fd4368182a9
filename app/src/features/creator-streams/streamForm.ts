import { parseAmount } from "../../lib/format";
import { perDay as perDayOf, perSecondFromPerDay } from "../../lib/units";

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
  | {
      ok: true;
      rate: bigint;
      startTs: bigint;
      endTs: bigint;
      /** What holders really get a day (base units): `rate × 86,400`. */
      perDay: bigint;
      /** Whether that is exactly what was typed. */
      exact: boolean;
      /** The nearest exact daily amounts below and above what was typed (base units). */
      nearest: [bigint, bigint];
    }
  | { ok: false; error: string };

/**
 * Converts the draft to what `add_reward_stream` takes and applies its checks: a rate of at
 * least one base unit per second, an end after the start, and rate × duration within 64 bits.
 * The program pays whole base units per second, so a daily amount that is not a multiple of
 * 86,400 base units is paid as the multiple below it: the result says what holders really get
 * (`perDay`, `exact`) and the nearest exact amounts, for the form to show before signing.
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
  const paid = perDayOf(rate);
  return {
    ok: true,
    rate,
    startTs,
    endTs,
    perDay: paid,
    exact: paid === perDay,
    nearest: [paid, paid === perDay ? paid : perDayOf(rate + 1n)],
  };
}
