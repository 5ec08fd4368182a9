//! Unit tests of `pool` (host only).

use super::*;
use core::mem::{align_of, size_of};

#[test]
fn pool_size_is_stable() {
    assert_eq!(size_of::<LockOption>(), 8);
    assert_eq!(size_of::<RewardStream>(), 152);
    assert_eq!(align_of::<Pool>(), 8);
    assert_eq!(Pool::SPACE, 1088);
}
