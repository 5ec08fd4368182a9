import { describe, expect, it } from "vitest";
import { checkStream } from "./streamForm";

const now = 1_700_000_000n;
const base = { mint: "", mode: "FixedPerWeight" as const, start: "", days: "30" };

describe("checkStream", () => {
  it("turns tokens per day into a per-second rate", () => {
    const check = checkStream({ ...base, perDay: "0.864" }, 6, now);
    expect(check).toEqual({
      ok: true,
      rate: 10n,
      startTs: now,
      endTs: now + 30n * 86_400n,
      perDay: 864_000n,
      exact: true,
      nearest: [864_000n, 864_000n],
    });
  });
  it("says what holders really get when the daily amount is not whole base units a second", () => {
    // 5 tokens (6 decimals) a day is 57.87 base units a second: the chain pays 57, 4.9248 a day.
    const check = checkStream({ ...base, perDay: "5" }, 6, now);
    expect(check.ok && [check.rate, check.perDay, check.exact, check.nearest]).toEqual([
      57n,
      4_924_800n,
      false,
      [4_924_800n, 5_011_200n],
    ]);
    // A 0-decimal token: the smallest non-zero stream pays 86,400 a day.
    expect(checkStream({ ...base, perDay: "86400" }, 0, now).ok).toBe(true);
    expect(checkStream({ ...base, perDay: "86399" }, 0, now).ok).toBe(false);
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
