//! Bounds-checked Borsh reading and writing over byte slices, without allocation.
//!
//! Instruction arguments and events use Borsh, as Anchor does. Every read checks its bounds
//! and returns `InvalidInstructionData` instead of panicking.

use crate::error::StakingError;
use pinocchio::Address;

/// Reads Borsh values from the front of a byte slice.
pub struct Reader<'a> {
    data: &'a [u8],
}

impl<'a> Reader<'a> {
    /// Starts reading at the beginning of `data`.
    pub const fn new(data: &'a [u8]) -> Self {
        Self { data }
    }

    /// Takes the next `N` bytes.
    #[inline(always)]
    pub fn array<const N: usize>(&mut self) -> Result<&'a [u8; N], StakingError> {
        let (head, rest) = self
            .data
            .split_first_chunk::<N>()
            .ok_or(StakingError::InvalidInstructionData)?;
        self.data = rest;
        Ok(head)
    }

    /// Takes `len` bytes.
    pub fn bytes(&mut self, len: usize) -> Result<&'a [u8], StakingError> {
        let (head, rest) = self
            .data
            .split_at_checked(len)
            .ok_or(StakingError::InvalidInstructionData)?;
        self.data = rest;
        Ok(head)
    }

    /// Reads a `u8`.
    pub fn u8(&mut self) -> Result<u8, StakingError> {
        Ok(self.array::<1>()?[0])
    }

    /// Reads a `bool` (only 0 or 1 are valid, as in Borsh).
    pub fn bool(&mut self) -> Result<bool, StakingError> {
        match self.u8()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(StakingError::InvalidInstructionData),
        }
    }

    /// Reads a little-endian `u32`.
    pub fn u32(&mut self) -> Result<u32, StakingError> {
        Ok(u32::from_le_bytes(*self.array::<4>()?))
    }

    /// Reads a little-endian `u64`.
    pub fn u64(&mut self) -> Result<u64, StakingError> {
        Ok(u64::from_le_bytes(*self.array::<8>()?))
    }

    /// Reads a little-endian `i64`.
    pub fn i64(&mut self) -> Result<i64, StakingError> {
        Ok(i64::from_le_bytes(*self.array::<8>()?))
    }

    /// Reads a 32-byte public key.
    pub fn address(&mut self) -> Result<Address, StakingError> {
        Ok(Address::new_from_array(*self.array::<32>()?))
    }

    /// Reads an `Option<Pubkey>` (tag byte, then the key when the tag is 1).
    pub fn option_address(&mut self) -> Result<Option<Address>, StakingError> {
        if self.bool()? {
            Ok(Some(self.address()?))
        } else {
            Ok(None)
        }
    }

    /// Reads an `Option<u8>`.
    pub fn option_u8(&mut self) -> Result<Option<u8>, StakingError> {
        if self.bool()? {
            Ok(Some(self.u8()?))
        } else {
            Ok(None)
        }
    }

    /// Reads a Borsh `String` (u32 length, then bytes) of at most `max_len` bytes, returning
    /// its bytes. `too_long` is returned when the length exceeds `max_len`.
    pub fn string(
        &mut self,
        max_len: usize,
        too_long: StakingError,
    ) -> Result<&'a [u8], StakingError> {
        let len = usize::try_from(self.u32()?).map_err(|_| StakingError::InvalidInstructionData)?;
        if len > max_len {
            return Err(too_long);
        }
        let bytes = self.bytes(len)?;
        core::str::from_utf8(bytes).map_err(|_| StakingError::InvalidInstructionData)?;
        Ok(bytes)
    }

    /// Fails unless every byte was consumed: trailing bytes mean the client and program disagree.
    pub fn finish(self) -> Result<(), StakingError> {
        if self.data.is_empty() {
            Ok(())
        } else {
            Err(StakingError::InvalidInstructionData)
        }
    }
}

/// Writes Borsh values into a fixed buffer (used for events).
pub struct Writer<const N: usize> {
    buf: [u8; N],
    len: usize,
}

impl<const N: usize> Writer<N> {
    /// An empty writer.
    pub const fn new() -> Self {
        Self {
            buf: [0; N],
            len: 0,
        }
    }

    /// Appends raw bytes; fails with `MathOverflow` if the buffer is full (a sizing bug).
    pub fn bytes(&mut self, bytes: &[u8]) -> Result<&mut Self, StakingError> {
        let end = self
            .len
            .checked_add(bytes.len())
            .ok_or(StakingError::MathOverflow)?;
        self.buf
            .get_mut(self.len..end)
            .ok_or(StakingError::MathOverflow)?
            .copy_from_slice(bytes);
        self.len = end;
        Ok(self)
    }

    /// Appends a `u32`.
    pub fn u32(&mut self, value: u32) -> Result<&mut Self, StakingError> {
        self.bytes(&value.to_le_bytes())
    }

    /// Appends a `u64`.
    pub fn u64(&mut self, value: u64) -> Result<&mut Self, StakingError> {
        self.bytes(&value.to_le_bytes())
    }

    /// Appends an `i64`.
    pub fn i64(&mut self, value: i64) -> Result<&mut Self, StakingError> {
        self.bytes(&value.to_le_bytes())
    }

    /// The bytes written so far.
    pub fn as_slice(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or(&[])
    }
}

impl<const N: usize> Default for Writer<N> {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests;
