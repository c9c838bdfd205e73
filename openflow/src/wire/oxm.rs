//! One OXM/NXM TLV: a 4-byte header (class, field<<1 | hasmask, length), an
//! experimenter id for class 0xffff, the value and an optional mask of equal size.
//!
//! Invariant: `mask`, when present, has the same length as `value`; emitting what was
//! parsed reproduces the input bytes exactly.

use super::error::{DecodeError, Reader, Result};
use super::field::{Field, OXM_EXPERIMENTER};
use bytes::BufMut;

/// A match field with its value and optional mask, or a set_field/reg_load payload.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MatchField {
    /// Which field.
    pub field: Field,
    /// Value bytes, big-endian.
    pub value: Vec<u8>,
    /// Mask bytes, same length as `value`.
    pub mask: Option<Vec<u8>>,
    /// The (class, code) seen on the wire when it is not the field's preferred header
    /// (e.g. an NXM header where OXM exists), so re-emitting is exact.
    pub wire: Option<(u16, u8)>,
}

/// A bare OXM/NXM header as used by copy_field/reg_move/output_reg (no value).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct OxmHeader {
    /// The field.
    pub field: Field,
    /// Whether the has-mask bit is set.
    pub hasmask: bool,
    /// The length byte.
    pub len: u8,
    /// Non-preferred (class, code) seen on the wire or named in text, if any.
    pub wire: Option<(u16, u8)>,
}

fn wire_header(field: Field, wire: Option<(u16, u8)>) -> (u16, u8, Option<u32>) {
    match wire {
        Some((c, k)) => (c, k, None),
        None => field.header(),
    }
}

fn non_preferred(field: Field, class: u16, code: u8) -> Option<(u16, u8)> {
    let (c, k, _) = field.header();
    if (c, k) == (class, code) {
        None
    } else {
        Some((class, code))
    }
}

impl OxmHeader {
    /// Header for `field` without mask, with its natural length.
    pub fn of(field: Field) -> Self {
        let len = field.info().map(|i| i.width).unwrap_or(0) as u8;
        OxmHeader {
            field,
            hasmask: false,
            len,
            wire: None,
        }
    }

    /// Header for `field` as named by an NXM/OXM name (`NXM_OF_IN_PORT`), keeping that
    /// name's class and length.
    pub fn named(name: &str) -> Option<Self> {
        let (field, class, code, width) = super::field::header_by_name(name)?;
        Some(OxmHeader {
            field,
            hasmask: false,
            len: width as u8,
            wire: non_preferred(field, class, code),
        })
    }

    /// Field width in bits per this header's length.
    pub fn bits(&self) -> u16 {
        self.len as u16 * if self.hasmask { 4 } else { 8 }
    }

    /// Header bytes on the wire (4, or 8 for experimenter fields).
    pub fn buffer_len(&self) -> usize {
        if wire_header(self.field, self.wire).2.is_some() {
            8
        } else {
            4
        }
    }

    /// Parses a header.
    pub fn parse(r: &mut Reader<'_>) -> Result<Self> {
        let class = r.u16()?;
        let fm = r.u8()?;
        let len = r.u8()?;
        let experimenter = if class == OXM_EXPERIMENTER {
            Some(r.u32()?)
        } else {
            None
        };
        let field = Field::from_header(class, fm >> 1, experimenter);
        Ok(OxmHeader {
            field,
            hasmask: fm & 1 == 1,
            len,
            wire: if experimenter.is_none() {
                non_preferred(field, class, fm >> 1)
            } else {
                None
            },
        })
    }

    /// Emits the header.
    pub fn emit(&self, buf: &mut impl BufMut) {
        let (class, code, exp) = wire_header(self.field, self.wire);
        buf.put_u16(class);
        buf.put_u8((code << 1) | self.hasmask as u8);
        buf.put_u8(self.len);
        if let Some(e) = exp {
            buf.put_u32(e);
        }
    }
}

impl MatchField {
    /// An exact-match field.
    pub fn new(field: Field, value: Vec<u8>) -> Self {
        MatchField {
            field,
            value,
            mask: None,
            wire: None,
        }
    }

    /// A field from an integer value, sized to the field width.
    pub fn from_u128(field: Field, value: u128, mask: Option<u128>) -> Self {
        let w = field.info().map(|i| i.width).unwrap_or(4).min(16);
        let to = |v: u128| v.to_be_bytes()[16 - w..].to_vec();
        MatchField {
            field,
            value: to(value),
            mask: mask.map(to),
            wire: None,
        }
    }

    /// Value as an integer (fields up to 16 bytes; longer ones use their low 16 bytes).
    pub fn value_u128(&self) -> u128 {
        be_u128(&self.value)
    }

    /// Mask as an integer; all-ones of the value width when absent.
    pub fn mask_u128(&self) -> u128 {
        match &self.mask {
            Some(m) => be_u128(m),
            None => {
                let bits = (self.value.len() * 8).min(128);
                if bits == 128 {
                    u128::MAX
                } else {
                    (1u128 << bits) - 1
                }
            }
        }
    }

    /// Bytes on the wire.
    pub fn buffer_len(&self) -> usize {
        let h = if wire_header(self.field, self.wire).2.is_some() {
            8
        } else {
            4
        };
        h + self.value.len() * if self.mask.is_some() { 2 } else { 1 }
    }

    /// Parses one TLV.
    pub fn parse(r: &mut Reader<'_>) -> Result<Self> {
        let h = OxmHeader::parse(r)?;
        let mut len = h.len as usize;
        if wire_header(h.field, h.wire).2.is_some() {
            len = len
                .checked_sub(4)
                .ok_or(DecodeError::BadLength("oxm experimenter"))?;
        }
        let body = r.take(len)?;
        let (value, mask) = if h.hasmask {
            if len & 1 != 0 {
                return Err(DecodeError::BadLength("oxm mask"));
            }
            let (v, m) = body.split_at(len / 2);
            (v.to_vec(), Some(m.to_vec()))
        } else {
            (body.to_vec(), None)
        };
        Ok(MatchField {
            field: h.field,
            value,
            mask,
            wire: h.wire,
        })
    }

    /// Emits one TLV.
    pub fn emit(&self, buf: &mut impl BufMut) {
        let exp = wire_header(self.field, self.wire).2.is_some();
        let body = self.value.len() * if self.mask.is_some() { 2 } else { 1 };
        OxmHeader {
            field: self.field,
            hasmask: self.mask.is_some(),
            len: (body + if exp { 4 } else { 0 }) as u8,
            wire: self.wire,
        }
        .emit(buf);
        buf.put_slice(&self.value);
        if let Some(m) = &self.mask {
            buf.put_slice(m);
        }
    }
}

/// Big-endian bytes to an integer (the last 16 bytes when longer).
pub fn be_u128(b: &[u8]) -> u128 {
    let b = if b.len() > 16 { &b[b.len() - 16..] } else { b };
    b.iter().fold(0u128, |a, x| (a << 8) | *x as u128)
}
