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
    /// The signer is not the pool authority.
    Unauthorized = "Only the pool authority can do this",
    /// The pool account is not a `Pool` owned by this program.
    InvalidPoolAccount = "The pool account is not a pool of this program",
    /// The `Staker` account is not this holder's in this pool.
    InvalidStakerAccount = "The staker account does not belong to this holder and pool",
    /// The pool is paused.
    PoolPaused = "The pool is paused: staking and claiming are stopped (unstaking still works)",
    /// The pool is sunset.
    PoolSunset = "The pool has been sunset: no new stakes",
    /// The token program account is wrong.
    InvalidTokenProgram = "The token program account is not the SPL Token program",
    /// The NFT mint belongs to Token-2022.
    Token2022NotSupported = "Token-2022 NFTs are not supported yet",
    /// The mint is fungible or has a supply other than 1.
    NotAnNft = "The mint is not an NFT (it needs 0 decimals and a supply of 1)",
    /// The metadata account has the wrong owner or address.
    InvalidMetadataAccount = "The metadata account is not the Token Metadata account of this mint",
    /// The metadata bytes are not a Metaplex `MetadataV1`.
    MalformedMetadata = "The metadata account could not be parsed",
    /// The metadata's `mint` is not the NFT's mint.
    MetadataMintMismatch = "The metadata describes another mint",
    /// The collection or creator matches but is not verified.
    CollectionNotVerified = "The NFT's collection (or creator) is not verified",
    /// Neither the collection nor a creator matches the pool.
    WrongCollection = "The NFT is not part of this pool's collection",
    /// The token standard is programmable (4 or 5).
    ProgrammableNftNotSupported = "Programmable NFTs are not supported yet",
    /// The token standard is fungible (1 or 2).
    UnsupportedTokenStandard = "Only non-fungible tokens can be staked",
    /// The holder's token account has the wrong mint, owner or amount.
    InvalidTokenAccount = "The token account does not hold this NFT for this holder",
    /// The escrow account is not the expected token account.
    InvalidEscrow = "The escrow account is not this pool's escrow for the NFT",
    /// An NFT is repeated in a batch.
    DuplicateNft = "The same NFT appears twice in one instruction",
    /// The batch is empty or too large.
    InvalidBatchSize = "Stake or unstake between 1 and 16 NFTs per instruction",
    /// The NFT is not among the holder's stake records.
    NftNotStaked = "This holder has no staked record for this NFT",
    /// Unstake before the lock ends.
    StakeLocked = "This NFT is still locked",
    /// The tier index has no weight.
    InvalidTier = "That tier is not configured in this pool",
    /// The merkle proof does not verify.
    InvalidTierProof = "The tier proof does not match the pool's tier list",
    /// The lock option index has no multiplier.
    InvalidLockOption = "That lock option is not configured in this pool",
    /// A lock option is not a real lock: multiplier ≤ 1x or above `MAX_LOCK_MULTIPLIER_BPS`,
    /// or a zero duration (a lock that adds nothing only takes the NFT hostage).
    InvalidLockMultiplier = "A lock needs a multiplier above 1x, at most 10x, and a duration of at least 1 s",
    /// The pool already has 4 streams.
    TooManyStreams = "A pool can hold at most 4 reward streams",
    /// The stream index is out of range.
    InvalidStreamIndex = "No reward stream has that index",
    /// The mode is neither FixedPerWeight nor SharedEmission.
    InvalidStreamMode = "Unknown reward stream mode",
    /// The start/end times are inconsistent.
    InvalidStreamSchedule = "A stream must end after it starts, and cannot end in the past",
    /// The reward mint is not a valid mint.
    InvalidRewardMint = "The reward mint is not an SPL Token mint",
    /// The reward vault account does not match the stream.
    InvalidRewardVault = "The reward vault is not the stream's vault",
    /// A token account's mint differs from the stream's.
    RewardMintMismatch = "The token account holds another mint than the stream's reward mint",
    /// Zero amount.
    ZeroAmount = "The amount must be greater than zero",
    /// The stream's end time has passed.
    StreamEnded = "The stream has already ended",
    /// `rate × duration` does not fit in 64 bits.
    RateTooHigh = "The stream's rate × duration exceeds what a token amount can hold",
    /// The withdrawal exceeds the stream's surplus.
    SurplusExceeded = "That amount includes rewards holders have earned or will earn: withdraw at most the surplus",
    /// accept_authority without a proposal.
    NoPendingAuthority = "No authority transfer is pending",
    /// The signer is not the pending authority.
    NotPendingAuthority = "Only the proposed authority can accept",
    /// sunset_pool twice.
    PoolAlreadySunset = "The pool is already sunset",
    /// close_staker with records left.
    StakerNotEmpty = "Unstake every NFT before closing the staker account",
    /// close_staker while rewards are owed.
    RewardsStillOwed = "Claim your rewards before closing the staker account",
    /// The perk account does not match.
    InvalidPerkAccount = "The perk account is not a perk of this pool",
    /// The receipt account does not match.
    InvalidReceiptAccount = "The receipt account is not this holder's receipt for the perk",
    /// Name over 32 bytes.
    NameTooLong = "The perk name is longer than 32 bytes",
    /// end_ts ≤ start_ts.
    InvalidPerkWindow = "A perk must end after it starts",
    /// Cap below the redeemed count.
    InvalidSupplyCap = "The supply cap is below what was already redeemed",
    /// Outside the perk's window.
    PerkNotActive = "This perk is not available right now",
    /// Supply cap reached.
    PerkSoldOut = "This perk is sold out",
    /// Below the perk's minimum staked count.
    NotEnoughStaked = "Stake more NFTs to redeem this perk",
    /// Points below the perk's cost.
    NotEnoughPoints = "Not enough points to redeem this perk",
    /// `stake`'s `staker_bump` is not the canonical bump of the holder's Staker PDA.
    InvalidStakerBump = "The staker bump is not the canonical bump of this holder's staker address",
    /// A claim or surplus withdrawal names the stream's own vault as the destination.
    RewardDestinationIsVault = "The destination is the stream's own vault: nothing would move",
    /// The holder has no staker account in this pool (never staked here, or closed it).
    StakerNotFound = "This holder has no staker account in this pool: nothing is staked here",
    /// The NFT's mint authority is not its edition PDA, or its freeze authority is neither none nor
    /// that PDA (M-1): someone could mint a second token into the escrow or freeze it.
    NftMintNotLocked = "The NFT's mint or freeze authority is not its edition: its supply could change or its escrow be frozen",
    /// The edition account is not Token Metadata's master or print edition at the mint's PDA.
    InvalidEditionAccount = "The edition account is not the Token Metadata master or print edition of this mint",
    /// A print edition in a pool that does not accept them (L-5).
    PrintEditionNotAccepted = "This pool does not accept print editions",
    /// A stake without a tier proof in a pool that requires one (L-5).
    TierProofRequired = "This pool requires a tier proof for every NFT",
    /// The lock duration or multiplier the holder accepted is not the pool's current one (M-2).
    LockTermsChanged = "The pool's lock terms differ from the ones you accepted: nothing was staked, review the new terms",
    /// A lock duration above the pool's maximum, or a maximum above the program's cap (M-2).
    LockTooLong = "A lock is longer than the pool's maximum lock duration (itself at most 2 years)",
    /// A maximum pause of zero or above the program's cap (L-7).
    PauseTooLong = "A pause can last at most the pool's maximum pause (itself at most 30 days)",
    /// A claim that would pay nothing on every stream.
    NothingToClaim = "Nothing to claim: no rewards are owed to this holder yet",
    /// Every stream with something owed has a frozen vault, so the claim would pay nothing (L-1).
    RewardVaultFrozen = "A reward vault is frozen by its mint: those rewards are paid once it is thawed",
    /// The perk's cost is above the holder's `max_cost_points` (L-6).
    PerkCostChanged = "The perk costs more than the maximum you accepted: nothing was redeemed",
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
mod tests;
