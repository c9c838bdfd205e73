//! The 8-byte OpenFlow header: version, type, length, xid — a zero-copy view
//! ([`HeaderView`]) whose accessors never panic, and a checked [`Header`] repr.

use crate::wire::error::{DecodeError, Result};

/// OpenFlow protocol version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Version {
    /// 0x04.
    Of13,
    /// 0x05.
    Of14,
    /// 0x06.
    Of15,
    /// Anything else.
    Unknown(u8),
}

impl Version {
    /// Wire value.
    pub fn wire(self) -> u8 {
        match self {
            Version::Of13 => 4,
            Version::Of14 => 5,
            Version::Of15 => 6,
            Version::Unknown(v) => v,
        }
    }
    /// From the wire value.
    pub fn from_wire(v: u8) -> Self {
        match v {
            4 => Version::Of13,
            5 => Version::Of14,
            6 => Version::Of15,
            v => Version::Unknown(v),
        }
    }
}

/// Zero-copy view of a header at the start of a buffer.
#[derive(Debug, Clone, Copy)]
pub struct HeaderView<T: AsRef<[u8]>>(pub T);

impl<T: AsRef<[u8]>> HeaderView<T> {
    /// Checks there are at least 8 bytes.
    pub fn new_checked(t: T) -> Result<Self> {
        if t.as_ref().len() < 8 {
            return Err(DecodeError::Truncated);
        }
        Ok(HeaderView(t))
    }
    fn b(&self, i: usize) -> u8 {
        self.0.as_ref().get(i).copied().unwrap_or(0)
    }
    /// Version byte.
    pub fn version(&self) -> u8 {
        self.b(0)
    }
    /// Type byte.
    pub fn msg_type(&self) -> u8 {
        self.b(1)
    }
    /// Length including the header.
    pub fn length(&self) -> u16 {
        u16::from_be_bytes([self.b(2), self.b(3)])
    }
    /// Transaction id.
    pub fn xid(&self) -> u32 {
        u32::from_be_bytes([self.b(4), self.b(5), self.b(6), self.b(7)])
    }
}

/// Checked header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Header {
    /// Version.
    pub version: Version,
    /// Message type byte.
    pub msg_type: u8,
    /// Total length.
    pub length: u16,
    /// Transaction id.
    pub xid: u32,
}

impl Header {
    /// Parses and checks `length >= 8`.
    pub fn parse(buf: &[u8]) -> Result<Header> {
        let v = HeaderView::new_checked(buf)?;
        if v.length() < 8 {
            return Err(DecodeError::BadLength("header"));
        }
        Ok(Header {
            version: Version::from_wire(v.version()),
            msg_type: v.msg_type(),
            length: v.length(),
            xid: v.xid(),
        })
    }
}

/// How many bytes the next complete message in `buf` needs: `Ok(Some(n))` when a whole
/// message is present, `Ok(None)` when more bytes are needed.
pub fn frame_len(buf: &[u8]) -> Result<Option<usize>> {
    if buf.len() < 8 {
        return Ok(None);
    }
    let h = Header::parse(buf)?;
    let n = h.length as usize;
    Ok(if buf.len() >= n { Some(n) } else { None })
}
