//! Unit tests of `borsh` (host only).

use super::*;

#[test]
fn reads_integers_and_keys_in_order() {
    let mut data = vec![7u8];
    data.extend_from_slice(&0xdead_beefu32.to_le_bytes());
    data.extend_from_slice(&u64::MAX.to_le_bytes());
    data.extend_from_slice(&(-5i64).to_le_bytes());
    data.extend_from_slice(&[9u8; 32]);
    let mut reader = Reader::new(&data);
    assert_eq!(reader.u8(), Ok(7));
    assert_eq!(reader.u32(), Ok(0xdead_beef));
    assert_eq!(reader.u64(), Ok(u64::MAX));
    assert_eq!(reader.i64(), Ok(-5));
    assert_eq!(reader.address().map(|a| a.to_bytes()), Ok([9u8; 32]));
    assert_eq!(reader.finish(), Ok(()));
}

#[test]
fn rejects_short_input_and_trailing_bytes() {
    assert_eq!(
        Reader::new(&[1, 2, 3]).u32(),
        Err(StakingError::InvalidInstructionData)
    );
    assert_eq!(
        Reader::new(&[1]).finish(),
        Err(StakingError::InvalidInstructionData)
    );
}

#[test]
fn option_tag_must_be_zero_or_one() {
    assert_eq!(Reader::new(&[0]).option_address(), Ok(None));
    let mut some = vec![1u8];
    some.extend_from_slice(&[3u8; 32]);
    assert!(matches!(Reader::new(&some).option_address(), Ok(Some(_))));
    assert_eq!(
        Reader::new(&[2]).option_address(),
        Err(StakingError::InvalidInstructionData)
    );
    assert_eq!(
        Reader::new(&[1, 0]).option_address(),
        Err(StakingError::InvalidInstructionData)
    );
}

#[test]
fn strings_are_length_checked_and_utf8() {
    let mut data = 3u32.to_le_bytes().to_vec();
    data.extend_from_slice(b"abc");
    assert_eq!(
        Reader::new(&data).string(3, StakingError::UriTooLong),
        Ok(&b"abc"[..])
    );
    assert_eq!(
        Reader::new(&data).string(2, StakingError::UriTooLong),
        Err(StakingError::UriTooLong)
    );
    let mut bad = 2u32.to_le_bytes().to_vec();
    bad.extend_from_slice(&[0xff, 0xfe]);
    assert_eq!(
        Reader::new(&bad).string(8, StakingError::UriTooLong),
        Err(StakingError::InvalidInstructionData)
    );
    let huge = u32::MAX.to_le_bytes();
    assert_eq!(
        Reader::new(&huge).string(usize::MAX, StakingError::UriTooLong),
        Err(StakingError::InvalidInstructionData)
    );
}

#[test]
fn writer_refuses_to_overflow() {
    let mut writer = Writer::<4>::new();
    assert!(writer.u32(1).is_ok());
    assert_eq!(writer.u32(2).err(), Some(StakingError::MathOverflow));
    assert_eq!(writer.as_slice(), &1u32.to_le_bytes());
}
