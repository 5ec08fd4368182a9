//! Unit tests of `wide` (host only).

use super::*;
use proptest::prelude::*;

const EDGES: [u64; 8] = [
    0,
    1,
    2,
    0xffff_ffff,
    1 << 32,
    (1 << 32) + 1,
    u64::MAX - 1,
    u64::MAX,
];

#[test]
fn multiplies_edge_values_exactly() {
    for a in EDGES {
        for b in EDGES {
            assert_eq!(mul_u64(a, b), u128::from(a) * u128::from(b), "{a} × {b}");
        }
    }
}

#[test]
fn divides_edge_values_exactly() {
    for d in EDGES.into_iter().filter(|d| *d != 0) {
        for n in [
            0u128,
            1,
            u128::from(u64::MAX),
            u128::MAX,
            u128::MAX - 1,
            1 << 64,
            (1 << 127) + 3,
        ] {
            assert_eq!(
                checked_div_rem_u128_u64(n, d),
                Some((n / u128::from(d), (n % u128::from(d)) as u64)),
                "{n} / {d}"
            );
        }
    }
    assert_eq!(checked_div_u128_u64(5, 0), None);
}

#[test]
fn detects_overflow_in_u128_by_u64() {
    assert_eq!(checked_mul_u128_u64(u128::MAX, 2), None);
    assert_eq!(checked_mul_u128_u64(u128::MAX, 1), Some(u128::MAX));
    assert_eq!(
        checked_mul_u128_u64(1 << 64, u64::MAX),
        Some(u128::from(u64::MAX) << 64)
    );
    assert_eq!(
        checked_mul_u128_u64((1 << 64) + 1, u64::MAX),
        Some(u128::MAX)
    );
    assert_eq!(checked_mul_u128_u64((1 << 64) + 2, u64::MAX), None);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]

    #[test]
    fn checked_mul_u64_matches_native(a: u64, b: u64) {
        prop_assert_eq!(checked_mul_u64(a, b), a.checked_mul(b));
    }

    #[test]
    fn mul_u64_matches_native(a: u64, b: u64) {
        prop_assert_eq!(mul_u64(a, b), u128::from(a) * u128::from(b));
    }

    #[test]
    fn mul_u128_u64_matches_native(a: u128, b: u64) {
        prop_assert_eq!(checked_mul_u128_u64(a, b), a.checked_mul(u128::from(b)));
    }

    #[test]
    fn div_matches_native(n: u128, d in 1u64..) {
        prop_assert_eq!(
            checked_div_rem_u128_u64(n, d),
            Some((n / u128::from(d), (n % u128::from(d)) as u64))
        );
    }

    #[test]
    fn div_matches_native_for_small_divisors(n: u128, d in 1u64..=u64::from(u32::MAX)) {
        prop_assert_eq!(checked_div_u128_u64(n, d), Some(n / u128::from(d)));
    }
}
