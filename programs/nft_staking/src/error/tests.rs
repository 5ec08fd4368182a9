//! Unit tests of `error` (host only).

use super::*;

#[test]
fn codes_start_at_6000_and_round_trip() {
    assert_eq!(StakingError::InvalidInstruction.code(), 6000);
    for error in StakingError::ALL {
        assert_eq!(StakingError::from_code(error.code()), Some(*error));
    }
    assert_eq!(StakingError::from_code(5999), None);
    assert_eq!(StakingError::from_code(7000), None);
}

#[test]
fn every_message_fits_the_log_buffer() {
    for error in StakingError::ALL {
        let line = 80 + error.name().len() + error.message().len();
        assert!(line <= 200, "{} message too long", error.name());
    }
}
