/** Display helpers: no business math, only turning chain integers into text and back. */

const GROUP = new Intl.NumberFormat("en-US");

/**
 * A token amount in base units as text with `decimals` places, truncated (never rounded up)
 * to `fractionDigits` places; `trim` drops trailing zeros.
 */
export function formatAmount(
  amount: bigint,
  decimals: number,
  { fractionDigits = Math.min(decimals, 6), trim = true } = {},
): string {
  const negative = amount < 0n;
  const abs = negative ? -amount : amount;
  const scale = 10n ** BigInt(decimals);
  const whole = abs / scale;
  let fraction = (abs % scale).toString().padStart(decimals, "0").slice(0, fractionDigits);
  if (trim) fraction = fraction.replace(/0+$/, "");
  const text = GROUP.format(whole) + (fraction ? `.${fraction}` : "");
  return negative ? `-${text}` : text;
}

/** Parses a decimal token amount ("1,234.5") into base units; throws a readable error. */
export function parseAmount(text: string, decimals: number): bigint {
  const clean = text.trim().replace(/[,_\s]/g, "");
  const match = /^(\d*)(?:\.(\d*))?$/.exec(clean);
  if (!match || clean === "" || clean === ".") throw new Error("Enter a number");
  const [, whole = "", fraction = ""] = match;
  if (fraction.length > decimals) {
    throw new Error(`At most ${decimals} decimal place${decimals === 1 ? "" : "s"}`);
  }
  return (
    BigInt(whole || "0") * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, "0") || "0")
  );
}

/** A whole number with thousands separators. */
export function formatInteger(value: bigint | number): string {
  return GROUP.format(value);
}

const UNITS: [string, number][] = [
  ["d", 86_400],
  ["h", 3_600],
  ["m", 60],
  ["s", 1],
];

/** "3d 4h", "2h 5m", "4m 10s", "12s": the largest unit and the next one when not zero. */
export function formatDuration(seconds: bigint | number): string {
  const total = Math.max(0, Math.floor(Number(seconds)));
  const index = UNITS.findIndex(([, size]) => total >= size);
  const largest = UNITS[index];
  if (!largest) return "0s";
  const count = Math.floor(total / largest[1]);
  const next = UNITS[index + 1];
  const nextCount = next ? Math.floor((total - count * largest[1]) / next[1]) : 0;
  return `${count}${largest[0]}` + (next && nextCount > 0 ? ` ${nextCount}${next[0]}` : "");
}

/** A unix timestamp (seconds) as a local date and time. */
export function formatDateTime(unixSeconds: bigint | number): string {
  return new Date(Number(unixSeconds) * 1000).toLocaleString(undefined, {
    dateStyle: "medium",
    timeStyle: "short",
  });
}

/** A unix timestamp (seconds) as an ISO 8601 UTC string (for CSV files). */
export function isoTime(unixSeconds: bigint | number | null | undefined): string {
  return unixSeconds === null || unixSeconds === undefined
    ? ""
    : new Date(Number(unixSeconds) * 1000).toISOString();
}

/** "ABCD…WXYZ" for an address or signature. */
export function shortAddress(value: string, keep = 4): string {
  return value.length <= keep * 2 + 1 ? value : `${value.slice(0, keep)}…${value.slice(-keep)}`;
}

/** A lock multiplier in basis points as "×1.5". */
export function formatMultiplier(bps: number): string {
  return `×${(bps / 10_000).toLocaleString("en-US", { maximumFractionDigits: 4 })}`;
}

/**
 * An effective weight as stored on chain (tier weight × lock multiplier in basis points, so
 * 1 / 10,000 of a weight unit) in weight units: 12,500 → "1.25".
 */
export function formatWeight(weight: bigint | number | { toString(): string }): string {
  const units = BigInt(weight.toString());
  const whole = units / 10_000n;
  const rest = (units % 10_000n).toString().padStart(4, "0").replace(/0+$/, "");
  return `${formatInteger(whole)}${rest ? `.${rest}` : ""}`;
}

/** Bytes of a string in UTF-8 (the program limits names and URIs in bytes). */
export function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}
