//! The decode error of the binary layer and a bounds-checked reader.
//!
//! Invariant: every read goes through [`Reader`], which returns
//! [`DecodeError::Truncated`] instead of panicking, so no input bytes can make a
//! decoder panic.

/// Why a byte string is not a valid OpenFlow structure.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// Fewer bytes than the structure needs.
    #[error("truncated input")]
    Truncated,
    /// A length field disagrees with the bytes present or the structure's rules.
    #[error("bad length in {0}")]
    BadLength(&'static str),
    /// A field holds a value the structure forbids.
    #[error("bad value in {0}")]
    BadValue(&'static str),
}

/// Result of decoding.
pub type Result<T> = std::result::Result<T, DecodeError>;

/// A cursor over a byte slice whose reads fail with `Truncated` instead of panicking.
#[derive(Debug, Clone, Copy)]
pub struct Reader<'a> {
    buf: &'a [u8],
}

impl<'a> Reader<'a> {
    /// Reads from `buf`.
    pub fn new(buf: &'a [u8]) -> Self {
        Reader { buf }
    }
    /// Bytes left.
    pub fn remaining(&self) -> usize {
        self.buf.len()
    }
    /// True when nothing is left.
    pub fn is_empty(&self) -> bool {
        self.buf.is_empty()
    }
    /// The unread bytes.
    pub fn rest(&self) -> &'a [u8] {
        self.buf
    }
    /// Takes `n` bytes.
    pub fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        if self.buf.len() < n {
            return Err(DecodeError::Truncated);
        }
        let (a, b) = self.buf.split_at(n);
        self.buf = b;
        Ok(a)
    }
    /// Skips `n` bytes.
    pub fn skip(&mut self, n: usize) -> Result<()> {
        self.take(n).map(|_| ())
    }
    /// Reads one byte.
    pub fn u8(&mut self) -> Result<u8> {
        Ok(self.take(1)?[0])
    }
    /// Reads a big-endian u16.
    pub fn u16(&mut self) -> Result<u16> {
        let b = self.take(2)?;
        Ok(u16::from_be_bytes([b[0], b[1]]))
    }
    /// Reads a big-endian u32.
    pub fn u32(&mut self) -> Result<u32> {
        let b = self.take(4)?;
        Ok(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }
    /// Reads a big-endian u64.
    pub fn u64(&mut self) -> Result<u64> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_be_bytes(a))
    }
    /// Peeks a big-endian u16 without consuming.
    pub fn peek_u16(&self) -> Result<u16> {
        let mut r = *self;
        r.u16()
    }
}

/// Pads `buf` with zeros up to a multiple of 8 bytes measured from `start`.
pub fn pad8(buf: &mut Vec<u8>, start: usize) {
    let len = buf.len() - start;
    buf.resize(start + len.div_ceil(8) * 8, 0);
}

/// Overwrites the big-endian u16 at `at`; used to patch lengths after emitting a body.
pub fn patch_u16(buf: &mut [u8], at: usize, v: u16) {
    if let Some(s) = buf.get_mut(at..at + 2) {
        s.copy_from_slice(&v.to_be_bytes());
    }
}

/// Converts a length to u16, failing if it does not fit.
pub fn len16(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}
