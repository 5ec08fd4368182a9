//! Events, logged with `sol_log_data` in Anchor's format: `sha256("event:<Name>")[..8]`
//! followed by the Borsh-encoded fields (`Program data: <base64>` in the logs, read by
//! Anchor's `EventParser`). Names are past tense; every state change emits one. Each event
//! here has the same fields, in the same order, as its entry in the IDL (checked by tests).

use crate::{
    borsh::Writer,
    constants::{MAX_LOCK_OPTIONS, MAX_TIERS},
    discriminator,
    error::StakingError,
    state::{Key, LockOption},
};

/// A value that can be written as an event field.
pub trait EventField {
    /// Appends the Borsh encoding.
    fn write<const N: usize>(&self, out: &mut Writer<N>) -> Result<(), StakingError>;
}

impl EventField for Key {
    fn write<const N: usize>(&self, out: &mut Writer<N>) -> Result<(), StakingError> {
        out.bytes(self).map(|_| ())
    }
}

impl EventField for u64 {
    fn write<const N: usize>(&self, out: &mut Writer<N>) -> Result<(), StakingError> {
        out.u64(*self).map(|_| ())
    }
}

impl EventField for i64 {
    fn write<const N: usize>(&self, out: &mut Writer<N>) -> Result<(), StakingError> {
        out.i64(*self).map(|_| ())
    }
}

impl EventField for u32 {
    fn write<const N: usize>(&self, out: &mut Writer<N>) -> Result<(), StakingError> {
        out.u32(*self).map(|_| ())
    }
}

impl EventField for u8 {
    fn write<const N: usize>(&self, out: &mut Writer<N>) -> Result<(), StakingError> {
        out.bytes(&[*self]).map(|_| ())
    }
}

/// One event as listed in [`ALL`] (checked against the IDL).
#[derive(Clone, Copy, Debug)]
pub struct EventInfo {
    /// The IDL name.
    pub name: &'static str,
    /// `sha256("event:<Name>")[..8]`.
    pub discriminator: [u8; 8],
    /// Field names in encoding order.
    pub fields: &'static [&'static str],
}

impl EventField for LockOption {
    fn write<const N: usize>(&self, out: &mut Writer<N>) -> Result<(), StakingError> {
        self.duration_s.write(out)?;
        self.multiplier_bps.write(out)
    }
}

// Fixed-size arrays are Borsh-encoded as their elements, in order (no length prefix). Per
// array type, not generic: keys (`[u8; 32]`) are written in one copy above.
impl EventField for [u32; MAX_TIERS] {
    fn write<const N: usize>(&self, out: &mut Writer<N>) -> Result<(), StakingError> {
        self.iter().try_for_each(|item| item.write(out))
    }
}

impl EventField for [LockOption; MAX_LOCK_OPTIONS] {
    fn write<const N: usize>(&self, out: &mut Writer<N>) -> Result<(), StakingError> {
        self.iter().try_for_each(|item| item.write(out))
    }
}

macro_rules! events {
    ($($(#[$doc:meta])* $name:ident { $($(#[$fdoc:meta])* $field:ident: $ty:ty,)+ })+) => {
        /// Every event, in declaration order (generated, like `StakingError::ALL`).
        pub const ALL: &[EventInfo] = &[$(EventInfo {
            name: stringify!($name),
            discriminator: $name::DISCRIMINATOR,
            fields: $name::FIELDS,
        },)+];
$(
        $(#[$doc])*
        pub struct $name {
            $($(#[$fdoc])* pub $field: $ty,)+
        }

        impl $name {
            /// `sha256("event:<Name>")[..8]`.
            pub const DISCRIMINATOR: [u8; 8] = discriminator::event(stringify!($name));

            /// Field names in encoding order (checked against the IDL).
            pub const FIELDS: &'static [&'static str] = &[$(stringify!($field)),+];

            /// Logs the event.
            pub fn emit(&self) -> Result<(), StakingError> {
                let mut out = Writer::<256>::new();
                out.bytes(&Self::DISCRIMINATOR)?;
                $(self.$field.write(&mut out)?;)+
                log_data(out.as_slice());
                Ok(())
            }
        }
    )+};
}

events! {
    /// A pool was created.
    PoolInitialized {
        /// The new pool.
        pool: Key,
        /// Its authority.
        authority: Key,
        /// Its id.
        pool_id: u64,
        /// Accepted collection (zero key when none).
        collection: Key,
        /// Accepted creator (zero key when none).
        creator: Key,
        /// Weight of an NFT staked without a tier proof.
        default_tier_weight: u32,
        /// Creation time.
        created_at: i64,
    }
    /// A pool's tiers, lock options or URI changed.
    PoolUpdated {
        /// The pool.
        pool: Key,
        /// New tier merkle root.
        tier_root: Key,
        /// New default tier weight.
        default_tier_weight: u32,
        /// New tier weights (0: unused), so indexers and holders see what changed (audit I-5).
        tier_weights: [u32; MAX_TIERS],
        /// New lock options (multiplier 0: unused).
        lock_options: [LockOption; MAX_LOCK_OPTIONS],
        /// New longest lock (seconds).
        max_lock_s: u32,
        /// New longest pause (seconds).
        max_pause_s: u32,
        /// New flags (1: accepts print editions, 2: requires a tier proof).
        flags: u8,
    }
    /// A reward stream was added.
    StreamAdded {
        /// The pool.
        pool: Key,
        /// Index of the new stream.
        stream_index: u8,
        /// Reward mint.
        mint: Key,
        /// Reward vault.
        vault: Key,
        /// 0 FixedPerWeight, 1 SharedEmission.
        mode: u8,
        /// Rate.
        rate: u64,
        /// Start time.
        start_ts: i64,
        /// End time.
        end_ts: i64,
    }
    /// Tokens were added to a stream's vault.
    StreamFunded {
        /// The pool.
        pool: Key,
        /// The stream.
        stream_index: u8,
        /// Who funded it.
        funder: Key,
        /// Amount added.
        amount: u64,
    }
    /// A stream's rate or end time changed (after accruing at the old values).
    StreamUpdated {
        /// The pool.
        pool: Key,
        /// The stream.
        stream_index: u8,
        /// New rate.
        rate: u64,
        /// New end time.
        end_ts: i64,
    }
    /// An NFT went into escrow.
    NftStaked {
        /// The pool.
        pool: Key,
        /// The holder.
        owner: Key,
        /// The NFT.
        mint: Key,
        /// Its effective weight (`1 / 10_000` weight units: tier weight × lock multiplier).
        weight: u64,
        /// Tier index (255 = default tier).
        tier: u8,
        /// Locked until (0 = not locked).
        lock_until: i64,
        /// When.
        staked_at: i64,
    }
    /// An NFT came back to its holder.
    NftUnstaked {
        /// The pool.
        pool: Key,
        /// The holder.
        owner: Key,
        /// The NFT.
        mint: Key,
        /// The effective weight it had (`1 / 10_000` weight units).
        weight: u64,
        /// When.
        unstaked_at: i64,
    }
    /// Rewards were paid (one event per stream with a payout or a remainder).
    RewardsClaimed {
        /// The pool.
        pool: Key,
        /// The holder.
        owner: Key,
        /// The stream.
        stream_index: u8,
        /// Reward mint.
        mint: Key,
        /// Paid now.
        amount: u64,
        /// Still owed (the vault was short).
        owed: u64,
        /// When.
        claimed_at: i64,
    }
    /// A pool was paused or unpaused.
    PoolPauseUpdated {
        /// The pool.
        pool: Key,
        /// Paused until (unix seconds); 0 when unpaused.
        paused_until: i64,
    }
    /// A pool was sunset: streams ended, locks lifted, no new stakes.
    PoolSunset {
        /// The pool.
        pool: Key,
        /// When.
        sunset_at: i64,
    }
    /// A new authority was proposed (zero key: proposal cancelled).
    AuthorityProposed {
        /// The pool.
        pool: Key,
        /// Current authority.
        authority: Key,
        /// Proposed authority.
        proposed: Key,
    }
    /// The proposed authority accepted.
    AuthorityAccepted {
        /// The pool.
        pool: Key,
        /// Previous authority.
        previous: Key,
        /// New authority.
        authority: Key,
    }
    /// Unused reward tokens went back to the authority's chosen account.
    SurplusWithdrawn {
        /// The pool.
        pool: Key,
        /// The stream.
        stream_index: u8,
        /// Amount withdrawn.
        amount: u64,
        /// Destination token account.
        destination: Key,
    }
    /// A staked NFT was re-weighted under the current tier root.
    TierRefreshed {
        /// The pool.
        pool: Key,
        /// The holder.
        owner: Key,
        /// The NFT.
        mint: Key,
        /// New tier.
        tier: u8,
        /// Effective weight before (`1 / 10_000` weight units).
        old_weight: u64,
        /// Effective weight after (the tier changed, the lock multiplier did not).
        new_weight: u64,
    }
    /// A holder closed their empty staker account.
    StakerClosed {
        /// The pool.
        pool: Key,
        /// The holder.
        owner: Key,
    }
    /// A perk was created.
    PerkCreated {
        /// The pool.
        pool: Key,
        /// The perk.
        perk: Key,
        /// Its id.
        perk_id: u64,
        /// Points per redemption.
        cost_points: u64,
    }
    /// A perk's terms changed.
    PerkUpdated {
        /// The pool.
        pool: Key,
        /// The perk.
        perk: Key,
        /// Points per redemption.
        cost_points: u64,
    }
    /// A perk was closed.
    PerkClosed {
        /// The pool.
        pool: Key,
        /// The perk.
        perk: Key,
    }
    /// A holder redeemed a perk with points.
    PerkRedeemed {
        /// The pool.
        pool: Key,
        /// The perk.
        perk: Key,
        /// The holder.
        owner: Key,
        /// Points spent.
        points_spent: u64,
        /// The holder's redemptions of this perk so far.
        count: u32,
        /// When.
        redeemed_at: i64,
    }
}

/// Logs one `Program data:` entry.
fn log_data(data: &[u8]) {
    #[cfg(target_arch = "bpf")]
    {
        let parts = [data];
        // SAFETY: `sol_log_data` reads `len` (ptr, len) slice descriptors, which `&[u8]` is.
        unsafe {
            pinocchio::syscalls::sol_log_data(parts.as_ptr() as *const u8, parts.len() as u64)
        };
    }
    #[cfg(not(target_arch = "bpf"))]
    core::hint::black_box(data);
}
