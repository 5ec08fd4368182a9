//! Unit tests of `staker` (host only).

use super::*;
use core::mem::align_of;

#[test]
fn sizes_match_the_design_budget() {
    assert_eq!(size_of::<StakerStream>(), 32);
    assert_eq!(RECORD_LEN, 64, "≤ 64 bytes per NFT");
    assert_eq!(align_of::<Staker>(), 8);
    const { assert!(Staker::SPACE <= 256, "header ≤ 256 bytes") };
    assert_eq!(Staker::SPACE % 8, 0, "records start 8-byte aligned");
    assert_eq!(Staker::space(2), Staker::SPACE + 128);
}

#[test]
fn splits_header_and_records() {
    let mut buffer = vec![0u64; Staker::space(2) / 8];
    // SAFETY (test): reinterpret the aligned u64 buffer as bytes.
    let data = unsafe {
        core::slice::from_raw_parts_mut(buffer.as_mut_ptr() as *mut u8, Staker::space(2))
    };
    let staker = Staker::init(data).unwrap();
    staker.record_count = 2;
    let (staker, records) = split_mut(data).unwrap();
    assert_eq!((staker.record_count, records.len()), (2, 2));
    records[1].weight = 7;
    let (_, records) = split_mut(data).unwrap();
    assert_eq!(records[1].weight, 7);
    Staker::load_mut(data).unwrap().record_count = 3;
    assert_eq!(
        split_mut(data).err(),
        Some(StakingError::InvalidAccountData)
    );
}
