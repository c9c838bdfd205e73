//! Zero-copy views (smoltcp's `Packet<T>` layer) over TLV-framed OpenFlow structures:
//! an OXM/NXM entry, an action, and iterators over lists of them. `new_checked` verifies
//! the lengths once; after that every accessor is infallible and never panics (out-of-
//! range reads return zero/empty instead of indexing past the buffer).
//!
//! The typed `Repr`s (`MatchField`, `Action`) are built from the same bytes by their
//! `parse`; the views serve code that only needs to look (flow-table scans, filters)
//! without allocating.

use super::error::{DecodeError, Result};

fn be16(b: &[u8], at: usize) -> u16 {
    match b.get(at..at + 2) {
        Some(s) => u16::from_be_bytes([s[0], s[1]]),
        None => 0,
    }
}

fn be32(b: &[u8], at: usize) -> u32 {
    match b.get(at..at + 4) {
        Some(s) => u32::from_be_bytes([s[0], s[1], s[2], s[3]]),
        None => 0,
    }
}

/// A view of one OXM/NXM TLV.
#[derive(Debug, Clone, Copy)]
pub struct OxmView<T: AsRef<[u8]>>(T);

impl<T: AsRef<[u8]>> OxmView<T> {
    /// Checks that the header and the payload it announces are present.
    pub fn new_checked(t: T) -> Result<Self> {
        let b = t.as_ref();
        if b.len() < 4 {
            return Err(DecodeError::Truncated);
        }
        let need = 4 + b[3] as usize;
        if b.len() < need || (be16(b, 0) == 0xffff && b[3] < 4) {
            return Err(DecodeError::BadLength("oxm view"));
        }
        Ok(OxmView(t))
    }
    /// OXM class.
    pub fn class(&self) -> u16 {
        be16(self.0.as_ref(), 0)
    }
    /// Field code.
    pub fn code(&self) -> u8 {
        self.0.as_ref().get(2).map(|x| x >> 1).unwrap_or(0)
    }
    /// Has-mask bit.
    pub fn hasmask(&self) -> bool {
        self.0.as_ref().get(2).is_some_and(|x| x & 1 == 1)
    }
    /// Payload length byte.
    pub fn payload_len(&self) -> usize {
        self.0.as_ref().get(3).copied().unwrap_or(0) as usize
    }
    /// Experimenter id for class 0xffff.
    pub fn experimenter(&self) -> Option<u32> {
        (self.class() == 0xffff).then(|| be32(self.0.as_ref(), 4))
    }
    /// Value bytes (first half of the payload when masked).
    pub fn value(&self) -> &[u8] {
        let (start, len) = self.payload();
        let n = if self.hasmask() { len / 2 } else { len };
        self.0.as_ref().get(start..start + n).unwrap_or(&[])
    }
    /// Mask bytes when present.
    pub fn mask(&self) -> Option<&[u8]> {
        if !self.hasmask() {
            return None;
        }
        let (start, len) = self.payload();
        self.0.as_ref().get(start + len / 2..start + len)
    }
    fn payload(&self) -> (usize, usize) {
        if self.class() == 0xffff {
            (8, self.payload_len().saturating_sub(4))
        } else {
            (4, self.payload_len())
        }
    }
    /// Bytes this entry occupies.
    pub fn total_len(&self) -> usize {
        4 + self.payload_len()
    }
}

/// A view of one action.
#[derive(Debug, Clone, Copy)]
pub struct ActionView<T: AsRef<[u8]>>(T);

impl<T: AsRef<[u8]>> ActionView<T> {
    /// Checks the length field: ≥ 8, a multiple of 8, within the buffer.
    pub fn new_checked(t: T) -> Result<Self> {
        let b = t.as_ref();
        if b.len() < 4 {
            return Err(DecodeError::Truncated);
        }
        let len = be16(b, 2) as usize;
        if len < 8 || len & 7 != 0 || len > b.len() {
            return Err(DecodeError::BadLength("action view"));
        }
        Ok(ActionView(t))
    }
    /// Action type.
    pub fn kind(&self) -> u16 {
        be16(self.0.as_ref(), 0)
    }
    /// Length field.
    pub fn len(&self) -> usize {
        be16(self.0.as_ref(), 2) as usize
    }
    /// Always false for a checked view (length ≥ 8).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Experimenter id for type 0xffff.
    pub fn experimenter(&self) -> Option<u32> {
        (self.kind() == 0xffff).then(|| be32(self.0.as_ref(), 4))
    }
    /// Nicira subtype for Nicira actions.
    pub fn nx_subtype(&self) -> Option<u16> {
        (self.experimenter() == Some(super::action::NX_VENDOR)).then(|| be16(self.0.as_ref(), 8))
    }
    /// The action's bytes.
    pub fn bytes(&self) -> &[u8] {
        self.0.as_ref().get(..self.len()).unwrap_or(&[])
    }
}

/// Iterates over a packed action list; stops with an error item on a bad length.
pub fn actions(list: &[u8]) -> impl Iterator<Item = Result<ActionView<&[u8]>>> {
    let mut rest = list;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        match ActionView::new_checked(rest) {
            Ok(v) => {
                let n = v.len();
                let (head, tail) = rest.split_at(n);
                rest = tail;
                Some(ActionView::new_checked(head))
            }
            Err(e) => {
                rest = &[];
                Some(Err(e))
            }
        }
    })
}

/// Iterates over packed OXM entries.
pub fn oxms(list: &[u8]) -> impl Iterator<Item = Result<OxmView<&[u8]>>> {
    let mut rest = list;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        match OxmView::new_checked(rest) {
            Ok(v) => {
                let (head, tail) = rest.split_at(v.total_len());
                rest = tail;
                Some(OxmView::new_checked(head))
            }
            Err(e) => {
                rest = &[];
                Some(Err(e))
            }
        }
    })
}
