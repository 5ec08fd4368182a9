import { describe, expect, it } from "vitest";
import { checkStream } from "./streamForm";

const now = 1_700_000_000n;
const base = { mint: "", mode: "FixedPerWeight" as const, start: "", days: "30" };

describe("checkStream", () => {
  it("turns tokens per day into a per-second rate", () => {
    const check = checkStream({ ...base, perDay: "1" }, 6, now);
    expect(check).toEqual({ ok: true, rate: 11n, startTs: now, endTs: now + 30n * 86_400n });
  });
  it("refuses rates that round to zero, past ends and overflowing schedules", () => {
    expect(checkStream({ ...base, perDay: "0.01" }, 0, now).ok).toBe(false);
    expect(checkStream({ ...base, perDay: "1", days: "0" }, 6, now).ok).toBe(false);
    const huge = checkStream(
      { ...base, perDay: "18000000000000000000000000", days: "3650" },
      0,
      now,
    );
    expect(huge).toEqual({ ok: false, error: "Rate × duration is too large for a token amount" });
  });
});
