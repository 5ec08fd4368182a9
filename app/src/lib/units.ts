/** Unit conversions for display and input (no reward math: that lives in the SDK). */

export const SECONDS_PER_DAY = 86_400n;

/** A per-second rate as a per-day amount. */
export function perDay(ratePerSecond: bigint): bigint {
  return ratePerSecond * SECONDS_PER_DAY;
}

/** A per-day amount as the per-second rate the program stores (rounded down). */
export function perSecondFromPerDay(amountPerDay: bigint): bigint {
  return amountPerDay / SECONDS_PER_DAY;
}

/** Whole days, for lock durations in seconds. */
export function daysLabel(seconds: number): string {
  const days = seconds / 86_400;
  if (Number.isInteger(days)) return `${days} day${days === 1 ? "" : "s"}`;
  const hours = seconds / 3_600;
  return Number.isInteger(hours) ? `${hours} h` : `${seconds} s`;
}
