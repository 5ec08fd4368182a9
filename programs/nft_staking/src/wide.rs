//! 128-bit arithmetic from 64-bit operations.
//!
//! The upstream BPF backend cannot lower `u128 * u128` or `u128 / u128` (they become calls to
//! `__multi3` / `__udivti3`, which fail to link). Nor can it lower an *overflow-checked* `u64`
//! multiply (`checked_mul`, or `*` with `overflow-checks = true`): LLVM computes it as a 128-bit
//! product. So every multiplication here is `wrapping_mul` on 32-bit digits whose product
//! provably fits, and [`checked_mul_u64`] replaces `u64::checked_mul` in program code. Additions, subtractions, shifts and comparisons on `u128` are
//! native and used directly. Every function is checked against native `u128` arithmetic by
//! the property tests below (on the host, where native `u128` works).
//!
//! Arithmetic inside this module is on values whose ranges are proven in the comments, so the
//! `arithmetic_side_effects` lint is relaxed here only.
#![allow(clippy::arithmetic_side_effects)]

const LOW32: u64 = 0xffff_ffff;

/// Full product of two `u64`s.
#[inline]
pub fn mul_u64(a: u64, b: u64) -> u128 {
    let (a_lo, a_hi) = (a & LOW32, a >> 32);
    let (b_lo, b_hi) = (b & LOW32, b >> 32);
    // Each partial product of two 32-bit digits is < 2^64.
    let lo_lo = a_lo.wrapping_mul(b_lo);
    let lo_hi = a_lo.wrapping_mul(b_hi);
    let hi_lo = a_hi.wrapping_mul(b_lo);
    let hi_hi = a_hi.wrapping_mul(b_hi);
    // The middle column: three terms each < 2^32, so < 3·2^32.
    let middle = (lo_lo >> 32) + (lo_hi & LOW32) + (hi_lo & LOW32);
    let low = (lo_lo & LOW32) | (middle << 32);
    // The full product is < 2^128, so the high word cannot overflow.
    let high = hi_hi + (lo_hi >> 32) + (hi_lo >> 32) + (middle >> 32);
    (u128::from(high) << 64) | u128::from(low)
}

/// `a × b`, or `None` when it does not fit in `u64` (use instead of `u64::checked_mul`).
#[inline]
pub fn checked_mul_u64(a: u64, b: u64) -> Option<u64> {
    u64::try_from(mul_u64(a, b)).ok()
}

/// `a × b`, or `None` when it does not fit in `u128`.
#[inline]
pub fn checked_mul_u128_u64(a: u128, b: u64) -> Option<u128> {
    let low = mul_u64(a as u64, b);
    let high = mul_u64((a >> 64) as u64, b);
    if high >> 64 != 0 {
        return None;
    }
    low.checked_add(high << 64)
}

/// `n / d` (floor) and `n % d`, or `None` when `d == 0`.
#[inline]
pub fn checked_div_rem_u128_u64(n: u128, d: u64) -> Option<(u128, u64)> {
    if d == 0 {
        return None;
    }
    let (n_hi, n_lo) = ((n >> 64) as u64, n as u64);
    let (q_hi, r_hi) = (n_hi / d, n_hi % d);
    // r_hi < d, so the two-word quotient below fits in one word.
    let (q_lo, r) = div_two_words(r_hi, n_lo, d);
    Some(((u128::from(q_hi) << 64) | u128::from(q_lo), r))
}

/// `n / d` (floor), or `None` when `d == 0`.
#[inline]
pub fn checked_div_u128_u64(n: u128, d: u64) -> Option<u128> {
    checked_div_rem_u128_u64(n, d).map(|(q, _)| q)
}

/// Divides the two-word number `(high, low)` by `d`, given `high < d` (so the quotient fits
/// in 64 bits). Knuth's algorithm D with 32-bit digits, after Hacker's Delight `divlu`.
fn div_two_words(high: u64, low: u64, d: u64) -> (u64, u64) {
    // Normalize so the divisor's top bit is set; `d != 0` so `shift < 64`.
    let shift = d.leading_zeros();
    let d = d << shift;
    let (d_hi, d_lo) = (d >> 32, d & LOW32);
    let numerator_hi = if shift == 0 {
        high
    } else {
        (high << shift) | (low >> (64 - shift))
    };
    let numerator_lo = low << shift;
    let (n1, n0) = (numerator_lo >> 32, numerator_lo & LOW32);

    let q1 = quotient_digit(numerator_hi, n1, d_hi, d_lo);
    let partial = digit_remainder(numerator_hi, n1, q1, d);
    let q0 = quotient_digit(partial, n0, d_hi, d_lo);
    let remainder = digit_remainder(partial, n0, q0, d) >> shift;
    ((q1 << 32) | q0, remainder)
}

const BASE: u64 = 1 << 32;

/// One 32-bit quotient digit of `(numerator · 2^32 + next) / d`, where `d = d_hi · 2^32 + d_lo`
/// is normalized: the estimate `numerator / d_hi` is corrected at most twice.
fn quotient_digit(numerator: u64, next: u64, d_hi: u64, d_lo: u64) -> u64 {
    // Digit products below are of values < 2^33 and < 2^32 (q ≤ BASE + 1 while correcting), so
    // they fit in 64 bits; `wrapping_mul` only avoids the 128-bit overflow check.
    let mut q = numerator / d_hi;
    let mut rem = numerator - q.wrapping_mul(d_hi);
    while q >= BASE || q.wrapping_mul(d_lo) > (rem << 32) + next {
        q -= 1;
        rem += d_hi;
        if rem >= BASE {
            break;
        }
    }
    q
}

/// `numerator · 2^32 + next − q · d`: the remainder after digit `q`. It fits in 64 bits; the
/// intermediate terms wrap by design.
fn digit_remainder(numerator: u64, next: u64, q: u64, d: u64) -> u64 {
    numerator
        .wrapping_mul(BASE)
        .wrapping_add(next)
        .wrapping_sub(q.wrapping_mul(d))
}

#[cfg(test)]
mod tests;
