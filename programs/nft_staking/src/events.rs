//! Events, logged with `sol_log_data` in Anchor's format: `sha256("event:<Name>")[..8]`
//! followed by the Borsh-encoded fields (`Program data: <base64>` in the logs, read by
//! Anchor's `EventParser`). Names are past tense; every state change emits one.

use crate::{borsh::Writer, discriminator, error::StakingError, state::Key};

/// Emitted by `initialize_pool`.
pub struct PoolInitialized<'a> {
    /// The new pool.
    pub pool: &'a Key,
    /// Its authority.
    pub authority: &'a Key,
    /// Its id.
    pub pool_id: u64,
    /// Accepted collection (zero key when none).
    pub collection: &'a Key,
    /// Accepted creator (zero key when none).
    pub creator: &'a Key,
    /// Weight of an NFT staked without a tier proof.
    pub default_tier_weight: u32,
    /// Creation time.
    pub created_at: i64,
}

impl PoolInitialized<'_> {
    /// `sha256("event:PoolInitialized")[..8]`.
    pub const DISCRIMINATOR: [u8; 8] = discriminator::event("PoolInitialized");

    /// Logs the event.
    pub fn emit(&self) -> Result<(), StakingError> {
        let mut out = Writer::<{ 8 + 32 * 4 + 8 + 4 + 8 }>::new();
        out.bytes(&Self::DISCRIMINATOR)?
            .bytes(self.pool)?
            .bytes(self.authority)?
            .u64(self.pool_id)?
            .bytes(self.collection)?
            .bytes(self.creator)?
            .u32(self.default_tier_weight)?
            .i64(self.created_at)?;
        log_data(out.as_slice());
        Ok(())
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
