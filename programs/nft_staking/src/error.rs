//! The program's one error enum. Codes start at 6000 (Anchor's custom error offset) and are
//! stable forever: append new variants at the end, never reorder or reuse.

use pinocchio::error::ProgramError;

/// Anchor's offset for program-defined errors.
pub const ERROR_CODE_OFFSET: u32 = 6000;

macro_rules! staking_errors {
    ($($(#[$doc:meta])* $name:ident = $message:literal,)+) => {
        /// Every error the program returns, as `ProgramError::Custom(6000 + index)`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[repr(u32)]
        pub enum StakingError {
            $($(#[$doc])* $name,)+
        }

        impl StakingError {
            /// All variants in code order (used by the IDL consistency test and the logger).
            pub const ALL: &'static [StakingError] = &[$(StakingError::$name,)+];

            /// The variant's name, as it appears in the IDL.
            pub const fn name(self) -> &'static str {
                match self { $(StakingError::$name => stringify!($name),)+ }
            }

            /// The human-readable message clients show.
            pub const fn message(self) -> &'static str {
                match self { $(StakingError::$name => $message,)+ }
            }
        }
    };
}

staking_errors! {
    /// The instruction data does not start with a known instruction discriminator.
    InvalidInstruction = "Unknown instruction",
    /// The instruction arguments could not be decoded.
    InvalidInstructionData = "Instruction arguments could not be decoded",
    /// Fewer accounts than the instruction needs.
    NotEnoughAccounts = "Not enough accounts were passed to the instruction",
    /// A required signature is missing.
    MissingSignature = "A required account did not sign the transaction",
    /// An account that is written to was passed read-only.
    AccountNotWritable = "An account that must be writable was passed read-only",
    /// The system program account is not the System Program.
    InvalidSystemProgram = "The system program account is not the System Program",
    /// The pool account is not the PDA of its seeds.
    InvalidPoolAddress = "The pool account does not match its seeds (authority, pool id)",
    /// The pool account already holds data.
    PoolAlreadyInitialized = "This pool is already initialized",
    /// Neither a collection nor a creator key was given.
    MissingCollectionOrCreator = "A pool needs a verified collection, a verified creator, or both",
    /// A tier weight of zero was given.
    InvalidTierWeight = "Tier weights must be greater than zero",
    /// The pool URI does not fit.
    UriTooLong = "The pool URI is longer than 96 bytes",
    /// A checked arithmetic operation overflowed.
    MathOverflow = "Arithmetic overflow",
    /// An account's data is not of the expected type or size.
    InvalidAccountData = "Account data is not of the expected type or size",
}

impl StakingError {
    /// The on-chain error number (6000 + index).
    pub const fn code(self) -> u32 {
        ERROR_CODE_OFFSET.saturating_add(self as u32)
    }

    /// The variant with this on-chain error number, if any.
    pub fn from_code(code: u32) -> Option<Self> {
        let index = code.checked_sub(ERROR_CODE_OFFSET)?;
        Self::ALL.get(usize::try_from(index).ok()?).copied()
    }
}

impl From<StakingError> for ProgramError {
    fn from(error: StakingError) -> Self {
        ProgramError::Custom(error.code())
    }
}

/// Logs a program error in Anchor's format, which `AnchorError.parse` and explorers understand:
/// `AnchorError occurred. Error Code: <Name>. Error Number: <n>. Error Message: <message>.`
pub fn log_error(code: u32) {
    let Some(error) = StakingError::from_code(code) else {
        return;
    };
    let mut logger = solana_program_log::Logger::<200>::default();
    logger
        .append("AnchorError occurred. Error Code: ")
        .append(error.name())
        .append(". Error Number: ")
        .append(code)
        .append(". Error Message: ")
        .append(error.message())
        .append(".");
    logger.log();
}

#[cfg(test)]
mod tests {
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
}
