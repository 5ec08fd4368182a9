import { describe, expect, it } from "vitest";
import {
  formatAmount,
  formatDuration,
  formatMultiplier,
  formatWeight,
  parseAmount,
  shortAddress,
  utf8Length,
} from "./format";
import { toCsv } from "./csv";

describe("formatAmount", () => {
  it("places decimals and groups thousands", () => {
    expect(formatAmount(1_234_567_890n, 6)).toBe("1,234.56789");
    expect(formatAmount(1_000_000n, 6)).toBe("1");
    expect(formatAmount(5n, 0)).toBe("5");
  });
  it("truncates instead of rounding up, and can keep fixed places", () => {
    expect(formatAmount(1_999_999_999n, 9, { fractionDigits: 2 })).toBe("1.99");
    expect(formatAmount(1_500_000n, 6, { fractionDigits: 4, trim: false })).toBe("1.5000");
  });
});

describe("parseAmount", () => {
  it("reads decimal text into base units", () => {
    expect(parseAmount("1,234.5", 6)).toBe(1_234_500_000n);
    expect(parseAmount(".25", 2)).toBe(25n);
    expect(parseAmount("7", 0)).toBe(7n);
  });
  it("refuses too many decimals and garbage", () => {
    expect(() => parseAmount("1.234", 2)).toThrow("At most 2 decimal places");
    expect(() => parseAmount("abc", 6)).toThrow("Enter a number");
    expect(() => parseAmount("", 6)).toThrow();
    expect(() => parseAmount("-1", 6)).toThrow();
  });
});

describe("formatDuration", () => {
  it("shows the two largest units", () => {
    expect(formatDuration(3 * 86_400 + 4 * 3_600 + 5)).toBe("3d 4h");
    expect(formatDuration(125)).toBe("2m 5s");
    expect(formatDuration(86_400)).toBe("1d");
    expect(formatDuration(0)).toBe("0s");
    expect(formatDuration(-5)).toBe("0s");
    expect(formatDuration(12n)).toBe("12s");
  });
});

describe("small helpers", () => {
  it("formats addresses, multipliers and byte lengths", () => {
    expect(shortAddress("So11111111111111111111111111111111111111112")).toBe("So11…1112");
    expect(formatMultiplier(15_000)).toBe("×1.5");
    expect(formatMultiplier(10_000)).toBe("×1");
    expect(utf8Length("é")).toBe(2);
  });
  it("shows effective weights (1/10,000 units) in weight units, exactly", () => {
    expect(formatWeight(12_500n)).toBe("1.25");
    expect(formatWeight(10_000)).toBe("1");
    expect(formatWeight(1n)).toBe("0.0001");
    expect(formatWeight(123_456_789n)).toBe("12,345.6789");
  });
  it("quotes CSV fields that need it", () => {
    expect(
      toCsv(
        ["a", "b"],
        [
          ["x,y", 'say "hi"'],
          [1, 2n],
        ],
      ),
    ).toBe('a,b\r\n"x,y","say ""hi"""\r\n1,2\r\n');
  });
});
